package io.medallion.local;

import io.medallion.capture.CaptureConfig;
import io.medallion.capture.CaptureService;
import io.medallion.capture.CaptureStats;
import io.medallion.common.config.Settings;
import io.medallion.common.lifecycle.Health;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * cdc-capture on the stack's PostgreSQL. Its drain waits until everything committed so far is on
 * Kafka, so the services after it and the summary see every change the generator committed.
 */
final class CaptureComponent implements StackComponent {

    private static final int HEARTBEATS_AFTER = 2;

    private final CaptureService service;
    private final Rate rate = new Rate();

    CaptureComponent(StackContext context) {
        Settings published = context.settings();
        Map<String, String> settings = new HashMap<>();
        settings.put(CaptureConfig.HOST, published.string(StackContext.PG_HOST));
        settings.put(CaptureConfig.PORT, published.string(StackContext.PG_PORT));
        settings.put(CaptureConfig.NAME, published.string(StackContext.PG_DATABASE));
        settings.put(CaptureConfig.USER, published.string(StackContext.PG_USER));
        settings.put(CaptureConfig.PASSWORD, published.string(StackContext.PG_PASSWORD, ""));
        settings.put(CaptureConfig.KAFKA_BOOTSTRAP, published.string(StackContext.KAFKA_BOOTSTRAP));
        settings.put(CaptureConfig.REGISTRY_URL, published.string(StackContext.REGISTRY_URL));
        // Short heartbeats: the slot follows quickly, and the drain at stop is quick.
        settings.put(CaptureConfig.HEARTBEAT_INTERVAL, "1s");
        this.service = new CaptureService(CaptureConfig.from(context.serviceSettings(settings, CaptureConfig.PREFIX)),
                new SimpleMeterRegistry());
    }

    @Override
    public String name() {
        return service.name();
    }

    @Override
    public void start() {
        service.start();
    }

    @Override
    public Health health() {
        return service.health();
    }

    public CaptureStats stats() {
        return service.stats();
    }

    @Override
    public Optional<String> status() {
        CaptureStats s = service.stats();
        return Optional.of("captured " + Formats.count(rate.perSecond(s.changes())) + "/s (" + Formats.count(s.changes())
                + ") | slot lag " + Formats.bytes(s.slotLagBytes()));
    }

    @Override
    public List<String> summary() {
        CaptureStats s = service.stats();
        List<String> lines = new ArrayList<>();
        lines.add("cdc-capture: " + Formats.count(s.changes()) + " changes captured to Kafka (" + s.state().name().toLowerCase()
                + "), " + Formats.count(s.heartbeats()) + " heartbeats");
        new java.util.TreeMap<>(s.changesPerTable()).forEach((table, n) -> lines.add(String.format("  %-22s %12s", table, Formats.count(n))));
        service.failure().ifPresent(e -> lines.add("  failed: " + e.getMessage()));
        return lines;
    }

    @Override
    public Role role() {
        return Role.SERVICE;
    }

    @Override
    public void drain(Duration timeout) {
        if (!service.awaitCaughtUp(timeout)) {
            throw new IllegalStateException("capture did not catch up with PostgreSQL within " + timeout);
        }
    }

    /**
     * Waits until the wall clock has passed {@code instant} and then until capture has put
     * {@value #HEARTBEATS_AFTER} more heartbeats on Kafka: a heartbeat stamped after
     * {@code instant} is then on its way to whoever keeps time by them (gold-kpi).
     *
     * @return false when that did not happen within the timeout
     */
    public boolean awaitHeartbeatAfter(Instant instant, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            long wait = Duration.between(Instant.now(), instant).toMillis();
            if (wait > 0) {
                Thread.sleep(Math.min(wait, timeout.toMillis()));
            }
            long before = service.stats().heartbeats();
            while (service.stats().heartbeats() < before + HEARTBEATS_AFTER) {
                if (System.nanoTime() > deadline || !service.health().live()) {
                    return false;
                }
                Thread.sleep(100);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        service.close();
    }
}
