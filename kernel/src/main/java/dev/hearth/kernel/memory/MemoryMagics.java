package dev.hearth.kernel.memory;

import dev.hearth.api.MimeBundle;
import dev.hearth.kernel.cell.CellContext;
import dev.hearth.kernel.eval.Evaluator;
import dev.hearth.kernel.magic.Magic;
import dev.hearth.kernel.magic.MagicArgs;
import dev.hearth.kernel.magic.MagicCall;
import dev.hearth.kernel.magic.MagicParam;
import dev.hearth.kernel.magic.MagicSpec;
import dev.hearth.kernel.magic.MagicUsageException;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code %memory}, {@code %recall} and {@code %remember}: thin shells over {@link Memory}. */
final class MemoryMagics {

    static final MagicSpec MEMORY = MagicSpec.builder("memory", MagicSpec.Kind.LINE)
            .usage("%memory ingest PATH_OR_GLOB | list | stats [NAME] | forget --source PATH | forget --id ID"
                    + " | drop NAME | backend [embedded | chroma [URL]] | copy --to BACKEND")
            .summary("Manage the private vector memory of your notes")
            .help("""
                    ingest   embeds Markdown (Obsidian, Logseq), text, HTML, .ipynb and PDF files; re-running embeds
                             only new or changed files and removes the chunks of deleted ones. Interrupt to stop;
                             the next run resumes.
                    list     collections with sizes, embedding model and backend
                    forget   removes the chunks of one file (--source) or one chunk (--id)
                    drop     deletes a collection (asks for confirmation)
                    backend  shows or switches the backend for this session (chroma needs a URL once)
                    copy     copies a collection (vectors included) to the other backend
                    From Java: memory.ingest(path), memory.recall(query), memory.remember(text).""")
            .subcommands("ingest", "list", "stats", "forget", "drop", "backend", "copy")
            .option("collection", "c", MagicParam.Type.STRING, "collection (default: memory.collection)")
            .option("chunk", MagicParam.Type.INT, "largest chunk in characters (ingest)")
            .option("overlap", MagicParam.Type.INT, "characters shared by consecutive chunks (ingest)")
            .option("source", MagicParam.Type.STRING, "file whose chunks to forget")
            .option("id", MagicParam.Type.STRING, "chunk id to forget")
            .option("to", MagicParam.Type.STRING, "target backend of copy: embedded or chroma")
            .build();

    static final MagicSpec RECALL = MagicSpec.builder("recall", MagicSpec.Kind.LINE)
            .usage("%recall QUERY [-k N] [--collection NAME] [--where key=value[,key=value]] [--mode vector|text|hybrid]")
            .summary("Find the chunks of your notes that answer QUERY; binds them to _recall")
            .help("Hybrid (the default where the backend has keyword search) fuses vector and BM25 rankings.")
            .option("k", "k", MagicParam.Type.INT, "how many chunks (default 5)")
            .option("collection", "c", MagicParam.Type.STRING, "collection (default: memory.collection)")
            .option("where", MagicParam.Type.STRING, "metadata that must match, e.g. tags=house or date=2024-03-15")
            .option("mode", MagicParam.Type.STRING, "vector, text or hybrid")
            .build();

    static final MagicSpec REMEMBER = MagicSpec.builder("remember", MagicSpec.Kind.LINE_AND_CELL)
            .usage("%remember [--collection NAME] [--tags a,b] TEXT  |  %%remember [--collection NAME] [--tags a,b] + body")
            .summary("Store a note in memory")
            .option("collection", "c", MagicParam.Type.STRING, "collection (default: memory.collection)")
            .option("tags", MagicParam.Type.STRING, "comma-separated tags")
            .build();

    private final Memory memory;
    private final Evaluator evaluator;

    MemoryMagics(Memory memory, Evaluator evaluator) {
        this.memory = memory;
        this.evaluator = evaluator;
    }

    Magic memoryMagic() {
        return magic(MEMORY, this::memory);
    }

    Magic recallMagic() {
        return magic(RECALL, this::recall);
    }

    Magic rememberMagic() {
        return magic(REMEMBER, this::remember);
    }

    private interface Body {
        Object run(MagicCall call, CellContext ctx) throws Exception;
    }

    private static Magic magic(MagicSpec spec, Body body) {
        return new Magic() {
            @Override
            public MagicSpec spec() {
                return spec;
            }

            @Override
            public Object run(MagicCall call, CellContext ctx) throws Exception {
                try {
                    return body.run(call, ctx);
                } catch (IllegalArgumentException e) {
                    throw new MagicUsageException("%" + spec.name() + ": " + e.getMessage(), spec);
                }
            }
        };
    }

    // ---- %memory ----

    private Object memory(MagicCall call, CellContext ctx) {
        MagicArgs args = call.args();
        String sub = args.positional(0).orElse("list");
        String collection = args.string("collection").orElse(null);
        return switch (sub) {
            case "ingest" -> ingest(args, collection, ctx);
            case "list" -> listing(memory.list());
            case "stats" -> listing(List.of(memory.stats(args.positional(1).orElse(collection))));
            case "forget" -> forget(args, collection);
            case "drop" -> drop(args.requirePositional(1, "the collection to drop"), ctx);
            case "backend" -> backend(args);
            case "copy" -> {
                String to = args.string("to").orElseThrow(() -> new IllegalArgumentException("copy needs --to embedded|chroma"));
                String from = memory.backend();
                long n = memory.copy(collection, to);
                yield MimeBundle.text("Copied " + n + " chunks of " + (collection == null ? "the default collection" : collection)
                        + " from " + from + " to " + to + ".");
            }
            default -> throw new IllegalArgumentException("unknown subcommand '" + sub + "'; use one of "
                    + String.join(", ", MEMORY.subcommands()));
        };
    }

