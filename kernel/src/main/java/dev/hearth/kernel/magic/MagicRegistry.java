package dev.hearth.kernel.magic;

import dev.hearth.kernel.cell.CellContext;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * All magics of the kernel by name. Rooms register their magics at wiring time; the dispatcher
 * never changes when a magic is added. Help and completion are generated from the specs.
 */
public final class MagicRegistry {

    private final Map<String, Magic> magics = new ConcurrentHashMap<>();

    /** Adds a magic; a second magic with the same name replaces the first. */
    public MagicRegistry register(Magic magic) {
        magics.put(magic.spec().name(), magic);
        return this;
    }

    /** The magic named {@code name}. */
    public Optional<Magic> find(String name) {
        return Optional.ofNullable(magics.get(name));
    }

    /** Every magic, sorted by name. */
    public List<Magic> all() {
        return List.copyOf(new TreeMap<>(magics).values());
    }

    /** Every name usable as {@code %name} (line) or {@code %%name} (cell), with its prefix. */
    public List<String> invocations() {
        List<String> names = new ArrayList<>();
        for (Magic magic : all()) {
            MagicSpec spec = magic.spec();
            if (spec.kind().allowsLine()) {
                names.add("%" + spec.name());
            }
            if (spec.kind().allowsCell()) {
                names.add("%%" + spec.name());
            }
        }
        return names;
    }

    /**
     * Completions for {@code typed}, the text of a magic line from its {@code %} up to the cursor:
     * magic names while the name is typed, then subcommands, options and the magic's own candidates.
     */
    public LineCompletion complete(String typed) {
        int lastSpace = typed.lastIndexOf(' ');
        if (lastSpace < 0) {
            return new LineCompletion(invocations().stream().filter(n -> n.startsWith(typed)).toList(), 0);
        }
        String word = typed.substring(lastSpace + 1);
        return new LineCompletion(argumentCandidates(typed).stream().filter(c -> c.startsWith(word)).toList(), lastSpace + 1);
    }

    /**
     * Completion matches for a magic line.
     *
     * @param matches   what may replace the word being typed
     * @param wordStart where that word starts in the typed text
     */
    public record LineCompletion(List<String> matches, int wordStart) {
    }

    private List<String> argumentCandidates(String typedLine) {
        String name = typedLine.replaceFirst("^%+", "").split("\\s+", 2)[0];
        Optional<Magic> magic = find(name);
        if (magic.isEmpty()) {
            return List.of();
        }
        MagicSpec spec = magic.get().spec();
        List<String> candidates = new ArrayList<>();
        String[] words = typedLine.strip().split("\\s+");
        if (words.length <= 2 && !typedLine.endsWith(" ") || words.length == 1) {
            candidates.addAll(spec.subcommands());
        }
        spec.params().forEach(p -> candidates.add("--" + p.name()));
        candidates.addAll(magic.get().argumentCandidates(List.of(typedLine.replaceFirst("^%+", "").stripLeading().split("\\s+", -1))));
        return candidates;
    }

    /** The full help of the magic a line ({@code %name ...} or {@code %%name ...}) starts with, if it is known. */
    public Optional<String> help(String magicLine) {
        String name = magicLine.strip().replaceFirst("^%+", "").split("\\s+", 2)[0];
        return find(name).map(m -> m.spec().fullHelp());
    }

    /**
     * Parses the arguments and runs the magic.
     *
     * @throws MagicUsageException for an unknown magic, the wrong kind, or bad arguments
     */
    public Object invoke(String name, boolean cellMagic, String line, String body, CellContext ctx)
            throws Exception {
        String prefix = cellMagic ? "%%" : "%";
        Magic magic = find(name).orElseThrow(() -> new MagicUsageException(
                "Unknown magic " + prefix + name + ". " + suggestion(name) + "%lsmagic lists them all.", null));
        MagicSpec spec = magic.spec();
        if (cellMagic && !spec.kind().allowsCell()) {
            throw new MagicUsageException("%" + name + " is a line magic: write %" + name
                    + " (one %), not %%" + name, spec);
        }
        if (!cellMagic && !spec.kind().allowsLine()) {
            throw new MagicUsageException("%%" + name + " is a cell magic: start the cell with %%" + name
                    + " and put its body on the following lines", spec);
        }
        MagicArgs args = MagicArgs.parse(line, spec);
        return magic.run(new MagicCall(name, cellMagic, args, line, body), ctx);
    }

    private String suggestion(String name) {
        return magics.keySet().stream()
                .filter(known -> known.startsWith(name) || name.startsWith(known))
                .findFirst()
                .map(known -> "Did you mean %" + known + "? ")
                .orElse("");
    }

    /** The {@code %lsmagic} listing: every magic with its usage and one-line help. */
    public String listing() {
        StringBuilder out = new StringBuilder("Available magics (%help NAME for details):\n\n");
        Collection<Magic> all = all();
        int width = all.stream().mapToInt(m -> m.spec().usage().length()).max().orElse(0);
        width = Math.min(width, 48);
        for (Magic magic : all) {
            MagicSpec spec = magic.spec();
            String usage = spec.usage();
            out.append("  ").append(usage);
            out.append(usage.length() < width ? " ".repeat(width - usage.length()) : "\n  " + " ".repeat(width));
            out.append("  ").append(spec.summary()).append('\n');
        }
        return out.toString();
    }
}
