package io.medallion.local;

import io.medallion.common.config.Settings;
import io.medallion.common.lifecycle.Health;
import io.medallion.common.topics.TopicNames;
import io.medallion.gold.GoldConfig;
import io.medallion.gold.GoldService;
import io.medallion.gold.kpi.KpiWindows;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * gold-kpi, printing each KPI window to the console as it closes. State under
 * {@code <data>/state/gold-kpi}: windows still open when the stack stops close during the next
 * run with the same data folder.
 */
final class GoldComponent implements StackComponent {

    private static final Set<String> SOURCES = Set.of(TopicNames.silver("web_events"), TopicNames.CAPTURE_HEARTBEAT);

    private final GoldConfig config;
    private final GoldService service;
    private final String bootstrapServers;

    GoldComponent(StackContext context) {
        Settings published = context.settings();
        this.bootstrapServers = published.string(StackContext.KAFKA_BOOTSTRAP);
        Map<String, String> settings = new HashMap<>();
        settings.put(GoldConfig.BOOTSTRAP_SERVERS, bootstrapServers);
        settings.put(GoldConfig.SCHEMA_REGISTRY_URL, published.string(StackContext.REGISTRY_URL));
        settings.put(GoldConfig.STATE_DIR, context.dataDir("state").resolve("gold-kpi").toString());
        this.config = GoldConfig.from(context.serviceSettings(settings, GoldConfig.PREFIX));
        this.service = new GoldService(config, new SimpleMeterRegistry(),
                kpi -> context.println(KpiLine.format(kpi, lateEvents())));
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

    @Override
    public Role role() {
        return Role.SERVICE;
    }

    public long windowsEmitted() {
        return service.windowsEmitted();
    }

    public long lateEvents() {
        return service.lateEvents();
    }

    /**
     * The event time gold-kpi's clock must pass before every window holding events up to
     * {@code lastEvent} is closed: that window's end plus grace, plus one watermark step.
     */
    Instant lastWindowClosesAt(Instant lastEvent) {
        KpiWindows windows = config.windows();
        return Instant.ofEpochMilli(windows.closesAt(windows.startOf(lastEvent.toEpochMilli())))
                .plus(config.watermarkInterval());
    }

    @Override
    public void drain(Duration timeout) {
        String applicationId = config.applicationId();
        try (Drain drain = new Drain(bootstrapServers)) {
            drain.await(name(), topic -> SOURCES.contains(topic) || StreamsTopics.isRepartition(applicationId, topic),
                    partitions -> drain.groupPositions(applicationId), timeout);
        }
    }

    @Override
    public List<String> summary() {
        return List.of("gold-kpi: " + Formats.count(service.windowsEmitted()) + " KPI windows closed ("
                + Formats.duration(config.windows().size()) + " windows, " + Formats.duration(config.windows().grace())
                + " grace), " + Formats.count(service.lateEvents()) + " late events (gold.late_events)");
    }

    @Override
    public void close() {
        service.close();
    }
}
