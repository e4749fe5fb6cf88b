package io.medallion.local;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LaunchOptionsTest {

    @Test
    void defaults() {
        LaunchOptions o = LaunchOptions.parse(new String[0]);
        assertThat(o.rate()).isEqualTo(100);
        assertThat(o.duration()).isEqualTo(Duration.ofSeconds(90));
        assertThat(o.data()).isEqualTo(Path.of("medallion-data"));
        assertThat(o.seed()).isEqualTo(42);
        assertThat(o.postgres()).isEmpty();
    }

    @Test
    void everyOptionInBothSpellings() {
        LaunchOptions o = LaunchOptions.parse(new String[]{"--rate", "0", "--duration=5m", "--data", "/tmp/x", "--seed=7",
                "--pg-url", "jdbc:postgresql://db:5432/shop", "--pg-user", "cdc", "--pg-password=pw"});
        assertThat(o.rate()).isZero();
        assertThat(o.duration()).isEqualTo(Duration.ofMinutes(5));
        assertThat(o.data()).isEqualTo(Path.of("/tmp/x"));
        assertThat(o.seed()).isEqualTo(7);
        assertThat(o.postgres()).contains(new LaunchOptions.ExternalPostgres("jdbc:postgresql://db:5432/shop", "cdc", "pw"));
        assertThat(o.postgres().orElseThrow().toString()).doesNotContain("pw");
    }

    @Test
    void usageErrorsSayWhatIsWrong() {
        assertUsage("unknown option --speed", "--speed", "3");
        assertUsage("unknown option --bogus", "--bogus");
        assertUsage("--rate must be a whole number", "--rate", "fast");
        assertUsage("--rate must be between 0", "--rate", "-5");
        assertUsage("--duration must be like 90s", "--duration", "soon");
        assertUsage("--duration must be like 90s", "--duration", "0s");
        assertUsage("--seed needs a value", "--seed");
        assertUsage("unexpected argument 'now'", "now");
        assertUsage("--pg-url needs --pg-user", "--pg-url", "jdbc:postgresql://db/shop");
        assertUsage("--pg-url must look like", "--pg-url", "postgres://db/shop", "--pg-user", "u");
        assertUsage("only go with --pg-url", "--pg-user", "u");
    }

    @Test
    void recognisesHelp() {
        assertThat(LaunchOptions.wantsHelp(new String[]{"--rate", "1", "-h"})).isTrue();
        assertThat(LaunchOptions.wantsHelp(new String[]{"--rate", "1"})).isFalse();
    }

    private static void assertUsage(String message, String... args) {
        assertThatThrownBy(() -> LaunchOptions.parse(args)).isInstanceOf(LaunchOptions.UsageException.class)
                .hasMessageContaining(message);
    }
}
