package dev.hearth.kernel.memory;

/** The {@code ~} of a path the user typed. */
final class HomePath {

    private HomePath() {
    }

    /** {@code ~} or {@code ~/x} with the home directory put in. */
    static String expand(String path) {
        return path.replaceFirst("^~(?=/|$)", java.util.regex.Matcher.quoteReplacement(System.getProperty("user.home")));
    }
}
