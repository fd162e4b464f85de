package dev.hearth.kernel.actions;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code %plugins} shows about one plugin jar.
 *
 * @param id      the plugin id, or the file name when the jar has none
 * @param version the plugin version, or empty
 * @param state   {@code STARTED}, {@code FAILED}, {@code DISABLED}, {@code NOT LOADED}, ...
 * @param reason  why it is not (fully) working, or empty when it is
 * @param actions the action names it provides
 * @param path    the jar or directory
 * @param bundled whether it ships with Hearth (else it is the user's, from the plugins directory)
 */
public record PluginReport(String id, String version, String state, String reason, List<String> actions,
                           Path path, boolean bundled) {

    public PluginReport {
        version = version == null ? "" : version;
        reason = reason == null ? "" : reason;
        actions = List.copyOf(actions);
    }

    /** Whether the plugin works fully. */
    public boolean healthy() {
        return state.equals("STARTED") && reason.isEmpty();
    }
}
