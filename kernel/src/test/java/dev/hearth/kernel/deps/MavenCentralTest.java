package dev.hearth.kernel.deps;

import org.eclipse.aether.transfer.AbstractTransferListener;
import org.eclipse.aether.transfer.TransferEvent;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real thing once: a small artifact downloaded from Maven Central (checksums checked) into an
 * empty local repository. Skipped, with the reason, where Central cannot be reached (offline CI).
 */
class MavenCentralTest {

    @Test
    void downloadsFromMavenCentral(@TempDir Path dir) throws IOException {
        URI central = URI.create(MavenResolver.CENTRAL);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(central.getHost(), 443), 3000);
        } catch (IOException e) {
            Assumptions.abort("Maven Central is not reachable from here (" + e + "): no network");
        }
        Path settings = dir.resolve("settings.xml");
        Files.writeString(settings, "<settings><localRepository>" + dir.resolve("local") + "</localRepository></settings>");
        AtomicInteger downloads = new AtomicInteger();
        try (MavenResolver resolver = new MavenResolver(() -> MavenSettings.load(settings), MavenResolver.CENTRAL,
                Duration.ofSeconds(30))) {
            Resolution resolution = resolver.resolve(MavenRequest.of(List.of("org.ow2.asm:asm:9.10.1"), List.of(), List.of(), false),
                    List.of(), new AbstractTransferListener() {
                        @Override
                        public void transferSucceeded(TransferEvent event) {
                            downloads.incrementAndGet();
                        }
                    });
            assertEquals(List.of("org.ow2.asm:asm:9.10.1"),
                    resolution.artifacts().stream().map(ResolvedArtifact::coordinates).toList());
            Path jar = resolution.artifacts().get(0).file();
            assertTrue(jar.startsWith(dir.resolve("local")) && Files.size(jar) > 50_000, jar.toString());
            assertTrue(downloads.get() >= 2, "the POM and the jar came from Central: " + downloads.get());
        }
    }
}
