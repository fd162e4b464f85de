package dev.hearth.kernel.render;

import dev.hearth.api.MimeBundle;
import dev.hearth.api.RenderOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageRendererTest {

    @TempDir
    Path dir;

    private final ImageRenderer images = new ImageRenderer();

    private static byte[] encoded(String format) throws Exception {
        BufferedImage image = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, 0xff0000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    @Test
    void aBufferedImageIsAPngOfItsSize() throws Exception {
        BufferedImage image = new BufferedImage(4, 3, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(2, 1, 0xff00ff00);
        MimeBundle bundle = images.render(image, RenderOptions.DEFAULTS);
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(
                Base64.getDecoder().decode((String) bundle.data().get(MimeBundle.PNG))));
        assertEquals(4, back.getWidth());
        assertEquals(0xff00ff00, back.getRGB(2, 1));
        assertEquals("<image, 4×3>", bundle.plainText());
    }

    @Test
    void bytesAreImagesByTheirFirstBytes() throws Exception {
        byte[] png = encoded("png");
        byte[] jpeg = encoded("jpg");
        assertTrue(images.accepts(png) && images.accepts(jpeg));
        assertFalse(images.accepts(new byte[] {1, 2, 3}));
        assertEquals(Base64.getEncoder().encodeToString(jpeg), images.render(jpeg, RenderOptions.DEFAULTS).data().get(MimeBundle.JPEG));
        assertTrue(images.render(png, RenderOptions.DEFAULTS).plainText().startsWith("<PNG image, "));
    }

    @Test
    void aPathToAnImageFileShowsTheImageAndKeepsItsText() throws Exception {
        Path photo = Files.write(dir.resolve("photo.JPG"), encoded("jpg"));
        MimeBundle bundle = images.render(photo, RenderOptions.DEFAULTS);
        assertTrue(bundle.data().containsKey(MimeBundle.JPEG));
        assertNull(bundle.plainText(), "the registry adds the path as text");
        Path fake = Files.writeString(dir.resolve("fake.png"), "not a png");
        assertNull(images.render(fake, RenderOptions.DEFAULTS), "declined: shown as its path");
        assertFalse(images.accepts(dir.resolve("missing.png")));
        assertFalse(images.accepts(Files.writeString(dir.resolve("notes.txt"), "x")));
    }
}
