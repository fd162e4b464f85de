package dev.hearth.kernel.memory;

/**
 * The short line put before each chunk's text when it is embedded (not stored or shown), so a
 * chunk deep in a note still carries what the note is about: {@code Title (aka Alias) > Heading}.
 */
final class ContextHeader {

    private ContextHeader() {
    }

    /** The header line with its newline, or an empty string when there is nothing to say. */
    static String of(String title, Object aliases, String heading) {
        StringBuilder out = new StringBuilder(title == null ? "" : title);
        if (aliases != null && !String.valueOf(aliases).isBlank()) {
            out.append(" (aka ").append(aliases).append(')');
        }
        if (heading != null && !heading.isBlank() && !heading.equals(title)) {
            String h = title != null && heading.startsWith(title + " > ") ? heading.substring(title.length() + 3) : heading;
            out.append(out.length() > 0 ? " > " : "").append(h);
        }
        return out.length() == 0 ? "" : out.append('\n').toString();
    }
}
