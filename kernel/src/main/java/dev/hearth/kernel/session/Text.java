package dev.hearth.kernel.session;

/** Cursor positions: Jupyter counts Unicode code points, Java strings count UTF-16 units. */
final class Text {

    private Text() {
    }

    static int toUtf16(String text, int codePoints) {
        int total = text.codePointCount(0, text.length());
        return text.offsetByCodePoints(0, Math.max(0, Math.min(codePoints, total)));
    }

    static int toCodePoints(String text, int utf16) {
        return text.codePointCount(0, Math.max(0, Math.min(utf16, text.length())));
    }
}
