package dev.hearth.kernel.ai;

import dev.hearth.kernel.config.HearthConfig;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The tiny test model of the test resources, loaded once per test JVM and shared. */
public final class TinyModel {

    /** The name the local servers give it. */
    public static final String NAME = "tinychat";

    private static GgufChatModel shared;

    private TinyModel() {
    }

    /** The GGUF file. */
    public static Path path() {
        URL url = TinyModel.class.getResource("/ai/tinychat-v2.gguf");
        if (url == null) {
            throw new IllegalStateException("test resource ai/tinychat-v2.gguf is missing");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One in-process model shared by the tests of this JVM. */
    public static synchronized GgufChatModel shared() {
        if (shared == null) {
            shared = GgufChatModel.of(path(), 1024);
        }
        return shared;
    }

    /** A configuration with {@code home} as Hearth home, pointing both providers at {@code server} (may be {@code null}). */
    public static HearthConfig config(Path home, String ollamaUrl, String openaiUrl) {
        Map<String, String> env = new HashMap<>();
        env.put("HEARTH_HOME", home.toString());
        if (ollamaUrl != null) {
            env.put("HEARTH_OLLAMA_URL", ollamaUrl);
        }
        if (openaiUrl != null) {
            env.put("HEARTH_OPENAI_URL", openaiUrl);
        }
        env.put("HEARTH_AI_TEMPERATURE", "0");
        return HearthConfig.load(env, home);
    }
}
