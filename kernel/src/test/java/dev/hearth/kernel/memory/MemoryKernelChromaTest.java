package dev.hearth.kernel.memory;

import dev.hearth.kernel.testing.KernelClient;
import dev.hearth.kernel.testing.KernelClient.Exchange;
import dev.hearth.kernel.testing.KernelProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code %memory backend} and {@code %memory copy} through the real kernel, against a real Chroma server. */
@ExtendWith(ChromaServer.class)
class MemoryKernelChromaTest {

    @TempDir
    Path dir;

    @Test
    void switchBackendsAndCopyACollectionToChroma() throws Exception {
        String collection = "kc-" + Long.toHexString(System.nanoTime());
        try (KernelProcess kernel = KernelProcess.start(dir.resolve("home"), Map.of())) {
            KernelClient client = kernel.client();
            java.util.function.Function<String, Exchange> ok = code -> {
                Exchange e = client.execute(code, 120_000);
                assertEquals("ok", e.status(), () -> code + " -> " + e.content() + "\n" + kernel.log());
                return e;
            };
            ok.apply("%remember --collection " + collection + " The attic ladder is stored behind the boiler cupboard");
            assertTrue(ok.apply("%memory backend chroma " + ChromaServer.url()).resultText()
                    .equals("Memory backend: chroma (" + ChromaServer.url() + ")"));
            ok.apply("%memory backend embedded");
            Exchange copy = ok.apply("%memory copy --collection " + collection + " --to chroma");
            assertEquals("Copied 1 chunks of " + collection + " from embedded to chroma.", copy.resultText());
            ok.apply("%memory backend chroma");
            String setting = ok.apply("%config memory.backend").resultText();
            assertTrue(setting.contains("chroma") && setting.contains("session"), "the switch is a session setting: " + setting);
            ok.apply("%config memory.backend=embedded");
            assertTrue(ok.apply("%memory backend").resultText().startsWith("Memory backend: embedded"), "and %config switches it back");
            ok.apply("%config memory.backend=chroma");
            Exchange list = ok.apply("%memory list");
            assertTrue(list.resultText().contains(collection) && list.resultText().contains("chroma"), list.resultText());
            Exchange recall = ok.apply("%recall where is the ladder? --collection " + collection);
            assertTrue(recall.resultText().contains("attic ladder"), recall.resultText());
            Exchange text = client.execute("%recall ladder --mode text --collection " + collection, 30_000);
            assertTrue(String.valueOf(text.content().get("evalue")).contains("use --mode vector"), text.content().toString());
            Exchange dropped = client.executeWithInput("%memory drop " + collection, prompt -> collection, 60_000);
            assertEquals("Dropped " + collection + ".", dropped.resultText());
        }
    }
}
