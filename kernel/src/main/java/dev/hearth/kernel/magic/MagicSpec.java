package dev.hearth.kernel.magic;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a magic describes itself.
 *
 * @param name        the name without {@code %}
 * @param kind        line, cell or both
 * @param usage       one synopsis line, e.g. {@code %time STATEMENT}
 * @param summary     one line of help for {@code %lsmagic}
 * @param help        longer help for {@code %help NAME}; may be empty
 * @param params      the named options it accepts
 * @param subcommands words accepted as the first positional argument (for completion), may be empty
 */
public record MagicSpec(String name, Kind kind, String usage, String summary, String help,
                        List<MagicParam> params, List<String> subcommands) {

    /** Whether a magic is used as {@code %name}, {@code %%name}, or both. */
    public enum Kind {
        LINE, CELL, LINE_AND_CELL;

        /** Whether {@code %name} is accepted. */
        public boolean allowsLine() {
            return this != CELL;
        }

        /** Whether {@code %%name} is accepted. */
        public boolean allowsCell() {
            return this != LINE;
        }
    }

    public MagicSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        usage = usage == null ? "%" + name : usage;
        summary = summary == null ? "" : summary;
        help = help == null ? "" : help;
        params = List.copyOf(params == null ? List.of() : params);
        subcommands = List.copyOf(subcommands == null ? List.of() : subcommands);
    }

    /** Starts a spec for the magic {@code name}. */
    public static Builder builder(String name, Kind kind) {
        return new Builder(name, kind);
    }

    /** The parameter named {@code --name} or {@code -x}, if declared. */
    public Optional<MagicParam> param(String flag) {
        return params.stream().filter(p -> p.matches(flag)).findFirst();
    }

    /** Usage, summary, options and long help, as {@code %help NAME} prints it. */
    public String fullHelp() {
        StringBuilder out = new StringBuilder();
        out.append("Usage: ").append(usage).append('\n');
        if (!summary.isEmpty()) {
            out.append('\n').append(summary).append('\n');
        }
        if (!params.isEmpty()) {
            out.append("\nOptions:\n");
            for (MagicParam p : params) {
                out.append("  ").append(p.synopsis());
                out.append(" ".repeat(Math.max(2, 26 - p.synopsis().length()))).append(p.description()).append('\n');
            }
        }
        if (!help.isEmpty()) {
            out.append('\n').append(help.strip()).append('\n');
        }
        return out.toString();
    }

    /** Builds a {@link MagicSpec}. */
    public static final class Builder {
        private final String name;
        private final Kind kind;
        private String usage;
        private String summary;
        private String help;
        private final List<MagicParam> params = new ArrayList<>();
        private final List<String> subcommands = new ArrayList<>();

        private Builder(String name, Kind kind) {
            this.name = name;
            this.kind = kind;
        }

        public Builder usage(String usage) {
            this.usage = usage;
            return this;
        }

        public Builder summary(String summary) {
            this.summary = summary;
            return this;
        }

        public Builder help(String help) {
            this.help = help;
            return this;
        }

        public Builder param(MagicParam param) {
            params.add(param);
            return this;
        }

        /** A boolean switch {@code --name}. */
        public Builder flag(String name, String description) {
            return param(new MagicParam(name, null, MagicParam.Type.FLAG, description));
        }

        /** An option {@code --name VALUE} of the given type. */
        public Builder option(String name, MagicParam.Type type, String description) {
            return param(new MagicParam(name, null, type, description));
        }

        /** An option with a short alias, e.g. {@code -k} for {@code --k}. */
        public Builder option(String name, String shortName, MagicParam.Type type, String description) {
            return param(new MagicParam(name, shortName, type, description));
        }

        public Builder subcommands(String... words) {
            subcommands.addAll(List.of(words));
            return this;
        }

        public MagicSpec build() {
            return new MagicSpec(name, kind, usage, summary, help, params, subcommands);
        }
    }
}
