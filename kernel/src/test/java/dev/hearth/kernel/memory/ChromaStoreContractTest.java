package dev.hearth.kernel.memory;

import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

/** The store contract against a real Chroma server started from npm on a loopback port. */
@ExtendWith(ChromaServer.class)
class ChromaStoreContractTest extends EmbeddingStoreContract {

    @Override
    protected MemoryBackend openBackend() {
        return new ChromaBackend(ChromaServer.url(), Duration.ofSeconds(20), new dev.hearth.kernel.cell.CellScope());
    }
}
