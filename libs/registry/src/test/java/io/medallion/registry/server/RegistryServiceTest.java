package io.medallion.registry.server;

import io.medallion.common.lifecycle.Health;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistryServiceTest {

    @Test
    void healthFollowsTheLifecycle() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        RegistryService service = new RegistryService(RegistryServerConfig.inMemory().withPort(port));
        assertThat(service.name()).isEqualTo("schema-registry");
        assertThat(service.health().ready()).isFalse();

        service.start();
        URI url = service.server().url();
        assertThat(url).isEqualTo(URI.create("http://127.0.0.1:" + port));
        assertThat(service.server().port()).isEqualTo(port);
        assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString()).body())
                .isEqualTo("{}");
        Health running = service.health();
        assertThat(running.ready()).isTrue();
        assertThat(running.details()).containsEntry("url", url.toString()).containsEntry("requests", 1L);
        assertThatThrownBy(service::start).isInstanceOf(IllegalStateException.class);

        service.close();
        assertThat(service.health().state()).isEqualTo("STOPPED");
        assertThatThrownBy(service::server).isInstanceOf(IllegalStateException.class);
    }
}
