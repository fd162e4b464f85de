package dev.hearth.plugins.files;

import dev.hearth.api.Action;
import dev.hearth.api.ActionContext;
import dev.hearth.api.testing.ActionContract;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

/** Every files action keeps the action contract. */
class FilesContractTest {

    @TempDir
    static Path base;

    private static ActionContext context() {
        return new FilesFixture(base.resolve(String.valueOf(System.nanoTime()))).context();
    }

    @Nested
    class ListContract extends ActionContract {
        protected Action action() {
            return new FilesListAction();
        }

        protected Map<String, Object> sampleInput() {
            return Map.of("path", "notes");
        }

        @Override
        protected ActionContext context() {
            return FilesContractTest.context();
        }
    }

    @Nested
    class ReadContract extends ActionContract {
        protected Action action() {
            return new FilesReadAction();
        }

        protected Map<String, Object> sampleInput() {
            return Map.of("path", "todo.md");
        }

        @Override
        protected ActionContext context() {
            return FilesContractTest.context();
        }
    }

    @Nested
    class SearchContract extends ActionContract {
        protected Action action() {
            return new FilesSearchAction();
        }

        protected Map<String, Object> sampleInput() {
            return Map.of("query", "garden");
        }

        @Override
        protected ActionContext context() {
            return FilesContractTest.context();
        }
    }

    @Nested
    class WriteContract extends ActionContract {
        protected Action action() {
            return new FilesWriteAction();
        }

        protected Map<String, Object> sampleInput() {
            return Map.of("path", "new/out.txt", "content", "hello");
        }

        @Override
        protected ActionContext context() {
            return FilesContractTest.context();
        }
    }
}
