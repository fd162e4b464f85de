package dev.hearth.kernel.render;

import dev.hearth.api.MimeBundle;
import dev.hearth.api.RenderOptions;
import dev.hearth.api.Renderer;
import dev.hearth.kernel.cell.Rendering;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The session's renderers, asked in order; the first that accepts a value makes its bundle. The
 * order: the value's own display ({@link OwnDisplay}), then the renderers of every
 * {@linkplain #addSource source} (the plugins'), then the built-in automatic ones, then the value's
 * text. A renderer that throws makes the value show as text with a one-line note; the cell goes on.
 */
public final class RenderRegistry implements Rendering {

    private static final System.Logger LOG = System.getLogger(RenderRegistry.class.getName());

    private final Supplier<RenderOptions> options;
    private final List<Renderer> builtIns;
    private final List<Supplier<? extends List<? extends Renderer>>> sources = new CopyOnWriteArrayList<>();

    /**
     * @param options  the display settings, read at each value (so {@code %config} changes apply at once)
     * @param builtIns the automatic renderers, in order, asked after every source's
     */
    public RenderRegistry(Supplier<RenderOptions> options, List<Renderer> builtIns) {
        this.options = options;
        this.builtIns = List.copyOf(builtIns);
    }

    /** The built-in renderers with {@code options}: charts, images, then tables. */
    public static RenderRegistry standard(Supplier<RenderOptions> options) {
        return new RenderRegistry(options, List.of(new ChartRenderer(), new ImageRenderer(), new TableRenderer()));
    }

    /**
     * Adds renderers asked after the value's own display and before the built-in ones; the
     * supplier is read at each value (plugins come and go with {@code %plugins reload}) and must not block.
     */
    public RenderRegistry addSource(Supplier<? extends List<? extends Renderer>> source) {
        sources.add(source);
        return this;
    }

    /** Every renderer in the order they are asked. */
    public List<Renderer> renderers() {
        List<Renderer> all = new ArrayList<>();
        all.add(OwnDisplay.INSTANCE);
        for (Supplier<? extends List<? extends Renderer>> source : sources) {
            all.addAll(source.get());
        }
        all.addAll(builtIns);
        return all;
    }

    @Override
    public MimeBundle toBundle(Object value, String plainText) {
        if (value == null) {
            return TEXT.toBundle(null, plainText);
        }
        RenderOptions settings = options();
        for (Renderer renderer : renderers()) {
            MimeBundle bundle;
            try {
                if (!renderer.accepts(value)) {
                    continue;
                }
                bundle = renderer.render(value, settings);
            } catch (Exception | LinkageError | StackOverflowError e) {
                return failed(renderer, e, value, plainText);
            }
            if (bundle != null) {
                return bundle.plainText() != null ? bundle
                        : bundle.with(MimeBundle.TEXT, plainText != null ? plainText : String.valueOf(value));
            }
        }
        return TEXT.toBundle(value, plainText);
    }

    private RenderOptions options() {
        try {
            return options.get();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "display settings unusable, using the defaults: " + e.getMessage());
            return RenderOptions.DEFAULTS;
        }
    }

    private static MimeBundle failed(Renderer renderer, Throwable e, Object value, String plainText) {
        LOG.log(System.Logger.Level.DEBUG, "renderer " + renderer.getClass().getName() + " failed", e);
        String text = plainText != null ? plainText : String.valueOf(value);
        return MimeBundle.text(text + "\n[shown as text: renderer " + renderer.getClass().getName() + " failed: "
                + describe(e) + "]");
    }

    /** A failure in a few words for a note under a value: its type and message. */
    static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
