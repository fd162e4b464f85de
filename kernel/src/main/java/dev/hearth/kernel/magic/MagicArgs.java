package dev.hearth.kernel.magic;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parsed arguments of one magic call: named options (by long name) and positional words.
 * Typed getters turn a bad value into a {@link MagicUsageException} that names the option.
 */
public final class MagicArgs {

    private final MagicSpec spec;
    private final Map<String, String> options;
    private final Map<String, List<String>> repeated;
    private final List<String> positionals;

    MagicArgs(MagicSpec spec, Map<String, List<String>> repeated, List<String> positionals) {
        this.spec = spec;
        Map<String, String> last = new LinkedHashMap<>();
        repeated.forEach((name, values) -> last.put(name, values.get(values.size() - 1)));
        this.options = Collections.unmodifiableMap(last);
        this.repeated = Collections.unmodifiableMap(new LinkedHashMap<>(repeated));
        this.positionals = List.copyOf(positionals);
    }

    /**
     * Parses {@code line} against {@code spec}: quoted strings are one word, {@code --name value},
     * {@code --name=value} and {@code -x value} set options, {@code --} ends the options.
     *
     * @throws MagicUsageException naming an unknown option or a missing/ill-typed value
     */
    public static MagicArgs parse(String line, MagicSpec spec) {
        List<String> words = ArgTokenizer.split(line);
        Map<String, List<String>> options = new LinkedHashMap<>();
        List<String> positionals = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (optionsEnded || !looksLikeOption(word)) {
                positionals.add(word);
                continue;
            }
            if (word.equals("--")) {
                optionsEnded = true;
                continue;
            }
            String flag = word;
            String inlineValue = null;
            int eq = word.indexOf('=');
            if (word.startsWith("--") && eq > 0) {
                flag = word.substring(0, eq);
                inlineValue = word.substring(eq + 1);
            }
            String shownFlag = flag;
            MagicParam param = spec.param(flag).orElseThrow(() -> new MagicUsageException(
                    "%" + spec.name() + ": unknown option " + shownFlag, spec));
            String value;
            if (param.type() == MagicParam.Type.FLAG) {
                if (inlineValue != null) {
                    throw new MagicUsageException("%" + spec.name() + ": option --" + param.name()
                            + " takes no value", spec);
                }
                value = "true";
            } else if (param.type() == MagicParam.Type.OPTIONAL_STRING) {
                value = inlineValue == null ? "" : inlineValue;
            } else if (inlineValue != null) {
                value = inlineValue;
            } else if (i + 1 < words.size()) {
                value = words.get(++i);
            } else {
                throw new MagicUsageException("%" + spec.name() + ": option --" + param.name()
                        + " needs a value", spec);
            }
            checkType(spec, param, value);
            options.computeIfAbsent(param.name(), n -> new ArrayList<>()).add(value);
        }
        return new MagicArgs(spec, options, positionals);
    }

    private static boolean looksLikeOption(String word) {
        if (word.startsWith("--")) {
            return true;
        }
        // "-k" style, but not negative numbers or a lone dash
        return word.length() == 2 && word.charAt(0) == '-' && Character.isLetter(word.charAt(1));
    }

    private static void checkType(MagicSpec spec, MagicParam param, String value) {
        try {
            switch (param.type()) {
                case INT -> Long.parseLong(value);
                case DOUBLE -> Double.parseDouble(value);
                default -> {
                }
            }
        } catch (NumberFormatException e) {
            throw new MagicUsageException("%" + spec.name() + ": option --" + param.name() + " expects "
                    + (param.type() == MagicParam.Type.INT ? "a whole number" : "a number")
                    + ", not '" + value + "'", spec);
        }
    }

    /** Whether the switch {@code --name} was given. */
    public boolean flag(String name) {
        return options.containsKey(name);
    }

    /** Every value of {@code --name}, in order, for an option that may be repeated ({@code --image a --image b}). */
    public List<String> strings(String name) {
        return repeated.getOrDefault(name, List.of());
    }

    /** The value of {@code --name}, if given (the last one, when repeated). */
    public Optional<String> string(String name) {
        return Optional.ofNullable(options.get(name));
    }

    /** The value of {@code --name} as a whole number, if given. */
    public Optional<Integer> integer(String name) {
        return string(name).map(v -> {
            try {
                return Integer.valueOf(v);
            } catch (NumberFormatException e) {
                throw new MagicUsageException("%" + spec.name() + ": option --" + name
                        + " is out of range: " + v, spec);
            }
        });
    }

    /** The value of {@code --name} as a whole number, or {@code fallback}. */
    public int integer(String name, int fallback) {
        return integer(name).orElse(fallback);
    }

    /** The value of {@code --name} as a decimal number, if given. */
    public Optional<Double> decimal(String name) {
        return string(name).map(Double::valueOf);
    }

    /** All options given, by long name. */
    public Map<String, String> options() {
        return options;
    }

    /** The words that are not options, in order. */
    public List<String> positionals() {
        return positionals;
    }

    /** The positional word at {@code index}, if present. */
    public Optional<String> positional(int index) {
        return index < positionals.size() ? Optional.of(positionals.get(index)) : Optional.empty();
    }

    /** The positional word at {@code index}, or a usage error naming {@code what}. */
    public String requirePositional(int index, String what) {
        return positional(index).orElseThrow(() -> new MagicUsageException(
                "%" + spec.name() + ": missing " + what, spec));
    }

    /** Positional words from {@code index} on, joined by single spaces. */
    public String rest(int index) {
        return index >= positionals.size() ? "" : String.join(" ", positionals.subList(index, positionals.size()));
    }
}
