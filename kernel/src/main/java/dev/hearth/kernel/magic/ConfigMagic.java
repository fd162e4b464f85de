package dev.hearth.kernel.magic;

import dev.hearth.api.MimeBundle;
import dev.hearth.kernel.cell.CellContext;
import dev.hearth.kernel.config.ConfigKey;
import dev.hearth.kernel.config.HearthConfig;

import java.util.Map;

/** {@code %config}: show and set the kernel's settings for this session. Secrets are never shown. */
public final class ConfigMagic implements Magic {

    private static final MagicSpec SPEC = MagicSpec.builder("config", MagicSpec.Kind.LINE)
            .usage("%config [KEY | KEY=VALUE | --unset KEY]")
            .summary("Show the settings, or set one for this session")
            .help("Settings come from HEARTH_HOME/config.properties, then HEARTH_* environment variables "
                    + "(ollama.url is HEARTH_OLLAMA_URL), then %config for this session. "
                    + "Values of secrets (keys, tokens, passwords) are never shown.")
            .option("unset", MagicParam.Type.STRING, "remove a session setting, falling back to the environment or file")
            .build();

    private final HearthConfig config;

    public ConfigMagic(HearthConfig config) {
        this.config = config;
    }

    @Override
    public MagicSpec spec() {
        return SPEC;
    }

    @Override
    public Object run(MagicCall call, CellContext ctx) {
        if (call.args().string("unset").isPresent()) {
            String key = call.args().string("unset").get();
            config.unset(key);
            return MimeBundle.text(key + " = " + config.display(key) + "  (" + config.sourceOf(key) + ")");
        }
        String text = call.args().rest(0).strip();
        if (text.isEmpty()) {
            return table();
        }
        int eq = text.indexOf('=');
        if (eq < 0 && call.args().positionals().size() == 2) {
            config.set(call.args().positionals().get(0), call.args().positionals().get(1));
            return MimeBundle.text(call.args().positionals().get(0) + " set for this session");
        }
        if (eq < 0) {
            ConfigKey declared = config.declaredKeys().get(text);
            return MimeBundle.text(text + " = " + config.display(text) + "  (" + config.sourceOf(text) + ")"
                    + (declared == null ? "" : "\n" + declared.description()));
        }
        String key = text.substring(0, eq).strip();
        config.set(key, text.substring(eq + 1));
        return MimeBundle.text(key + " set for this session" + (config.isSecret(key) ? " (secret, not shown)" : ""));
    }

    private MimeBundle table() {
        StringBuilder plain = new StringBuilder("Hearth home: " + config.home() + "\n\n");
        StringBuilder html = new StringBuilder("<p>Hearth home: <code>" + escape(config.home().toString())
                + "</code></p><table><tr><th>setting</th><th>value</th><th>from</th><th>what it is</th></tr>");
        for (Map.Entry<String, String> entry : config.effectiveForDisplay().entrySet()) {
            String key = entry.getKey();
            ConfigKey declared = config.declaredKeys().get(key);
            String description = declared == null ? "" : declared.description();
            plain.append(key).append(" = ").append(entry.getValue()).append("  (").append(config.sourceOf(key))
                    .append(")").append(description.isEmpty() ? "" : "  # " + description).append('\n');
            html.append("<tr><td><code>").append(escape(key)).append("</code></td><td>").append(escape(entry.getValue()))
                    .append("</td><td>").append(escape(config.sourceOf(key))).append("</td><td>")
                    .append(escape(description)).append("</td></tr>");
        }
        html.append("</table>");
        return MimeBundle.html(html.toString(), plain.toString());
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
