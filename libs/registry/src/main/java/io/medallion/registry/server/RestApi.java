package io.medallion.registry.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.medallion.registry.client.AvroSchemaParser;
import io.medallion.registry.client.CompatibilityLevel;
import io.medallion.registry.client.ErrorCodes;
import io.medallion.registry.client.RegisteredSchema;
import io.medallion.registry.client.SchemaRegistryException;
import io.medallion.registry.store.RegistryStore;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The Confluent REST subset over a {@link RegistryStore}, free of HTTP plumbing: a request
 * (method, decoded path segments, query, body) in, a status and JSON body out. Error bodies are
 * Confluent's: {@code {"error_code":40401,"message":"Subject 'x' not found."}}.
 */
final class RestApi {

    private static final Logger LOG = LoggerFactory.getLogger(RestApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    record Request(String method, List<String> path, Map<String, String> query, byte[] body) {

        boolean flag(String name) {
            return Boolean.parseBoolean(query.getOrDefault(name, "false"));
        }
    }

    record Response(int status, byte[] body) {
    }

    private record Error(@JsonProperty("error_code") int errorCode, String message) {
    }

    private record Id(int id) {
    }

    private record SchemaText(String schema) {
    }

    private record Version(String subject, int version, int id, String schema) {
    }

    private record SubjectAndVersion(String subject, int version) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record Compatible(@JsonProperty("is_compatible") boolean isCompatible, List<String> messages) {
    }

    private record Level(String compatibilityLevel) {
    }

    private record LevelUpdate(String compatibility) {
    }

    private final RegistryStore store;

    RestApi(RegistryStore store) {
        this.store = store;
    }

    Response handle(Request request) {
        try {
            return route(request);
        } catch (SchemaRegistryException e) {
            if (e.httpStatus() >= 500) {
                LOG.error("{} /{} failed: {}", request.method(), String.join("/", request.path()), e.getMessage(), e);
            }
            return error(e.httpStatus(), e.errorCode(), e.getMessage());
        }
    }

    static Response error(int status, int code, String message) {
        return json(status, new Error(code, message));
    }

    private Response route(Request r) {
        List<String> p = r.path();
        if (p.isEmpty()) {
            return only(r, "GET", () -> ok(Map.of()));
        }
        return switch (p.get(0)) {
            case "subjects" -> subjects(r, p);
            case "schemas" -> schemas(r, p);
            case "compatibility" -> compatibility(r, p);
            case "config" -> config(r, p);
            default -> notFound();
        };
    }

    private Response subjects(Request r, List<String> p) {
        boolean deleted = r.flag("deleted");
        switch (p.size()) {
            case 1:
                return only(r, "GET", () -> ok(store.subjects(deleted)));
            case 2: {
                String subject = p.get(1);
                return switch (r.method()) {
                    case "POST" -> {
                        RegisteredSchema found = store.lookup(subject, schemaIn(r), deleted);
                        yield ok(version(found));
                    }
                    case "DELETE" -> ok(store.deleteSubject(subject, r.flag("permanent")));
                    default -> methodNotAllowed();
                };
            }
            case 3: {
                if (!p.get(2).equals("versions")) {
                    return notFound();
                }
                String subject = p.get(1);
                return switch (r.method()) {
                    case "GET" -> ok(store.versions(subject, deleted));
                    case "POST" -> ok(new Id(store.register(subject, schemaIn(r)).id()));
                    default -> methodNotAllowed();
                };
            }
            case 4: {
                if (!p.get(2).equals("versions")) {
                    return notFound();
                }
                String subject = p.get(1);
                int version = versionOf(p.get(3));
                return switch (r.method()) {
                    case "GET" -> ok(version(store.version(subject, version, deleted)));
                    case "DELETE" -> ok(store.deleteVersion(subject, version, r.flag("permanent")));
                    default -> methodNotAllowed();
                };
            }
            case 5: {
                if (!p.get(2).equals("versions")) {
                    return notFound();
                }
                String subject = p.get(1);
                int version = versionOf(p.get(3));
                return switch (p.get(4)) {
                    case "schema" -> only(r, "GET", () -> raw(store.version(subject, version, deleted).schema().toString()));
                    // No schema references here, so nothing refers to any version.
                    case "referencedby" -> only(r, "GET", () -> {
                        store.version(subject, version, deleted);
                        return ok(List.of());
                    });
                    default -> notFound();
                };
            }
            default:
                return notFound();
        }
    }

    private Response schemas(Request r, List<String> p) {
        if (p.size() == 2 && p.get(1).equals("types")) {
            return only(r, "GET", () -> ok(List.of("AVRO")));
        }
        if (p.size() < 3 || p.size() > 4 || !p.get(1).equals("ids")) {
            return notFound();
        }
        int id;
        try {
            id = Integer.parseInt(p.get(2));
        } catch (NumberFormatException e) {
            return notFound();
        }
        boolean deleted = r.flag("deleted");
        if (p.size() == 3) {
            // ?subject= narrows the lookup to a context in Confluent; without contexts every id is global.
            return only(r, "GET", () -> ok(new SchemaText(store.schemaById(id).toString())));
        }
        return switch (p.get(3)) {
            case "schema" -> only(r, "GET", () -> raw(store.schemaById(id).toString()));
            case "versions" -> only(r, "GET", () -> ok(store.subjectVersionsOf(id, deleted).stream()
                    .map(sv -> new SubjectAndVersion(sv.subject(), sv.version())).toList()));
            case "subjects" -> only(r, "GET", () -> ok(store.subjectVersionsOf(id, deleted).stream()
                    .map(sv -> sv.subject()).distinct().toList()));
            default -> notFound();
        };
    }

    private Response compatibility(Request r, List<String> p) {
        if ((p.size() != 4 && p.size() != 5) || !p.get(1).equals("subjects") || !p.get(3).equals("versions")) {
            return notFound();
        }
        return only(r, "POST", () -> {
            String subject = p.get(2);
            Integer version = null;
            if (p.size() == 5) {
                int v = versionOf(p.get(4));
                version = v == -1 ? null : v;
            }
            List<String> problems = store.testCompatibility(subject, schemaIn(r), version);
            return ok(new Compatible(problems.isEmpty(), r.flag("verbose") ? problems : null));
        });
    }

    private Response config(Request r, List<String> p) {
        if (p.size() == 1) {
            return switch (r.method()) {
                case "GET" -> ok(new Level(store.globalLevel().name()));
                case "PUT" -> {
                    CompatibilityLevel level = levelIn(r);
                    store.setGlobalLevel(level);
                    yield ok(new LevelUpdate(level.name()));
                }
                case "DELETE" -> {
                    CompatibilityLevel previous = store.globalLevel();
                    store.setGlobalLevel(null);
                    yield ok(new Level(previous.name()));
                }
                default -> methodNotAllowed();
            };
        }
        if (p.size() != 2) {
            return notFound();
        }
        String subject = p.get(1);
        return switch (r.method()) {
            case "GET" -> {
                CompatibilityLevel level = store.subjectLevel(subject).orElseGet(() -> {
                    if (r.flag("defaultToGlobal")) {
                        return store.globalLevel();
                    }
                    throw SchemaRegistryException.subjectCompatibilityNotConfigured(subject);
                });
                yield ok(new Level(level.name()));
            }
            case "PUT" -> {
                CompatibilityLevel level = levelIn(r);
                store.setSubjectLevel(subject, level);
                yield ok(new LevelUpdate(level.name()));
            }
            case "DELETE" -> ok(new Level(store.deleteSubjectLevel(subject).name()));
            default -> methodNotAllowed();
        };
    }

    // ---- request parts ----

    private static Schema schemaIn(Request r) {
        JsonNode body = body(r);
        String type = body.path("schemaType").asText("AVRO");
        if (!type.equalsIgnoreCase("AVRO")) {
            throw SchemaRegistryException.invalidSchema("schema type " + type + " is not supported here, only AVRO");
        }
        JsonNode references = body.path("references");
        if (references.isArray() && !references.isEmpty()) {
            throw SchemaRegistryException.invalidSchema("schema references are not supported here");
        }
        JsonNode schema = body.get("schema");
        if (schema == null || !schema.isTextual()) {
            throw SchemaRegistryException.invalidSchema("the request has no \"schema\" string");
        }
        return AvroSchemaParser.parse(schema.asText());
    }

    private static CompatibilityLevel levelIn(Request r) {
        JsonNode level = body(r).get("compatibility");
        return CompatibilityLevel.parse(level == null ? null : level.asText())
                .orElseThrow(SchemaRegistryException::invalidCompatibilityLevel);
    }

    private static JsonNode body(Request r) {
        try {
            JsonNode body = r.body().length == 0 ? null : JSON.readTree(r.body());
            if (body == null || !body.isObject()) {
                throw new SchemaRegistryException(400, ErrorCodes.INVALID_REQUEST, "The request body must be a JSON object");
            }
            return body;
        } catch (IOException e) {
            throw new SchemaRegistryException(400, ErrorCodes.INVALID_REQUEST, "The request body is not JSON: " + e.getMessage());
        }
    }

    /** {@code latest} or {@code -1} for the latest version, else a positive number; 42202 otherwise. */
    static int versionOf(String text) {
        if (text.equalsIgnoreCase("latest")) {
            return -1;
        }
        try {
            int v = Integer.parseInt(text);
            if (v >= 1 || v == -1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw SchemaRegistryException.invalidVersion(text);
    }

    // ---- responses ----

    private static Response only(Request r, String method, Supplier<Response> handler) {
        return r.method().equals(method) ? handler.get() : methodNotAllowed();
    }

    private static Version version(RegisteredSchema s) {
        return new Version(s.subject(), s.version(), s.id(), s.schema().toString());
    }

    private static Response ok(Object body) {
        return json(200, body);
    }

    private static Response raw(String text) {
        return new Response(200, text.getBytes(StandardCharsets.UTF_8));
    }

    static Response notFound() {
        return error(404, ErrorCodes.NOT_FOUND, "HTTP 404 Not Found");
    }

    private static Response methodNotAllowed() {
        return error(405, ErrorCodes.METHOD_NOT_ALLOWED, "HTTP 405 Method Not Allowed");
    }

    private static Response json(int status, Object body) {
        try {
            return new Response(status, JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write a response", e);
        }
    }
}
