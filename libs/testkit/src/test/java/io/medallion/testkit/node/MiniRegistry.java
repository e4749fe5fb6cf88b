package io.medallion.testkit.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The handful of Confluent schema registry endpoints the Node client calls, in memory, so the
 * testkit can test its interop runner without depending on the registry module (which tests
 * itself against the same scripts). Schemas are compared as text; ids are global.
 */
final class MiniRegistry implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REGISTER = Pattern.compile("/subjects/([^/]+)/versions");
    private static final Pattern LATEST = Pattern.compile("/subjects/([^/]+)/versions/latest");
    private static final Pattern LOOKUP = Pattern.compile("/subjects/([^/]+)");
    private static final Pattern BY_ID = Pattern.compile("/schemas/ids/(\\d+)");

    private final HttpServer server;
    private final List<String> schemasById = new ArrayList<>();
    private final Map<String, List<Integer>> versionsBySubject = new HashMap<>();
    private final List<String> requests = new ArrayList<>();

    MiniRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        String path = uri.getPath();
        String method = exchange.getRequestMethod();
        requests.add(method + " " + uri);
        Matcher m;
        if (method.equals("POST") && (m = REGISTER.matcher(path)).matches()) {
            int id = idOf(schemaText(exchange));
            List<Integer> versions = versionsBySubject.computeIfAbsent(m.group(1), s -> new ArrayList<>());
            if (!versions.contains(id)) {
                versions.add(id);
            }
            respond(exchange, 200, JSON.createObjectNode().put("id", id));
        } else if (method.equals("GET") && (m = LATEST.matcher(path)).matches()
                && versionsBySubject.containsKey(m.group(1))) {
            List<Integer> versions = versionsBySubject.get(m.group(1));
            respond(exchange, 200, metadata(m.group(1), versions.size(), versions.get(versions.size() - 1)));
        } else if (method.equals("POST") && (m = LOOKUP.matcher(path)).matches()
                && versionsBySubject.containsKey(m.group(1))) {
            String subject = m.group(1);
            int id = schemasById.indexOf(schemaText(exchange)) + 1;
            int version = versionsBySubject.get(subject).indexOf(id) + 1;
            if (version == 0) {
                notFound(exchange, 40403, "schema not found under " + subject);
            } else {
                respond(exchange, 200, metadata(subject, version, id));
            }
        } else if (method.equals("GET") && (m = BY_ID.matcher(path)).matches()
                && Integer.parseInt(m.group(1)) <= schemasById.size()) {
            respond(exchange, 200, JSON.createObjectNode()
                    .put("schema", schemasById.get(Integer.parseInt(m.group(1)) - 1)));
        } else {
            notFound(exchange, 40401, "not found: " + method + " " + path);
        }
    }

    private int idOf(String schema) {
        int index = schemasById.indexOf(schema);
        if (index < 0) {
            schemasById.add(schema);
            return schemasById.size();
        }
        return index + 1;
    }

    private ObjectNode metadata(String subject, int version, int id) {
        return JSON.createObjectNode().put("subject", subject).put("version", version).put("id", id)
                .put("schema", schemasById.get(id - 1));
    }

    private static String schemaText(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        return JSON.readTree(body.get("schema").asText()).toString();
    }

    private static void notFound(HttpExchange exchange, int code, String message) throws IOException {
        respond(exchange, 404, JSON.createObjectNode().put("error_code", code).put("message", message));
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
