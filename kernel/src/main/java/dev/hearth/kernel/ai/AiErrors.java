package dev.hearth.kernel.ai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.kernel.json.Json;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.ModelNotFoundException;

import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.List;
import java.util.Locale;

/** Turns what a provider threw into one short message naming the endpoint and the fix. */
final class AiErrors {

    private static final ObjectMapper JSON = Json.mapper();

    /** How servers refuse images for a model without vision (Ollama, llama.cpp, LM Studio). */
    private static final java.util.regex.Pattern NO_VISION = java.util.regex.Pattern.compile(
            "(?i)(does not|doesn't|not) support (images|vision|image input)|image input is not supported|no vision");

    private AiErrors() {
    }

    /**
     * Explains {@code error} from a call to {@code ref} at {@code endpoint}.
     *
     * @param available the models the endpoint offers (for "unknown model"); may be empty
     */
    static AiException explain(Throwable error, ModelRef ref, String endpoint, List<String> available) {
        if (error instanceof AiException ai) {
            return ai;
        }
        String server = serverName(ref);
        if (has(error, ConnectException.class) || has(error, UnresolvedAddressException.class)
                || has(error, HttpConnectTimeoutException.class)) {
            String fix = "ollama".equals(ref.provider())
                    ? "Start it with `ollama serve`, or point %config ollama.url (HEARTH_OLLAMA_URL) at it."
                    : "Start the server, or point %config openai.url (HEARTH_OPENAI_URL) at it.";
            return new AiException(server + " is not running at " + endpoint + ". " + fix, error);
        }
        if (has(error, HttpTimeoutException.class) || has(error, java.net.SocketTimeoutException.class)
                || has(error, java.util.concurrent.TimeoutException.class)
                || has(error, dev.langchain4j.exception.TimeoutException.class)) {
            return timeout(ref, null);
        }
        HttpException http = find(error, HttpException.class);
        int status = http != null ? http.statusCode() : -1;
        String body = http != null ? http.getMessage() : error.getMessage();
        if (status == 404 || find(error, ModelNotFoundException.class) != null
                || (body != null && body.toLowerCase(Locale.ROOT).contains("not found") && status < 0)) {
            return unknownModel(ref, endpoint, available);
        }
        if (status > 0 && body != null && NO_VISION.matcher(serverMessage(body)).find()) {
            return new AiException("The model " + ref + " cannot read images (" + server + " said: " + serverMessage(body)
                    + "). Ask a vision model, e.g. ollama:llava, ollama:gemma3 or ollama:qwen2.5vl.", error);
        }
        if (status > 0) {
            return new AiException(server + " at " + endpoint + " answered HTTP " + status + ": " + serverMessage(body), error);
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return new AiException("The call to " + ref + " failed: " + message, error);
    }

    /** The model is not on the server: lists what is, and how to get it. */
    static AiException unknownModel(ModelRef ref, String endpoint, List<String> available) {
        String list = available.isEmpty() ? "none" : String.join(", ", available);
        String fix = "ollama".equals(ref.provider()) ? " Get it with `ollama pull " + ref.name() + "`." : "";
        return new AiException("Model '" + ref.name() + "' is not available at " + endpoint
                + ". Available models: " + list + "." + fix);
    }

    /** The call took longer than its timeout. */
    static AiException timeout(ModelRef ref, java.time.Duration timeout) {
        String limit = timeout == null ? "" : " within " + timeout.toSeconds() + " s";
        return new AiException("Timed out: " + ref + " did not answer" + limit
                + ". Raise the limit with --timeout SECONDS or %config ai.timeout=SECONDS.");
    }

    /** The {@code error} text of a JSON error body ({@code {"error":"..."}} or {@code {"error":{"message":...}}}), else the body. */
    static String serverMessage(String body) {
        if (body == null || body.isBlank()) {
            return "(empty response)";
        }
        try {
            JsonNode node = JSON.readTree(body);
            JsonNode error = node.path("error");
            if (error.isTextual()) {
                return error.asText();
            }
            if (error.path("message").isTextual()) {
                return error.path("message").asText();
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not JSON: show the text itself
        }
        String text = body.strip();
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static String serverName(ModelRef ref) {
        return switch (ref.provider()) {
            case "ollama" -> "Ollama";
            case "openai" -> "The OpenAI-compatible server";
            default -> "The in-process model";
        };
    }

    private static boolean has(Throwable error, Class<? extends Throwable> type) {
        return find(error, type) != null;
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
