package dev.hearth.plugins.web;

import dev.hearth.api.Action;
import dev.hearth.api.testing.ActionContract;
import dev.hearth.api.testing.LoopbackServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;

import java.util.Map;

/** Both web actions keep the action contract, against the loopback fixture server. */
class WebContractTest {

    static final LoopbackServer SERVER = WebFixtures.start();

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    @Nested
    class FetchContract extends ActionContract {
        protected Action action() {
            return new WebFetchAction();
        }

        protected Map<String, Object> sampleInput() {
            return Map.of("url", SERVER.uri("/article").toString());
        }
    }

    @Nested
    class LinksContract extends ActionContract {
        protected Action action() {
            return new WebLinksAction();
        }

        protected Map<String, Object> sampleInput() {
            return Map.of("url", SERVER.uri("/article").toString());
        }
    }
}
