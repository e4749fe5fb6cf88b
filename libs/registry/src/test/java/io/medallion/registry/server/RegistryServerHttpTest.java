package io.medallion.registry.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.medallion.registry.client.CompatibilityLevel;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.medallion.registry.testing.TestSchemas.order;
import static io.medallion.registry.testing.TestSchemas.userV1;
import static io.medallion.registry.testing.TestSchemas.userV2;
import static io.medallion.registry.testing.TestSchemas.userWithRequiredAge;
import static org.assertj.core.api.Assertions.assertThat;

/** The REST API as HTTP clients see it: paths, statuses and exact bodies. */
class RegistryServerHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private RegistryServer server;

    record Answer(int status, String contentType, String body) {
    }

    @BeforeEach
    void start() {
        server = RegistryServer.start(RegistryServerConfig.inMemory());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Answer call(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
    }

    private Answer get(String path) throws IOException, InterruptedException {
        return call("GET", path, null);
    }

    private static String schemaBody(Schema schema) throws IOException {
        return JSON.writeValueAsString(Map.of("schema", schema.toString()));
    }

    private Answer register(String subject, Schema schema) throws IOException, InterruptedException {
        return call("POST", "/subjects/" + subject + "/versions", schemaBody(schema));
    }

    private static String quoted(Schema schema) throws IOException {
        return JSON.writeValueAsString(schema.toString());
    }

    @Test
    void rootAnswersAnEmptyObjectInTheRegistryContentType() throws Exception {
        assertThat(get("/")).isEqualTo(new Answer(200, "application/vnd.schemaregistry.v1+json", "{}"));
    }

    @Test
    void registeringAnswersTheIdOnly() throws Exception {
        assertThat(register("users-value", userV1()).body()).isEqualTo("{\"id\":1}");
        assertThat(register("users-value", userV1()).body()).isEqualTo("{\"id\":1}");
        assertThat(register("audit-value", userV1()).body()).isEqualTo("{\"id\":1}");
        assertThat(register("orders-value", order()).body()).isEqualTo("{\"id\":2}");
        // Extra request fields Confluent's clients send are accepted.
        String withExtras = "{\"schemaType\":\"AVRO\",\"references\":[],\"schema\":" + quoted(userV2()) + ",\"metadata\":null}";
        assertThat(call("POST", "/subjects/users-value/versions?normalize=false", withExtras).body()).isEqualTo("{\"id\":3}");
    }

    @Test
    void versionsAndSchemasRead() throws Exception {
        register("users-value", userV1());
        register("users-value", userV2());
        String v1 = "{\"subject\":\"users-value\",\"version\":1,\"id\":1,\"schema\":" + quoted(userV1()) + "}";
        String v2 = "{\"subject\":\"users-value\",\"version\":2,\"id\":2,\"schema\":" + quoted(userV2()) + "}";

        assertThat(get("/subjects").body()).isEqualTo("[\"users-value\"]");
        assertThat(get("/subjects/users-value/versions").body()).isEqualTo("[1,2]");
        assertThat(get("/subjects/users-value/versions/1").body()).isEqualTo(v1);
        assertThat(get("/subjects/users-value/versions/latest").body()).isEqualTo(v2);
        assertThat(get("/subjects/users-value/versions/-1").body()).isEqualTo(v2);
        assertThat(get("/subjects/users-value/versions/1/schema").body()).isEqualTo(userV1().toString());
        assertThat(get("/schemas/ids/2").body()).isEqualTo("{\"schema\":" + quoted(userV2()) + "}");
        assertThat(get("/schemas/ids/2?subject=users-value").body()).isEqualTo("{\"schema\":" + quoted(userV2()) + "}");
        assertThat(get("/schemas/ids/2/schema").body()).isEqualTo(userV2().toString());
        assertThat(get("/schemas/ids/1/versions").body()).isEqualTo("[{\"subject\":\"users-value\",\"version\":1}]");
        assertThat(get("/schemas/ids/1/subjects").body()).isEqualTo("[\"users-value\"]");
        assertThat(get("/schemas/types").body()).isEqualTo("[\"AVRO\"]");
        assertThat(get("/subjects/users-value/versions/1/referencedby").body()).isEqualTo("[]");
    }

    @Test
    void lookupAnswersTheVersionHoldingTheSchema() throws Exception {
        register("users-value", userV1());
        assertThat(call("POST", "/subjects/users-value", schemaBody(userV1())).body())
                .isEqualTo("{\"subject\":\"users-value\",\"version\":1,\"id\":1,\"schema\":" + quoted(userV1()) + "}");
        assertThat(call("POST", "/subjects/users-value?normalize=false&deleted=false", schemaBody(order())))
                .isEqualTo(new Answer(404, RegistryServer.CONTENT_TYPE, "{\"error_code\":40403,\"message\":\"Schema not found\"}"));
    }

    @Test
    void notFoundBodiesAreConfluents() throws Exception {
        register("users-value", userV1());
        assertThat(get("/subjects/nobody/versions"))
                .isEqualTo(new Answer(404, RegistryServer.CONTENT_TYPE, "{\"error_code\":40401,\"message\":\"Subject 'nobody' not found.\"}"));
        assertThat(get("/subjects/users-value/versions/5"))
                .isEqualTo(new Answer(404, RegistryServer.CONTENT_TYPE, "{\"error_code\":40402,\"message\":\"Version 5 not found.\"}"));
        assertThat(get("/schemas/ids/99"))
                .isEqualTo(new Answer(404, RegistryServer.CONTENT_TYPE, "{\"error_code\":40403,\"message\":\"Schema 99 not found\"}"));
        // The Node client probes /associations and tolerates a 404.
        assertThat(get("/associations/resources/t?resourceNamespace=-"))
                .isEqualTo(new Answer(404, RegistryServer.CONTENT_TYPE, "{\"error_code\":404,\"message\":\"HTTP 404 Not Found\"}"));
        assertThat(call("DELETE", "/schemas/types", null).status()).isEqualTo(405);
    }

    @Test
    void invalidInputIs422Or400() throws Exception {
        register("users-value", userV1());
        String invalidVersion = "{\"error_code\":42202,\"message\":\"The specified version '0' is not a valid version id. "
                + "Allowed values are between [1, 2^31-1] and the string \\\"latest\\\"\"}";
        assertThat(get("/subjects/users-value/versions/0")).isEqualTo(new Answer(422, RegistryServer.CONTENT_TYPE, invalidVersion));
        assertThat(get("/subjects/users-value/versions/abc").status()).isEqualTo(422);

        Answer invalidSchema = call("POST", "/subjects/users-value/versions", "{\"schema\":\"{\\\"type\\\":\\\"record\\\"}\"}");
        assertThat(invalidSchema.status()).isEqualTo(422);
        assertThat(JSON.readTree(invalidSchema.body()).get("error_code").asInt()).isEqualTo(42201);
        assertThat(JSON.readTree(invalidSchema.body()).get("message").asText()).startsWith("Invalid schema");

        Answer protobuf = call("POST", "/subjects/p-value/versions", "{\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax = \\\"proto3\\\";\"}");
        assertThat(JSON.readTree(protobuf.body()).get("error_code").asInt()).isEqualTo(42201);
        Answer references = call("POST", "/subjects/r-value/versions",
                "{\"schema\":\"\\\"string\\\"\",\"references\":[{\"name\":\"x\",\"subject\":\"y\",\"version\":1}]}");
        assertThat(JSON.readTree(references.body()).get("error_code").asInt()).isEqualTo(42201);

        assertThat(call("POST", "/subjects/users-value/versions", "not json").status()).isEqualTo(400);
        assertThat(call("POST", "/subjects/users-value/versions", "").status()).isEqualTo(400);
    }

    @Test
    void anIncompatibleSchemaIs409() throws Exception {
        register("users-value", userV1());
        Answer answer = register("users-value", userWithRequiredAge());
        assertThat(answer.status()).isEqualTo(409);
        assertThat(JSON.readTree(answer.body()).get("error_code").asInt()).isEqualTo(409);
        assertThat(JSON.readTree(answer.body()).get("message").asText())
                .startsWith("Schema being registered is incompatible with an earlier schema for subject \"users-value\"")
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE");
    }

    @Test
    void compatibilityChecks() throws Exception {
        assertThat(call("POST", "/compatibility/subjects/new-value/versions/latest", schemaBody(userV1())).body())
                .isEqualTo("{\"is_compatible\":true}");
        register("users-value", userV1());
        assertThat(call("POST", "/compatibility/subjects/users-value/versions/latest", schemaBody(userV2())).body())
                .isEqualTo("{\"is_compatible\":true}");
        assertThat(call("POST", "/compatibility/subjects/users-value/versions/1", schemaBody(userWithRequiredAge())).body())
                .isEqualTo("{\"is_compatible\":false}");
        Answer verbose = call("POST", "/compatibility/subjects/users-value/versions/latest?verbose=true", schemaBody(userWithRequiredAge()));
        assertThat(JSON.readTree(verbose.body()).get("messages").get(0).asText()).contains("age");
        assertThat(call("POST", "/compatibility/subjects/users-value/versions/3", schemaBody(userV2())).status()).isEqualTo(404);
    }

    @Test
    void configGlobalAndPerSubject() throws Exception {
        assertThat(get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
        assertThat(get("/config/users-value")).isEqualTo(new Answer(404, RegistryServer.CONTENT_TYPE,
                "{\"error_code\":40408,\"message\":\"Subject 'users-value' does not have subject-level compatibility configured\"}"));
        assertThat(get("/config/users-value?defaultToGlobal=true").body()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");

        assertThat(call("PUT", "/config/users-value", "{\"compatibility\":\"full_transitive\"}").body())
                .isEqualTo("{\"compatibility\":\"FULL_TRANSITIVE\"}");
        assertThat(get("/config/users-value").body()).isEqualTo("{\"compatibilityLevel\":\"FULL_TRANSITIVE\"}");
        assertThat(call("DELETE", "/config/users-value", null).body()).isEqualTo("{\"compatibilityLevel\":\"FULL_TRANSITIVE\"}");

        assertThat(call("PUT", "/config", "{\"compatibility\":\"NONE\"}").body()).isEqualTo("{\"compatibility\":\"NONE\"}");
        assertThat(get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"NONE\"}");
        assertThat(call("PUT", "/config", "{\"compatibility\":\"SIDEWAYS\"}")).isEqualTo(new Answer(422, RegistryServer.CONTENT_TYPE,
                "{\"error_code\":42203,\"message\":\"Invalid compatibility level. Valid values are none, backward, forward, "
                        + "full, backward_transitive, forward_transitive, and full_transitive\"}"));
        assertThat(call("DELETE", "/config", null).body()).isEqualTo("{\"compatibilityLevel\":\"NONE\"}");
        assertThat(get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
    }

    @Test
    void softDeleteAndTheDeletedFlag() throws Exception {
        register("users-value", userV1());
        assertThat(call("DELETE", "/subjects/users-value", null).body()).isEqualTo("[1]");
        assertThat(get("/subjects").body()).isEqualTo("[]");
        assertThat(get("/subjects?deleted=true").body()).isEqualTo("[\"users-value\"]");
        assertThat(get("/subjects/users-value/versions/1").status()).isEqualTo(404);
        assertThat(get("/subjects/users-value/versions/1?deleted=true").status()).isEqualTo(200);
        assertThat(get("/schemas/ids/1").status()).isEqualTo(200);
        assertThat(call("DELETE", "/subjects/users-value?permanent=true", null).body()).isEqualTo("[1]");
        assertThat(get("/subjects?deleted=true").body()).isEqualTo("[]");
    }

    @Test
    void concurrentRegistrationsGetDistinctIdsAndGaplessVersions() throws Exception {
        // Distinct record names are incompatible with each other under BACKWARD.
        call("PUT", "/config", "{\"compatibility\":\"NONE\"}");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                Schema schema = Schema.createRecord("R" + i, null, "test", false,
                        List.of(new Schema.Field("f", Schema.create(Schema.Type.INT))));
                String subject = "s" + (i % 4) + "-value";
                answers.add(pool.submit(() -> call("POST", "/subjects/" + subject + "/versions", schemaBody(schema))));
            }
            Set<String> ids = new HashSet<>();
            for (Future<Answer> answer : answers) {
                assertThat(answer.get().status()).isEqualTo(200);
                ids.add(answer.get().body());
            }
            assertThat(ids).hasSize(40);
            for (int s = 0; s < 4; s++) {
                assertThat(get("/subjects/s" + s + "-value/versions").body()).isEqualTo("[1,2,3,4,5,6,7,8,9,10]");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void wrongOrMissingCredentialsAre401WithConfluentsBody() throws Exception {
        try (RegistryServer secured = RegistryServer.start(RegistryServerConfig.inMemory().withUsers(Map.of("alice", "s3cret")))) {
            HttpResponse<String> denied = http.send(HttpRequest.newBuilder(URI.create(secured.url() + "/subjects")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(denied.statusCode()).isEqualTo(401);
            assertThat(denied.body()).isEqualTo("{\"error_code\":401,\"message\":\"Unauthorized\"}");
            assertThat(denied.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"SchemaRegistry\"");

            String good = java.util.Base64.getEncoder().encodeToString("alice:s3cret".getBytes());
            String bad = java.util.Base64.getEncoder().encodeToString("alice:guess".getBytes());
            assertThat(http.send(HttpRequest.newBuilder(URI.create(secured.url() + "/subjects"))
                    .header("Authorization", "Basic " + bad).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
            assertThat(http.send(HttpRequest.newBuilder(URI.create(secured.url() + "/subjects"))
                    .header("Authorization", "Basic " + good).build(), HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("[]");
        }
    }

    @Test
    void theDefaultLevelIsConfigurable() throws Exception {
        try (RegistryServer full = RegistryServer.start(RegistryServerConfig.inMemory().withDefaultCompatibility(CompatibilityLevel.FULL))) {
            HttpResponse<String> config = http.send(HttpRequest.newBuilder(URI.create(full.url() + "/config")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(config.body()).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
        }
    }
}
