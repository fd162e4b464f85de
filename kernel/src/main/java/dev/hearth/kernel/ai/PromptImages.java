package dev.hearth.kernel.ai;

import dev.langchain4j.data.message.ImageContent;

import javax.imageio.ImageIO;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Images for vision models, from what a notebook has: a file ({@code --image PATH}) or a variable
 * holding a {@code BufferedImage}, PNG/JPEG/GIF/WebP bytes or a {@code Path} to an image
 * ({@code {img}} in a prompt). Sent base64-encoded: Ollama's {@code images}, OpenAI's data URIs.
 */
final class PromptImages {

    private static final long MAX_BYTES = 20L * 1024 * 1024;

    private PromptImages() {
    }

    /**
     * The image in the file {@code path}.
     *
     * @throws IllegalArgumentException when it is missing, too large or not an image
     */
    static ImageContent fromFile(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("--image " + path + ": no such file");
        }
        try {
            if (Files.size(path) > MAX_BYTES) {
                throw new IllegalArgumentException("--image " + path + ": larger than 20 MB; scale it down first");
            }
            return of(Files.readAllBytes(path)).orElseThrow(() -> new IllegalArgumentException(
                    "--image " + path + ": not a PNG, JPEG, GIF or WebP image"));
        } catch (IOException e) {
            throw new UncheckedIOException("--image " + path + ": " + e.getMessage(), e);
        }
    }

    /** {@code value} as an image, if it is one (an image object, image bytes, or a path to an image file). */
    static Optional<ImageContent> fromValue(Object value) {
        if (value instanceof RenderedImage image) {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            try {
                ImageIO.write(image, "png", png);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return of(png.toByteArray());
        }
        if (value instanceof byte[] bytes) {
            return of(bytes);
        }
        if (value instanceof Path path && Files.isRegularFile(path) && mimeOf(path.toString()).isPresent()) {
            return Optional.of(fromFile(path));
        }
        return Optional.empty();
    }

    private static Optional<ImageContent> of(byte[] bytes) {
        return mimeOf(bytes).map(mime -> ImageContent.from(Base64.getEncoder().encodeToString(bytes), mime));
    }

    /** The image type from the first bytes (magic numbers), not from a name. */
    static Optional<String> mimeOf(byte[] b) {
        if (b.length > 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return Optional.of("image/png");
        }
        if (b.length > 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
            return Optional.of("image/jpeg");
        }
        if (b.length > 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8') {
            return Optional.of("image/gif");
        }
        if (b.length > 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E'
                && b[10] == 'B' && b[11] == 'P') {
            return Optional.of("image/webp");
        }
        return Optional.empty();
    }

    private static Optional<String> mimeOf(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".png") ? Optional.of("image/png")
                : lower.endsWith(".jpg") || lower.endsWith(".jpeg") ? Optional.of("image/jpeg")
                : lower.endsWith(".gif") ? Optional.of("image/gif")
                : lower.endsWith(".webp") ? Optional.of("image/webp") : Optional.empty();
    }
}
