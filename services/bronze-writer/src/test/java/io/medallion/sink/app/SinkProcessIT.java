package io.medallion.sink.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.medallion.common.config.Settings;
import io.medallion.registry.server.RegistryServer;
import io.medallion.registry.server.RegistryServerConfig;
import io.medallion.runtime.AppProbe;
import io.medallion.sink.SinkConfig;
import io.medallion.testkit.LocalResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged application as operators run it: {@code java -jar} in a child JVM, configured by
 * environment variables only, stopped with SIGTERM while it holds uncommitted records.
 */
class SinkProcessIT {

    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void sigtermCommitsWhatItBufferedAndEndsTheProcessWithinTheBound(@TempDir Path lake, @TempDir Path logs) throws Exception {
        Path jar = Path.of(System.getProperty("medallion.app.jar", "target/medallion-bronze-writer-0.1.0-SNAPSHOT.jar"));
        assertThat(jar).as("built by mvn package").exists();
        assertThat(jar.resolveSibling("lib")).isDirectory();
        int port = LocalResources.freePort();
        File log = logs.resolve("sink.log").toFile();

        try (RegistryServer registry = RegistryServer.start(RegistryServerConfig.inMemory());
             SinkAppFixture f = new SinkAppFixture(lake, registry.url().toString())) {
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m", "-XX:+UseSerialGC", "-jar", jar.toString());
            Map<String, String> env = pb.environment();
            f.settings().forEach((k, v) -> env.put(Settings.envName(k), v));
            // Nothing is committed before the stop: only the shutdown can put these rows in the table.
            env.put(Settings.envName(SinkConfig.FLUSH_MAX_LATENCY), "10m");
            env.put("MEDALLION_SHUTDOWN_TIMEOUT", SHUTDOWN_TIMEOUT.toSeconds() + "s");
            env.put("MICRONAUT_SERVER_PORT", Integer.toString(port));
            pb.redirectErrorStream(true).redirectOutput(log);
            Process process = pb.start();
            try {
                AppProbe app = new AppProbe(URI.create("http://localhost:" + port));
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                        .until(() -> {
                            assertThat(process.isAlive()).as("the sink process is running; log:\n%s", read(log)).isTrue();
                            return app.readiness() == 200;
                        });
                assertThat(app.get("/health").body()).contains("\"bronze-writer[bronze]\"");

                f.send(0, 25, System.currentTimeMillis());
                await().atMost(Duration.ofSeconds(60)).until(() -> app.metricOrZero("medallion_sink_records_in_total", "topic", f.topic) == 25);
                assertThat(f.rows()).isZero();

                process.destroy(); // SIGTERM
                assertThat(process.waitFor(SHUTDOWN_TIMEOUT.toSeconds() + 30, TimeUnit.SECONDS))
                        .as("the process ended within the shutdown bound; log:\n%s", read(log)).isTrue();
            } finally {
                process.destroyForcibly();
            }
            assertThat(process.exitValue()).as("ended by SIGTERM after its shutdown hooks").isEqualTo(143);
            assertThat(f.rows()).as("the stop flushed and committed the buffered records").isEqualTo(25);
        }

        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(log.toPath())) {
            lines.add(JSON.readTree(line));
        }
        assertThat(lines).as("one JSON object per line").isNotEmpty().allSatisfy(l -> assertThat(l.has("level")).isTrue());
        assertThat(lines).anySatisfy(l -> assertThat(l.path("formattedMessage").asText()).startsWith("bronze-writer[bronze] stopped in"));
    }

    private static String read(File log) {
        try {
            return Files.readString(log.toPath());
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
