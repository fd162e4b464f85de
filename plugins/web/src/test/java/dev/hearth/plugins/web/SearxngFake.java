package dev.hearth.plugins.web;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback stand-in for a SearXNG instance: {@code GET /search?q=...&format=json} answers in
 * SearXNG's JSON shape ({@code query}, {@code number_of_results}, {@code results[]} with
 * {@code url}, {@code title}, {@code content}, {@code engine}, ...); {@code /forbidden/search}
 * answers 403 as SearXNG does when the JSON format is off; {@code /html/search} answers a web page.
 */
final class SearxngFake implements AutoCloseable {

    private final HttpServer server;
    /** The raw query strings received. */
    final List<String> queries = new CopyOnWriteArrayList<>();

    SearxngFake() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/search", exchange -> {
            String raw = exchange.getRequestURI().getRawQuery();
            queries.add(raw);
            String q = "";
            for (String pair : raw.split("&")) {
                if (pair.startsWith("q=")) {
                    q = URLDecoder.decode(pair.substring(2), StandardCharsets.UTF_8);
                }
            }
            String body = raw.contains("format=json") ? answer(q) : "<html>no format</html>";
            send(exchange, 200, raw.contains("format=json") ? "application/json" : "text/html", body);
        });
        server.createContext("/forbidden/search", exchange -> send(exchange, 403, "text/html", "<h1>403 Forbidden</h1>"));
        server.createContext("/html/search", exchange -> send(exchange, 200, "text/html", "<html><body>Welcome</body></html>"));
        server.start();
    }

    private static String answer(String q) {
        if (q.equals("nothing at all")) {
            return "{\"query\": \"nothing at all\", \"number_of_results\": 0, \"results\": [], \"answers\": [], "
                    + "\"corrections\": [], \"infoboxes\": [], \"suggestions\": [], \"unresponsive_engines\": []}";
        }
        StringBuilder results = new StringBuilder();
        String[][] hits = {
                {"https://tulips.example/planting", "Planting tulip bulbs", "Plant the bulbs in autumn, 15 cm deep."},
                {"https://garden.example/tulips", "Tulips [care guide]", "Water once after planting; *no* more."},
                {"https://wiki.example/Tulip", "Tulip - Wiki", ""},
                {"https://forum.example/t/42", "When to plant?", "Ask the forum."},
                {"https://shop.example/bulbs", "Bulbs for sale", "Spring bulbs."},
                {"https://news.example/tulip-mania", "Tulip mania", "A history."}};
        for (String[] hit : hits) {
            results.append(results.length() == 0 ? "" : ", ").append("{\"url\": \"").append(hit[0])
                    .append("\", \"title\": \"").append(hit[1]).append("\", \"content\": \"").append(hit[2])
                    .append("\", \"engine\": \"duckduckgo\", \"engines\": [\"duckduckgo\"], \"score\": 1.0, "
                            + "\"category\": \"general\", \"parsed_url\": [\"https\", \"x\", \"/\", \"\", \"\", \"\"]}");
        }
        return "{\"query\": \"" + q.replace("\"", "\\\"") + "\", \"number_of_results\": 0, \"results\": [" + results
                + "], \"answers\": [], \"corrections\": [], \"infoboxes\": [], \"suggestions\": [\"tulip care\"], "
                + "\"unresponsive_engines\": []}";
    }

    private static void send(com.sun.net.httpserver.HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The base URL of the fake instance (with {@code path} appended). */
    String url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path).toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
