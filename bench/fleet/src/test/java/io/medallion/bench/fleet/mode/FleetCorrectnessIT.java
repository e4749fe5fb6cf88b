package io.medallion.bench.fleet.mode;

import io.medallion.bench.fleet.HarnessOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The correctness mode on a tiny workload, every service in this JVM: PostgreSQL, broker,
 * registry, capture, silver-enricher, gold-kpi and the three sinks; 15 s of load with every kind
 * of anomaly; then all six checks must pass and the report must exist.
 */
class FleetCorrectnessIT {

    @Test
    void aSmallRunPassesEveryCheck(@TempDir Path dir) throws Exception {
        HarnessOptions options = HarnessOptions.parse(new String[]{"correctness", "--rate", "100", "--duration", "15s",
                "--window", "10s", "--grace", "10s", "--reports", dir.resolve("reports").toString(),
                "--work", dir.resolve("work").toString()});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String name = options.runName(LocalDateTime.now());

        int status = CorrectnessMode.run(options, name, new Console(new PrintStream(out, true, StandardCharsets.UTF_8)));

        String printed = out.toString(StandardCharsets.UTF_8);
        System.out.println(printed);
        assertThat(printed.lines().filter(l -> l.startsWith("PASS  "))).hasSize(6);
        assertThat(printed).doesNotContain("FAIL  ").contains("ALL CHECKS PASSED");
        assertThat(status).isZero();
        Path report = dir.resolve("reports").resolve(name).resolve("report.md");
        assertThat(Files.readString(report)).contains("every check passed").contains("**PASS**").doesNotContain("**FAIL**");
        assertThat(dir.resolve("work").resolve("medallion-bench-" + name)).as("data removed after the run").doesNotExist();
    }
}
