package io.medallion.bench.fleet;

import io.medallion.bench.fleet.fleet.HostKind;
import io.medallion.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HarnessOptionsTest {

    @Test
    void defaultsDependOnTheMode() {
        HarnessOptions correctness = HarnessOptions.parse(new String[]{"correctness"});
        assertThat(correctness.rate()).isEqualTo(300);
        assertThat(correctness.host()).isEqualTo(HostKind.IN_PROCESS);
        HarnessOptions perf = HarnessOptions.parse(new String[]{"perf"});
        assertThat(perf.rate()).as("no rate: search the maximum").isZero();
        assertThat(perf.host()).isEqualTo(HostKind.PROCESSES);
        assertThat(HarnessOptions.parse(new String[]{"faults"}).duration()).isEqualTo(Duration.ofMinutes(6));
    }

    @Test
    void readsBothOptionSpellingsAndFlags() {
        HarnessOptions o = HarnessOptions.parse(new String[]{"kafka-fed", "--rate=40000", "--duration", "90s", "--keep-data",
                "--window", "10s", "--jvm-options", "-Xmx1g -XX:+UseG1GC"});
        assertThat(o.mode()).isEqualTo(HarnessOptions.Mode.KAFKA_FED);
        assertThat(o.rate()).isEqualTo(40_000);
        assertThat(o.duration()).isEqualTo(Duration.ofSeconds(90));
        assertThat(o.keepData()).isTrue();
        assertThat(o.window()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.jvmOptions()).containsExactly("-Xmx1g", "-XX:+UseG1GC");
    }

    @Test
    void errorsNameTheOption() {
        assertThatThrownBy(() -> HarnessOptions.parse(new String[]{"perf", "--rate", "fast"}))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'--rate'");
        assertThatThrownBy(() -> HarnessOptions.parse(new String[]{"perf", "--speed", "1"}))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'--speed'");
        assertThatThrownBy(() -> HarnessOptions.parse(new String[]{"bake"}))
                .isInstanceOf(ConfigException.class).hasMessageContaining("mode");
        assertThatThrownBy(() -> HarnessOptions.parse(new String[]{"correctness", "--rate", "0"}))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'--rate'");
        assertThatThrownBy(() -> HarnessOptions.parse(new String[]{"faults", "--host", "in-process"}))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'--host'");
        assertThatThrownBy(() -> HarnessOptions.parse(new String[]{"perf", "--start-rate", "5000", "--max-rate", "1000"}))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'--max-rate'");
        assertThatThrownBy(() -> HarnessOptions.parse(new String[]{"perf", "--flat-tolerance", "2"}))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'--flat-tolerance'");
        assertThatThrownBy(() -> HarnessOptions.parse(new String[]{"perf", "--duration"}))
                .isInstanceOf(ConfigException.class).hasMessageContaining("needs a value");
    }

    @Test
    void runNamesSortByTime() {
        HarnessOptions o = HarnessOptions.parse(new String[]{"faults"});
        assertThat(o.runName(java.time.LocalDateTime.of(2026, 11, 23, 9, 5, 7))).isEqualTo("20261123-090507-faults");
    }
}
