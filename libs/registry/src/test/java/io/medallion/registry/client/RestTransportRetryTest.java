package io.medallion.registry.client;

import io.medallion.registry.server.RegistryServer;
import io.medallion.registry.server.RegistryServerConfig;
import io.medallion.registry.testing.ScriptedHttpServer;
import io.medallion.registry.testing.ScriptedHttpServer.Answer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import static io.medallion.registry.testing.TestSchemas.userV1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Transient failures are retried (with fail-over between URLs); answers that retrying cannot change are not. */
class RestTransportRetryTest {

    private static final Answer OK_ID_7 = new Answer(200, "{\"id\":7}");

    private static SchemaRegistryClient client(String urls, int maxRetries) {
        return SchemaRegistryClients.create(Map.of(
                RegistryClientConfig.URL, urls,
                RegistryClientConfig.RETRIES_MAX, maxRetries,
                RegistryClientConfig.RETRIES_BACKOFF_MS, 1,
                RegistryClientConfig.RETRIES_BACKOFF_MAX_MS, 4));
    }

    private static String refusedUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    @Test
    void serverErrorsAreRetriedUntilTheRegistryAnswers() {
        try (ScriptedHttpServer registry = new ScriptedHttpServer(
                new Answer(503, "{\"error_code\":50003,\"message\":\"Error while forwarding the request to the leader\"}"),
                new Answer(500, "{\"error_code\":50001,\"message\":\"Error in the backend data store\"}"),
                new Answer(429, "{\"error_code\":429,\"message\":\"Too Many Requests\"}"),
                OK_ID_7)) {
            assertThat(client(registry.url().toString(), 3).register("users-value", userV1())).isEqualTo(7);
            assertThat(registry.requests()).hasSize(4).allMatch(r -> r.equals("POST /subjects/users-value/versions"));
        }
    }

    @Test
    void retriesStopAtTheLimitWithTheLastErrorRetriable() {
        try (ScriptedHttpServer registry = new ScriptedHttpServer(
                new Answer(500, "{\"error_code\":50001,\"message\":\"Error in the backend data store\"}"))) {
            assertThatThrownBy(() -> client(registry.url().toString(), 2).register("users-value", userV1()))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                        assertThat(e.httpStatus()).isEqualTo(500);
                        assertThat(e.errorCode()).isEqualTo(ErrorCodes.STORE_ERROR);
                        assertThat(e.retriable()).isTrue();
                        assertThat(e.getMessage()).contains("Error in the backend data store");
                    });
            assertThat(registry.requests()).hasSize(3);
        }
    }

    @Test
    void clientErrorsFailAtOnce() {
        Answer[] answers = {
                new Answer(404, "{\"error_code\":40401,\"message\":\"Subject 'users-value' not found.\"}"),
                new Answer(401, "{\"error_code\":401,\"message\":\"Unauthorized\"}"),
                new Answer(403, "{\"error_code\":403,\"message\":\"Forbidden\"}"),
                new Answer(409, "{\"error_code\":409,\"message\":\"Schema being registered is incompatible\"}"),
                new Answer(422, "{\"error_code\":42201,\"message\":\"Invalid schema\"}")};
        for (Answer answer : answers) {
            try (ScriptedHttpServer registry = new ScriptedHttpServer(answer, OK_ID_7)) {
                assertThatThrownBy(() -> client(registry.url().toString(), 5).register("users-value", userV1()))
                        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                            assertThat(e.httpStatus()).isEqualTo(answer.status());
                            assertThat(e.retriable()).isFalse();
                        });
                assertThat(registry.requests()).as("requests for HTTP %d", answer.status()).hasSize(1);
            }
        }
    }

    @Test
    void aProxyErrorPageIsKeptAsTheMessage() {
        try (ScriptedHttpServer registry = new ScriptedHttpServer(new Answer(502, "<html>Bad Gateway</html>"))) {
            assertThatThrownBy(() -> client(registry.url().toString(), 0).getSchemaById(1))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                        assertThat(e.httpStatus()).isEqualTo(502);
                        assertThat(e.errorCode()).isEqualTo(502);
                        assertThat(e.retriable()).isTrue();
                        assertThat(e.getMessage()).contains("<html>Bad Gateway</html>");
                    });
        }
    }

    @Test
    void aRefusedConnectionFailsOverToTheNextUrlAndStaysThere() throws IOException {
        try (RegistryServer registry = RegistryServer.start(RegistryServerConfig.inMemory())) {
            SchemaRegistryClient client = client(refusedUrl() + "," + registry.url(), 0);
            int id = client.register("users-value", userV1());
            long served = registry.requestsServed();
            assertThat(client.getSubjects()).containsExactly("users-value");
            assertThat(client.getLatestSchema("users-value").id()).isEqualTo(id);
            assertThat(registry.requestsServed()).isEqualTo(served + 2);
        }
    }

    @Test
    void noReachableRegistryIsARetriableErrorWithoutStatus() throws IOException {
        String urls = refusedUrl() + "," + refusedUrl();
        assertThatThrownBy(() -> client(urls, 2).getSubjects())
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(ErrorCodes.NO_RESPONSE);
                    assertThat(e.retriable()).isTrue();
                    assertThat(e.getMessage()).contains("Cannot reach schema registry");
                });
    }
}
