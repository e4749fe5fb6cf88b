package io.medallion.sink.app;

import io.medallion.common.lifecycle.Health;
import io.medallion.common.lifecycle.ManagedService;
import io.medallion.sink.SinkService;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link SinkService} with the commit watch folded into its readiness: running is not
 * enough, what it read must also be committed in time. Liveness stays the sink's own (a stuck
 * commit may clear by itself; a crashed poll thread is not live).
 */
final class WatchedSink implements ManagedService {

    private final SinkService sink;
    private final CommitWatch watch;
    private final Clock clock;

    WatchedSink(SinkService sink, CommitWatch watch, Clock clock) {
        this.sink = sink;
        this.watch = watch;
        this.clock = clock;
    }

    SinkService sink() {
        return sink;
    }

    @Override
    public String name() {
        return sink.name();
    }

    @Override
    public void start() {
        sink.start();
    }

    @Override
    public Health health() {
        Health h = sink.health();
        Optional<Instant> since = sink.uncommittedSince();
        Instant now = clock.instant();
        Map<String, Object> details = new LinkedHashMap<>(h.details());
        since.ifPresent(s -> details.put("oldestUncommittedMs", Math.max(0, Duration.between(s, now).toMillis())));
        Optional<Duration> stalled = watch.stalled(now, since);
        stalled.ifPresent(d -> details.put("notReady", "records read " + d.toMillis() + " ms ago are not committed (bound "
                + SinkAppSettings.MAX_COMMIT_DELAY + "=" + watch.maxCommitDelay() + ")"));
        return new Health(h.live(), h.ready() && stalled.isEmpty(), h.state(), details);
    }

    @Override
    public void close() {
        sink.close();
    }
}
