package dev.hearth.plugins.feeds;

import dev.hearth.api.Action;
import dev.hearth.api.ActionContext;
import dev.hearth.api.ActionSettings;
import dev.hearth.api.testing.ActionContract;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

/** {@code feeds.read} keeps the action contract, on a saved feed file. */
class FeedsContractTest extends ActionContract {

    @TempDir
    Path state;

    @Override
    protected Action action() {
        return new FeedsReadAction();
    }

    @Override
    protected Map<String, Object> sampleInput() {
        return Map.of("url", FeedFixtures.path("rss2-namespaces.xml").toString());
    }

    @Override
    protected ActionContext context() {
        return ActionContext.builder().settings(ActionSettings.of(Map.of("state.dir", state.toString()))).build();
    }
}
