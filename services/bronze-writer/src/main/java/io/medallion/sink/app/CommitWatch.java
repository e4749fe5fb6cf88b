package io.medallion.sink.app;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The sink's own readiness condition: records read from Kafka must reach a Delta commit within
 * a bound. Nothing waiting (idle, or all committed) is never a stall, however long ago the last
 * commit was.
 */
record CommitWatch(Duration maxCommitDelay) {

    /**
     * @param uncommittedSince since when the oldest uncommitted record has waited, if any
     * @return how long it has waited, when that is longer than the bound
     */
    Optional<Duration> stalled(Instant now, Optional<Instant> uncommittedSince) {
        return uncommittedSince.map(since -> Duration.between(since, now)).filter(waited -> waited.compareTo(maxCommitDelay) > 0);
    }
}
