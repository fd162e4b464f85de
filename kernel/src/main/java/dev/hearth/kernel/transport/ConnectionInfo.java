package dev.hearth.kernel.transport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.kernel.json.Json;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The connection file Jupyter writes for a kernel: where to bind and how to sign.
 *
 * @param transport       {@code tcp} or {@code ipc}
 * @param ip              the address to bind
 * @param shellPort       shell ROUTER port
 * @param controlPort     control ROUTER port
 * @param stdinPort       stdin ROUTER port
 * @param iopubPort       IOPub PUB port
 * @param heartbeatPort   heartbeat REP port
 * @param key             the HMAC key (may be empty: unsigned)
 * @param signatureScheme e.g. {@code hmac-sha256}
 */
public record ConnectionInfo(String transport, String ip, int shellPort, int controlPort, int stdinPort,
                             int iopubPort, int heartbeatPort, String key, String signatureScheme) {

    /**
     * Reads a connection file.
     *
     * @throws IOException when it cannot be read or lacks a port
     */
    public static ConnectionInfo read(Path file) throws IOException {
        JsonNode node = Json.mapper().readTree(file.toFile());
        if (node == null || !node.isObject()) {
            throw new IOException(file + " is not a JSON object");
        }
        return new ConnectionInfo(node.path("transport").asText("tcp"), node.path("ip").asText("127.0.0.1"),
                port(node, "shell_port", file), port(node, "control_port", file), port(node, "stdin_port", file),
                port(node, "iopub_port", file), port(node, "hb_port", file), node.path("key").asText(""),
                node.path("signature_scheme").asText("hmac-sha256"));
    }

    private static int port(JsonNode node, String field, Path file) throws IOException {
        JsonNode port = node.get(field);
        if (port == null || !port.canConvertToInt()) {
            throw new IOException(file + " has no " + field);
        }
        return port.asInt();
    }

    /** The ZeroMQ endpoint for {@code port}. */
    public String endpoint(int port) {
        return "ipc".equals(transport) ? "ipc://" + ip + "-" + port : transport + "://" + ip + ":" + port;
    }
}
