package dev.hearth.plugins.web;

import dev.hearth.api.ActionContext;
import dev.hearth.api.ActionSettings;
import dev.hearth.api.Origin;
import dev.hearth.api.testing.LoopbackServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A loopback server with the web plugin's fixture pages. */
final class WebFixtures {

    private WebFixtures() {
    }

    static LoopbackServer start() {
        LoopbackServer server = LoopbackServer.start();
        server.page("/article", "text/html; charset=utf-8", resource("article.html"))
                .redirect("/moved", 301, "/article")
                .redirect("/hop1", 302, "/hop2").redirect("/hop2", 307, "/article")
                .page("/notes.txt", "text/plain; charset=utf-8", "Line one.\nLine two: café\n")
                .page("/data.json", "application/json", "{\"tulips\": 12, \"roses\": 3}")
                .page("/latin1", "text/html; charset=ISO-8859-1",
                        "<html><head><title>Caf\u00e9</title></head><body><p>Cr\u00e8me br\u00fbl\u00e9e</p></body></html>",
                        Charset.forName("ISO-8859-1"))
                .page("/badcharset", "text/html; charset=klingon-8",
                        "<html><head><meta charset=\"windows-1252\"><title>Menu</title></head><body><p>Na\u00efve \u20ac5</p></body></html>",
                        Charset.forName("windows-1252"))
                .respond("/missing", 404, "text/html", "<h1>Not here</h1>".getBytes(StandardCharsets.UTF_8), 0)
                .respond("/broken", 500, "text/html", "oops".getBytes(StandardCharsets.UTF_8), 0)
                .respond("/image.png", 200, "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'}, 0)
                .stream("/big", "text/html; charset=utf-8", 5_000_000, 0)
                .stream("/slow", "text/html; charset=utf-8", 200_000, 400);
        return server;
    }

    static ActionContext context(Origin origin, Map<String, String> settings) {
        return ActionContext.builder().origin(origin).settings(ActionSettings.of(settings)).build();
    }

    static String resource(String name) {
        try (InputStream in = WebFixtures.class.getResourceAsStream("/web/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