    private Object ingest(MagicArgs args, String collection, CellContext ctx) {
        String path = args.requirePositional(1, "the file, directory or glob to ingest");
        Memory.IngestOptions options = new Memory.IngestOptions(collection, args.integer("chunk", 0), args.integer("overlap", -1));
        return MimeBundle.text(memory.ingest(path, options, ctx).toString());
    }

    private Object forget(MagicArgs args, String collection) {
        if (args.string("source").isPresent()) {
            long n = memory.forgetSource(collection, args.string("source").get());
            return MimeBundle.text("Forgot " + n + " chunks of " + args.string("source").get());
        }
        if (args.string("id").isPresent()) {
            long n = memory.forgetId(collection, args.string("id").get());
            return MimeBundle.text(n == 0 ? "No chunk with id " + args.string("id").get() : "Forgot chunk " + args.string("id").get());
        }
        throw new IllegalArgumentException("forget needs --source PATH or --id ID");
    }

    private Object drop(String collection, CellContext ctx) {
        CollectionInfo info = memory.stats(collection);
        String answer = ctx.input("Drop collection '" + collection + "' (" + info.chunks() + " chunks) on the "
                + info.backend() + " backend? Type its name to confirm: ", false);
        if (!collection.equals(answer == null ? "" : answer.strip())) {
            return MimeBundle.text("Not dropped.");
        }
        memory.drop(collection);
        return MimeBundle.text("Dropped " + collection + ".");
    }

    private Object backend(MagicArgs args) {
        if (args.positional(1).isPresent()) {
            memory.useBackend(args.positional(1).get(), args.positional(2).orElse(null));
        }
        return MimeBundle.text("Memory backend: " + memory.backend() + " (" + memory.backendLocation() + ")");
    }

    private static MimeBundle listing(List<CollectionInfo> infos) {
        StringBuilder html = new StringBuilder("<table><tr><th>collection</th><th>chunks</th><th>files</th>"
                + "<th>embedding model</th><th>backend</th></tr>");
        StringBuilder plain = new StringBuilder();
        for (CollectionInfo i : infos) {
            String model = i.model() == null ? "?" : i.model().toString();
            html.append("<tr><td>").append(escape(i.name())).append("</td><td>").append(i.chunks()).append("</td><td>")
                    .append(i.sources()).append("</td><td>").append(escape(model)).append("</td><td>")
                    .append(i.backend()).append("</td></tr>");
            plain.append(String.format(Locale.ROOT, "%-20s %8d chunks %6d files  %s  %s%n", i.name(), i.chunks(),
                    i.sources(), model, i.backend()));
        }
        if (infos.isEmpty()) {
            return MimeBundle.text("No collections yet: %memory ingest PATH or %remember TEXT");
        }
        return MimeBundle.html(html.append("</table>").toString(), plain.toString());
    }

    // ---- %recall ----

    private Object recall(MagicCall call, CellContext ctx) {
        MagicArgs args = call.args();
        Map<String, String> where = new LinkedHashMap<>();
        args.string("where").ifPresent(w -> Arrays.stream(w.split(",")).forEach(pair -> {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--where expects key=value, not '" + pair + "'");
            }
            where.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }));
        List<Recalled> hits = memory.recall(new Memory.RecallRequest(args.rest(0), args.integer("k", 5),
                args.string("collection").orElse(null), where, args.string("mode").map(RecallMode::parse).orElse(null)));
        evaluator.bind("_recall", "java.util.List<" + Recalled.class.getName() + ">", hits);
        return table(hits);
    }

    static MimeBundle table(List<Recalled> hits) {
        if (hits.isEmpty()) {
            return MimeBundle.text("Nothing found.");
        }
        StringBuilder html = new StringBuilder("<table><tr><th>#</th><th>score</th><th>source</th><th>snippet</th></tr>");
        StringBuilder plain = new StringBuilder();
        for (Recalled r : hits) {
            String snippet = r.text().length() > 240 ? r.text().substring(0, 240) + "…" : r.text();
            html.append("<tr><td>").append(r.rank()).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.3f", r.score())).append("</td><td>").append(escape(r.source()))
                    .append(r.heading().isEmpty() ? "" : "<br><i>" + escape(r.heading()) + "</i>").append("</td><td>")
                    .append(escape(snippet)).append("</td></tr>");
            plain.append(String.format(Locale.ROOT, "%d. [%.3f] %s%n   %s%n", r.rank(), r.score(), r.location(),
                    snippet.replace('\n', ' ')));
        }
        return MimeBundle.html(html.append("</table>").toString(), plain.toString());
    }

    // ---- %remember ----

    private Object remember(MagicCall call, CellContext ctx) {
        String text = call.cellMagic() ? call.body() : call.args().rest(0);
        List<String> tags = call.args().string("tags").map(t -> List.of(t.split(","))).orElse(List.of());
        String id = memory.remember(text, call.args().string("collection").orElse(null), tags);
        return MimeBundle.text("Remembered (id " + id + ").");
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
