package dev.hearth.kernel.magic;

import dev.hearth.api.MimeBundle;
import dev.hearth.api.UserPaths;
import dev.hearth.kernel.cell.CellContext;
import dev.hearth.kernel.eval.Evaluator;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code %classpath PATH...}: add jars or class directories to the Java session. */
public final class ClasspathMagic implements Magic {

    private static final MagicSpec SPEC = MagicSpec.builder("classpath", MagicSpec.Kind.LINE)
            .usage("%classpath PATH [PATH...]")
            .summary("Add jars or class directories (globs such as lib/*.jar work) to later cells")
            .build();

    private final Evaluator evaluator;

    public ClasspathMagic(Evaluator evaluator) {
        this.evaluator = evaluator;
    }

    @Override
    public MagicSpec spec() {
        return SPEC;
    }

    @Override
    public Object run(MagicCall call, CellContext ctx) throws IOException {
        if (call.args().positionals().isEmpty()) {
            throw new MagicUsageException("%classpath: give at least one jar or directory", SPEC);
        }
        List<Path> added = new ArrayList<>();
        for (String pattern : call.args().positionals()) {
            List<Path> matches = expand(pattern);
            if (matches.isEmpty()) {
                throw new MagicUsageException("%classpath: nothing found at " + pattern, SPEC);
            }
            for (Path path : matches) {
                evaluator.addToClasspath(path.toString());
                added.add(path);
            }
        }
        StringBuilder text = new StringBuilder("Added to the class path:");
        added.forEach(p -> text.append("\n  ").append(p));
        return MimeBundle.text(text.toString());
    }

    private static List<Path> expand(String pattern) throws IOException {
        String expanded = UserPaths.expandHome(pattern);
        if (!expanded.contains("*") && !expanded.contains("?")) {
            Path path = Path.of(expanded).toAbsolutePath().normalize();
            return Files.exists(path) ? List.of(path) : List.of();
        }
        Path parent = Path.of(expanded).toAbsolutePath().getParent();
        String glob = Path.of(expanded).getFileName().toString();
        List<Path> matches = new ArrayList<>();
        if (parent != null && Files.isDirectory(parent)) {
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(parent, glob)) {
                stream.forEach(p -> matches.add(p.normalize()));
            }
        }
        matches.sort(null);
        return matches;
    }
}
