package dev.hearth.kernel.cell;

import dev.hearth.api.MimeBundle;
import dev.hearth.api.RichDisplay;

/** How a value is shown in a notebook. */
public final class Rendering {

    private Rendering() {
    }

    /**
     * The bundle for {@code value}: its own when it is a {@link MimeBundle} or {@link RichDisplay},
     * else {@code text/plain} of {@code plainText} (when given) or {@code String.valueOf(value)}.
     */
    public static MimeBundle toBundle(Object value, String plainText) {
        if (value instanceof MimeBundle bundle) {
            return bundle;
        }
        if (value instanceof RichDisplay rich) {
            MimeBundle bundle = rich.toMimeBundle();
            if (bundle != null) {
                return bundle.plainText() != null ? bundle : bundle.with(MimeBundle.TEXT, String.valueOf(value));
            }
        }
        return MimeBundle.text(plainText != null ? plainText : String.valueOf(value));
    }
}
