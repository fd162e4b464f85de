package dev.hearth.kernel.render;

import dev.hearth.api.MimeBundle;
import dev.hearth.api.RenderOptions;
import dev.hearth.api.Renderer;
import dev.hearth.api.RichDisplay;

/** A value that shows itself: a {@link MimeBundle} as it is, a {@link RichDisplay} by its own bundle. */
final class OwnDisplay implements Renderer {

    static final OwnDisplay INSTANCE = new OwnDisplay();

    private OwnDisplay() {
    }

    @Override
    public boolean accepts(Object value) {
        return value instanceof MimeBundle || value instanceof RichDisplay;
    }

    @Override
    public MimeBundle render(Object value, RenderOptions options) {
        return value instanceof MimeBundle bundle ? bundle : ((RichDisplay) value).toMimeBundle();
    }
}
