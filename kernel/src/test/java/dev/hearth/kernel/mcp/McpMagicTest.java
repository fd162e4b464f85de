package dev.hearth.kernel.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.api.Cancellation;
import dev.hearth.api.MimeBundle;
import dev.hearth.kernel.json.Json;
import dev.hearth.kernel.magic.MagicArgs;
import dev.hearth.kernel.magic.MagicCall;
import dev.hearth.kernel.magic.MagicUsageException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code %mcp add/list/remove} keep {@code mcp.json} in the shape other MCP clients use. */
class McpMagicTest {

    @TempDir
    Path dir;
    private Path file;
    private McpServers servers;
    private McpMagic magic;

    @BeforeEach
    void setUp() throws Exception {
        file = dir.resolve("mcp.json");
        Files.writeString(file, "{\"mcpServers\": {\"github\": {\"url\": \"https://user:pw@mcp.example.org/mcp?key=abc\","
                + " \"headers\": {\"Authorization\": \"Bearer very-secret\"}}}, \"otherClientSetting\": true}");
        servers = new McpServers(new McpConfigFile(file), new McpTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)), Cancellation::none);
        magic = new McpMagic(servers);
    }

    @AfterEach
    void close() {
        servers.close();
    }

    private Object run(String line) {
        return magic.run(new MagicCall("mcp", false, MagicArgs.parse(line, magic.spec()), line, ""), null);
    }

    @Test
    void addListAndRemoveKeepTheFileAndNeverShowSecrets() throws Exception {
        run("add files -- npx -y @modelcontextprotocol/server-filesystem --token=abc123 /home/me/notes");
        run("add wiki http://127.0.0.1:8931/mcp");
        JsonNode saved = Json.mapper().readTree(file.toFile());
        assertEquals("npx", saved.at("/mcpServers/files/command").asText());
        assertEquals("[\"-y\",\"@modelcontextprotocol/server-filesystem\",\"--token=abc123\",\"/home/me/notes\"]",
                saved.at("/mcpServers/files/args").toString());
        assertEquals("http://127.0.0.1:8931/mcp", saved.at("/mcpServers/wiki/url").asText());
        assertTrue(saved.path("otherClientSetting").asBoolean(), "other keys of the file are kept");

        String table = ((MimeBundle) run("list")).plainText();
        assertTrue(table.contains("github") && table.contains("files") && table.contains("wiki"), table);
        assertTrue(table.contains("https://mcp.example.org/mcp (headers: Authorization)"), table);
        assertTrue(table.contains("--token=***"), table);
        for (String secret : new String[] {"very-secret", "abc123", "user:pw", "key=abc"}) {
            assertFalse(table.contains(secret), secret + " shown in " + table);
        }

        assertEquals("Removed MCP server wiki.", run("remove wiki"));
        assertFalse(Json.mapper().readTree(file.toFile()).at("/mcpServers").has("wiki"));
        assertEquals("No MCP server 'wiki'; %mcp list shows them.", run("remove wiki"));
    }

    @Test
    void badCommandsSayWhatToDo() {
        assertTrue(assertThrows(MagicUsageException.class, () -> run("add files --")).getMessage().contains("give the command after --"));
        assertTrue(assertThrows(MagicUsageException.class, () -> run("add x ftp://host/")).getMessage().contains("http:// or https://"));
        assertTrue(assertThrows(MagicUsageException.class, () -> run("restart nope")).getMessage().contains("no MCP server 'nope'"));
        run("add my-files -- node server.js");
        assertTrue(assertThrows(MagicUsageException.class, () -> run("add myfiles -- node other.js")).getMessage()
                .contains("already gives actions myfiles.*"));
    }

    @Test
    void aBrokenFileIsReportedNotFatal() throws Exception {
        Files.writeString(file, "{\"mcpServers\": {\"x\": ");
        try (McpServers broken = new McpServers(new McpConfigFile(file), new McpTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)), Cancellation::none)) {
            String text = ((MimeBundle) new McpMagic(broken).run(new MagicCall("mcp", false, MagicArgs.parse("", magic.spec()), "", ""), null)).plainText();
            assertTrue(text.contains("is not valid JSON") && text.contains("fix it or remove it"), text);
            assertTrue(broken.actions().isEmpty());
        }
    }
}
