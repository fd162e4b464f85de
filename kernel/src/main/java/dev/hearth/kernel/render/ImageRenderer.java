package dev.hearth.kernel.render;

import dev.hearth.api.MimeBundle;
import dev.hearth.api.RenderOptions;
import dev.hearth.api.Renderer;

import javax.imageio.ImageIO;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Images: a {@link RenderedImage} (such as a {@code BufferedImage}) as PNG; a {@code byte[]} that
 * holds a PNG or JPEG (by its first bytes); a {@link Path} to a {@code .png}, {@code .jpg} or
 * {@code .jpeg} file of at most {@value #MAX_FILE_BYTES} bytes whose content is one.
 */
final class ImageRenderer implements Renderer {

    /** Largest image file shown from a path. */
    static final long MAX_FILE_BYTES = 20L * 1024 * 1024;

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG_MAGIC = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};

    @Override
    public boolean accepts(Object value) {
        return value instanceof RenderedImage
                || value instanceof byte[] bytes && type(bytes) != null
                || value instanceof Path path && isImageFile(path);
    }

    @Override
    public MimeBundle render(Object value, RenderOptions options) throws IOException {
        if (value instanceof RenderedImage image) {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            if (!ImageIO.write(image, "png", png)) {
                throw new IOException("no PNG writer for this kind of image");
            }
            return MimeBundle.image(MimeBundle.PNG, png.toByteArray(),
                    "<image, " + image.getWidth() + "×" + image.getHeight() + ">");
        }
        byte[] bytes = value instanceof Path path ? Files.readAllBytes(path) : (byte[]) value;
        String type = type(bytes);
        if (type == null) {
            return null; // a file named .png that is not one: shown as its path
        }
        MimeBundle image = MimeBundle.image(type, bytes, "<" + (type.equals(MimeBundle.PNG) ? "PNG" : "JPEG")
                + " image, " + String.format(java.util.Locale.ROOT, "%,d", bytes.length) + " bytes>");
        // a path keeps its own text, so consoles show which file it is
        return value instanceof Path ? new MimeBundle(Map.of(type, image.data().get(type)), Map.of()) : image;
    }

    /** {@code image/png} or {@code image/jpeg} by the first bytes, or {@code null}. */
    static String type(byte[] bytes) {
        if (startsWith(bytes, PNG_MAGIC)) {
            return MimeBundle.PNG;
        }
        return startsWith(bytes, JPEG_MAGIC) ? MimeBundle.JPEG : null;
    }

    private static boolean startsWith(byte[] bytes, byte[] magic) {
        if (bytes.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (bytes[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isImageFile(Path path) {
        Path name = path.getFileName();
        if (name == null) {
            return false;
        }
        String file = name.toString().toLowerCase(Locale.ROOT);
        if (!(file.endsWith(".png") || file.endsWith(".jpg") || file.endsWith(".jpeg"))) {
            return false;
        }
        try {
            return Files.isRegularFile(path) && Files.size(path) <= MAX_FILE_BYTES;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }
}
