package io.medallion.sink.app;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class CommitWatchTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private final CommitWatch watch = new CommitWatch(Duration.ofSeconds(30));

    @Test
    void nothingWaitingIsNeverAStallHoweverOldTheLastCommit() {
        assertThat(watch.stalled(NOW, Optional.empty())).isEmpty();
    }

    @Test
    void recordsWaitingWithinTheBoundAreFine() {
        assertThat(watch.stalled(NOW, Optional.of(NOW.minusSeconds(30)))).isEmpty();
        assertThat(watch.stalled(NOW, Optional.of(NOW.plusSeconds(1)))).as("clock skew between threads").isEmpty();
    }

    @Test
    void recordsWaitingLongerThanTheBoundAreAStall() {
        assertThat(watch.stalled(NOW, Optional.of(NOW.minusSeconds(31)))).contains(Duration.ofSeconds(31));
    }
}
