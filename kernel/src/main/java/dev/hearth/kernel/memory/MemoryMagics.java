package dev.hearth.kernel.memory;

import dev.hearth.api.MimeBundle;
import dev.hearth.kernel.cell.CellContext;
import dev.hearth.kernel.cell.StdinNotAllowedException;
import dev.hearth.kernel.config.HearthConfig;
import dev.hearth.kernel.eval.Evaluator;
import dev.hearth.kernel.magic.Magic;
import dev.hearth.kernel.magic.MagicArgs;
import dev.hearth.kernel.magic.MagicCall;
import dev.hearth.kernel.magic.MagicParam;
import dev.hearth.kernel.magic.MagicSpec;
import dev.hearth.kernel.magic.MagicUsageException;

import java.nio.file.Path;
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
                             Symbolic links are followed; unreadable files and folders, link loops and dangling links
                             are skipped and listed with the reason.
                    list     collections with sizes, embedding model and backend
                    forget   removes the chunks of one file (--source) or one chunk (--id)
                    drop     deletes a collection (asks for confirmation; --yes where nobody can answer)
                    backend  shows or switches the backend for this session (chroma needs a URL once); it sets
                             memory.backend and chroma.url, so %config shows the choice
                    copy     copies a collection (vectors included) to the other backend
                    From Java: memory.ingest(path), memory.recall(query), memory.remember(text).""")
            .subcommands("ingest", "list", "stats", "forget", "drop", "backend", "copy")
            .option("collection", "c", MagicParam.Type.STRING, "collection (default: memory.collection)")
            .option("chunk", MagicParam.Type.INT, "largest chunk in characters (ingest)")
            .option("overlap", MagicParam.Type.INT, "characters shared by consecutive chunks (ingest)")
            .option("source", MagicParam.Type.STRING, "file whose chunks to forget")
            .option("id", MagicParam.Type.STRING, "chunk id to forget")
            .option("to", MagicParam.Type.STRING, "target backend of copy: embedded or chroma")
            .flag("yes", "drop without asking (needed where nobody can answer, e.g. hearth run)")
            .build();

    static final MagicSpec RECALL = MagicSpec.builder("recall", MagicSpec.Kind.LINE)
            .usage("%recall QUERY [-k N] [--collection NAME] [--where key=value[,key=value]] [--in FOLDER/]"
                    + " [--mode vector|text|hybrid] [--chunks]  |  %recall --eval QUESTIONS.tsv [--mode M]")
            .summary("Find the notes that answer QUERY (one row per note); binds them to _recall")
            .help("""
                    Hybrid (the default where the backend has keyword search) mixes meaning (vectors) and words
                    (BM25 over text, title, aliases, headings and description). The score is the cosine similarity
                    of the question and the text shown, 0-100 %, the same scale in every mode.
                    --where tags=home matches home/heating too; a repeated key means either (tags=a,tags=b);
                    --in Projects/ (or --where folder=Projects) keeps notes under a folder.
                    --eval runs a file of 'question<TAB>relative/path.md' lines and shows top-1, top-5, MRR and
                    the misses with what came first, to tune chunking and modes on your own notes.""")
            .option("k", "k", MagicParam.Type.INT, "how many notes (default 5)")
            .option("collection", "c", MagicParam.Type.STRING, "collection (default: memory.collection)")
            .option("where", MagicParam.Type.STRING, "metadata that must match, e.g. tags=house or date=2024-03-15")
            .option("in", MagicParam.Type.STRING, "only notes under this folder of the ingested root")
            .option("mode", MagicParam.Type.STRING, "vector, text or hybrid")
            .flag("chunks", "one row per chunk instead of per note")
            .option("eval", MagicParam.Type.STRING, "score a question file: question<TAB>expected/path.md per line")
            .build();

    static final MagicSpec REMEMBER = MagicSpec.builder("remember", MagicSpec.Kind.LINE_AND_CELL)
            .usage("%remember [--collection NAME] [--tags a,b] TEXT  |  %%remember [--collection NAME] [--tags a,b] + body")
            .summary("Store a note in memory")
            .option("collection", "c", MagicParam.Type.STRING, "collection (default: memory.collection)")
            .option("tags", MagicParam.Type.STRING, "comma-separated tags")
            .build();

    private final Memory memory;
    private final Evaluator evaluator;
    private final HearthConfig config;

    /** {@code config} is where {@code %memory backend} stores the session's choice. */
    MemoryMagics(Memory memory, Evaluator evaluator, HearthConfig config) {
        this.memory = memory;
        this.evaluator = evaluator;
        this.config = config;
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
                } catch (MagicUsageException e) {
                    throw e; // already says which magic
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
            case "drop" -> drop(args.requirePositional(1, "the collection to drop"), args.flag("yes"), ctx);
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

    private Object drop(String collection, boolean yes, CellContext ctx) {
        CollectionInfo info = memory.stats(collection);
        if (!yes) {
            String answer;
            try {
                answer = ctx.input("Drop collection '" + collection + "' (" + info.chunks() + " chunks) on the "
                        + info.backend() + " backend? Type its name to confirm: ", false);
            } catch (StdinNotAllowedException e) {
                throw new IllegalArgumentException("nobody can confirm here (no input in this run): add --yes to drop '"
                        + collection + "' without asking");
            }
            if (!collection.equals(answer == null ? "" : answer.strip())) {
                return MimeBundle.text("Not dropped.");
            }
        }
        memory.drop(collection);
        return MimeBundle.text("Dropped " + collection + ".");
    }

    private Object backend(MagicArgs args) {
        if (args.positional(1).isPresent()) {
            BackendChoice chosen = memory.checkBackend(args.positional(1).get(), args.positional(2).orElse(null));
            config.set(MemoryRoom.BACKEND.name(), chosen.name());
            if (chosen.chromaUrl() != null) {
                config.set(MemoryRoom.CHROMA_URL.name(), chosen.chromaUrl());
            }
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
        RecallMode mode = args.string("mode").map(RecallMode::parse).orElse(null);
        String collection = args.string("collection").orElse(null);
        if (args.string("eval").isPresent()) {
            RecallEval.Report report = memory.evaluate(Path.of(HomePath.expand(args.string("eval").get())), collection, mode);
            evaluator.bind("_eval", RecallEval.Report.class.getCanonicalName(), report);
            return MimeBundle.text(report.toString());
        }
        Map<String, List<String>> where = new LinkedHashMap<>(args.string("where").map(Where::parse).orElse(Map.of()));
        args.string("in").ifPresent(folder -> where.computeIfAbsent("folder", k -> new java.util.ArrayList<>())
                .add(Where.normalise("folder", folder)));
        Memory.RecallRequest request = new Memory.RecallRequest(args.rest(0), args.integer("k", 5), collection, where, mode,
                args.flag("chunks"));
        List<Recalled> hits = memory.recall(request);
        evaluator.bind("_recall", "java.util.List<" + Recalled.class.getName() + ">", hits);
        return table(hits);
    }

    static MimeBundle table(List<Recalled> hits) {
        if (hits.isEmpty()) {
            return MimeBundle.text("Nothing found.");
        }
        StringBuilder html = new StringBuilder("<table><tr><th>#</th><th>match</th><th>note</th><th>snippet</th></tr>");
        StringBuilder plain = new StringBuilder();
        for (Recalled r : hits) {
            String match = String.format(Locale.ROOT, "%.0f %%", 100 * r.score());
            String heading = r.heading().isEmpty() || r.heading().equals(r.title()) ? "" : r.heading();
            html.append("<tr><td>").append(r.rank()).append("</td><td>").append(match).append("</td><td>")
                    .append("<b>").append(escape(r.title().isEmpty() ? r.path() : r.title())).append("</b><br>")
                    .append(escape(r.path()))
                    .append(heading.isEmpty() ? "" : "<br><i>" + escape(heading) + "</i>").append("</td><td>")
                    .append(escape(r.snippet())).append("</td></tr>");
            plain.append(String.format(Locale.ROOT, "%d. [%s] %s%s%n   %s%n", r.rank(), match, r.path(),
                    heading.isEmpty() ? "" : " > " + heading, r.snippet()));
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
