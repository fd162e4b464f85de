package dev.hearth.api;

import java.nio.file.Path;

/** Paths as a user writes them in settings, magics and action inputs. */
public final class UserPaths {

    private UserPaths() {
    }

    /**
     * {@code text} with a leading {@code ~} (alone or before {@code /}) replaced by the user's home
     * directory; any other text unchanged. Globs survive: only the prefix is touched.
     */
    public static String expandHome(String text) {
        if (text.equals("~") || text.startsWith("~/")) {
            return System.getProperty("user.home") + text.substring(1);
        }
        return text;
    }

    /** {@link #expandHome} as a path. */
    public static Path of(String text) {
        return Path.of(expandHome(text));
    }
}
