package dev.hearth.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * An action's own section of the Hearth configuration: for the action {@code files.read} the keys
 * {@code files.*} (so {@code get("root")} reads {@code files.root} from {@code config.properties},
 * {@code HEARTH_FILES_ROOT} or {@code %config files.root=...}).
 */
@FunctionalInterface
public interface ActionSettings {

    /** The value of {@code key} inside the section (without the section prefix), if set and not blank. */
    Optional<String> get(String key);

    /** The value of {@code key}, or {@code fallback}. */
    default String get(String key, String fallback) {
        return get(key).orElse(fallback);
    }

    /**
     * The value of {@code key} as a whole number, or {@code fallback}.
     *
     * @throws ActionException naming the key when it is not a number
     */
    default long getLong(String key, long fallback) {
        Optional<String> value = get(key);
        try {
            return value.map(v -> Long.parseLong(v.strip())).orElse(fallback);
        } catch (NumberFormatException e) {
            throw new ActionException("setting " + key + " must be a whole number, not '" + value.get() + "'");
        }
    }

    /** The value of {@code key} in seconds (decimals allowed) as a duration, or {@code fallback}. */
    default Duration getSeconds(String key, Duration fallback) {
        Optional<String> value = get(key);
        try {
            return value.map(v -> Duration.ofMillis(Math.round(Double.parseDouble(v.strip()) * 1000)))
                    .orElse(fallback);
        } catch (NumberFormatException e) {
            throw new ActionException("setting " + key + " must be a number of seconds, not '" + value.get() + "'");
        }
    }

    /** The value of {@code key} as a path ({@code ~/} expanded), if set. */
    default Optional<Path> getPath(String key) {
        return get(key).map(UserPaths::of);
    }

    /** Settings read from a map of section-relative keys (for tests and embedding). */
    static ActionSettings of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return key -> Optional.ofNullable(copy.get(key)).filter(v -> !v.isBlank());
    }
}
