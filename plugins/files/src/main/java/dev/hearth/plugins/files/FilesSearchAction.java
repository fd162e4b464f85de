package dev.hearth.plugins.files;

import dev.hearth.api.Action;
import dev.hearth.api.ActionContext;
import dev.hearth.api.ActionException;
import dev.hearth.api.ActionInput;
import dev.hearth.api.ActionResult;
import dev.hearth.api.ActionSpec;
import dev.hearth.api.ParamType;
import org.pf4j.Extension;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code files.search}: lines containing a text, in files matching a glob, under the root. */
@Extension
public class FilesSearchAction implements Action {

    private static final ActionSpec SPEC = ActionSpec.builder("files.search")
            .description("Searches text files under the configured root (files.root) for lines containing a text "
                    + "(case-insensitive). Returns 'path:line: text' for each match.")
            .required("query", ParamType.STRING, "the text to look for")
            .optional("glob", ParamType.STRING, "which files, e.g. **/*.md (relative to the root)", "**")
            .optional("max_results", ParamType.INTEGER, "most matching lines returned (1 to 10000)", 50)
            .build();

    /** One matching line. */
    public record Match(String path, int line, String text) {
    }

    @Override
    public ActionSpec spec() {
        return SPEC;
    }

    @Override
    public ActionResult invoke(ActionInput input, ActionContext context) throws IOException {
        context.checkCancelled(SPEC.name());
        Sandbox sandbox = Sandbox.of(context);
        String query = input.require("query").toLowerCase(Locale.ROOT);
        PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + input.require("glob"));
        long max = Limits.of(input, SPEC.name(), "max_results", 50, 10_000);
        List<Match> matches = new ArrayList<>();
        Files.walkFileTree(sandbox.root(), new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                context.checkCancelled(SPEC.name());
                Path rel = sandbox.root().relativize(file);
                // links are skipped: they may point outside the root
                if (!attrs.isRegularFile() || !(glob.matches(rel) || glob.matches(rel.getFileName()))) {
                    return FileVisitResult.CONTINUE;
                }
                search(sandbox, file, query, max, matches);
                return matches.size() >= max ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        StringBuilder text = new StringBuilder();
        matches.forEach(m -> text.append(m.path()).append(':').append(m.line()).append(": ").append(m.text()).append('\n'));
        if (matches.isEmpty()) {
            text.append("no line contains '").append(input.require("query")).append("'\n");
        }
        return ActionResult.of(text.toString(), Map.of("matches", matches));
    }

    /** Adds the matching lines of {@code file}, opened without following links (a folder swapped for one is skipped). */
    private static void search(Sandbox sandbox, Path file, String query, long max, List<Match> matches) {
        String shown = sandbox.relative(file);
        try (BufferedReader reader = new BufferedReader(Channels.newReader(sandbox.openForReading(shown, file),
                StandardCharsets.UTF_8.newDecoder(), -1))) {
            String line;
            for (int number = 1; (line = reader.readLine()) != null && matches.size() < max; number++) {
                if (line.toLowerCase(Locale.ROOT).contains(query)) {
                    matches.add(new Match(shown, number, line.strip()));
                }
            }
        } catch (CharacterCodingException e) {
            // binary or another encoding: not a text file we search
        } catch (ActionException e) {
            // it changed into a link (or went away) while the tree was walked: not searched
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
