package io.medallion.bench.fleet.load;

import io.medallion.bench.fleet.fleet.SourceEndpoint;
import io.medallion.common.config.Settings;
import io.medallion.loadgen.LoadConfig;
import io.medallion.loadgen.LoadGenerator;
import io.medallion.loadgen.LoadStats;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The project's load generator (tools/loadgen) against the source database, in the harness
 * JVM: clickstream with duplicates, out-of-order, late and invalid events, and inventory traffic
 * with updates and deletes. One generator per schedule; reference data is seeded once.
 */
public final class PostgresLoad implements LoadDriver {

    private final SourceEndpoint source;
    private final Map<String, String> extra;
    private LoadGenerator current;
    private long previousEvents;
    private Duration lastMaxBehind = Duration.ZERO;
    private LoadStats lastStats;

    /** @param extra more {@code medallion.loadgen.*} settings, e.g. anomaly shares */
    public PostgresLoad(SourceEndpoint source, Map<String, String> extra) {
        this.source = source;
        this.extra = Map.copyOf(extra);
    }

    @Override
    public synchronized void start(int rate, Duration duration, long seed) {
        stop();
        lastMaxBehind = Duration.ZERO;
        Map<String, String> s = new java.util.HashMap<>(extra);
        s.put(LoadConfig.JDBC_URL, source.jdbcUrl());
        s.put(LoadConfig.USER, source.user());
        s.put(LoadConfig.PASSWORD, source.password());
        s.put(LoadConfig.INSTALL_SCHEMA, "false");
        s.put(LoadConfig.RATE, Integer.toString(rate));
        s.put(LoadConfig.DURATION, duration.toMillis() + "ms");
        s.put(LoadConfig.SEED, Long.toString(seed));
        current = new LoadGenerator(LoadConfig.from(Settings.of(s)));
        current.start();
    }

    @Override
    public synchronized long events() {
        return previousEvents + (current == null ? 0 : current.stats().events());
    }

    /** What the current (or, when stopped, the last) generator committed, by table and anomaly. */
    public synchronized Optional<LoadStats> stats() {
        return current == null ? Optional.ofNullable(lastStats) : Optional.of(current.stats());
    }

    @Override
    public synchronized Duration behindSchedule() {
        return current == null || current.finished() ? Duration.ZERO : current.stats().behindSchedule();
    }

    @Override
    public synchronized Duration maxBehindSchedule() {
        return current == null ? lastMaxBehind : current.stats().maxBehindSchedule();
    }

    @Override
    public synchronized boolean finished() {
        return current == null || current.finished();
    }

    @Override
    public synchronized void stop() {
        if (current != null) {
            current.close();
            LoadStats last = current.stats();
            lastStats = last;
            previousEvents += last.events();
            lastMaxBehind = last.maxBehindSchedule();
            current = null;
        }
    }

    @Override
    public synchronized Optional<String> failure() {
        if (current == null || current.health().live()) {
            return Optional.empty();
        }
        Object lanes = current.health().details().get("failedLanes");
        return Optional.of(String.valueOf(lanes instanceof List<?> l ? l : current.health().details()));
    }

    @Override
    public void close() {
        stop();
    }
}
