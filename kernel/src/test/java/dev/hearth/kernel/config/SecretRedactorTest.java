package dev.hearth.kernel.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Secrets masked with the rule %config uses, in every layer. */
class SecretRedactorTest {

    @TempDir
    Path dir;

    @Test
    void configLinesAndSecretValuesAreMaskedOtherTextIsNot() throws Exception {
        Files.writeString(dir.resolve("config.properties"), "chroma.token=tok-from-file-123\nollama.url=http://localhost:11434\n");
        HearthConfig config = HearthConfig.load(Map.of("HEARTH_HOME", dir.toString(), "HEARTH_GITHUB_TOKEN", "ghp_env_secret"), dir);
        config.set("openai.api.key", "sk-session-0123456789");
        SecretRedactor redactor = new SecretRedactor(config);

        assertEquals("%config openai.api.key=********", redactor.apply("%config openai.api.key=sk-session-0123456789"));
        assertEquals("  %config my.password   ********\n1 + 1", redactor.apply("  %config my.password   hunter2!\n1 + 1"),
                "a secret key's value is masked even before it is set");
        assertEquals("%config ollama.url=http://localhost:11434", redactor.apply("%config ollama.url=http://localhost:11434"));
        assertEquals("%config --unset openai.api.key", redactor.apply("%config --unset openai.api.key"));
        assertEquals("HTTP 401: Incorrect API key provided: Bearer ********; file ********, env ********",
                redactor.apply("HTTP 401: Incorrect API key provided: Bearer sk-session-0123456789; file tok-from-file-123, "
                        + "env ghp_env_secret"));
        assertEquals("http://localhost:11434 is fine", redactor.apply("http://localhost:11434 is fine"));
        assertEquals(null, redactor.apply(null));
    }
}
