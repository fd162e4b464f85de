package dev.hearth.plugins.feeds;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The saved feed files under {@code src/test/resources/feeds}. */
final class FeedFixtures {

    private FeedFixtures() {
    }

    static Path path(String name) {
        try {
            return Path.of(FeedFixtures.class.getResource("/feeds/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("no fixture " + name, e);
        }
    }
}
