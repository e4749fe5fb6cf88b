package io.medallion.local;

import io.medallion.common.config.Settings;
import io.medallion.common.lifecycle.Health;
import io.medallion.common.topics.TopicNames;
import io.medallion.silver.SilverConfig;
import io.medallion.silver.SilverService;
import io.medallion.silver.metrics.SilverCounters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * silver-enricher with the {@code local} profile: PII tokens use silver's fixed, public
 * development key (fine for generated data, never for real personal data). State under
 * {@code <data>/state/silver-enricher}, so a second run continues where the first stopped.
 */
final class SilverComponent implements StackComponent {

    private final SilverService service;
    private final String bootstrapServers;

    SilverComponent(StackContext context) {
        Settings published = context.settings();
        this.bootstrapServers = published.string(StackContext.KAFKA_BOOTSTRAP);
        Map<String, String> settings = new HashMap<>();
        settings.put(SilverConfig.BOOTSTRAP_SERVERS, bootstrapServers);
        settings.put(SilverConfig.SCHEMA_REGISTRY_URL, published.string(StackContext.REGISTRY_URL));
        settings.put(SilverConfig.STATE_DIR, context.dataDir("state").resolve("silver-enricher").toString());
        settings.put(SilverConfig.PROFILE, "local");
        SilverConfig config = SilverConfig.from(context.serviceSettings(settings, "medallion.silver.", SilverConfig.PROFILE));
        this.service = new SilverService(config, new SimpleMeterRegistry());
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

    public SilverCounters counters() {
        return service.counters();
    }

    @Override
    public void drain(Duration timeout) {
        String applicationId = service.config().applicationId();
        String cdcShop = TopicNames.cdcShop("");
        try (Drain drain = new Drain(bootstrapServers)) {
            drain.await(name(), topic -> topic.startsWith(cdcShop) || StreamsTopics.isRepartition(applicationId, topic),
                    partitions -> drain.groupPositions(applicationId), timeout);
        }
    }

    @Override
    public List<String> summary() {
        SilverCounters c = service.counters();
        long out = c.recordsOut().entrySet().stream().filter(e -> !e.getKey().equals(TopicNames.SILVER_QUARANTINE))
                .mapToLong(Map.Entry::getValue).sum();
        List<String> lines = new ArrayList<>();
        lines.add("silver-enricher: " + Formats.count(c.totalIn()) + " changes in, " + Formats.count(out) + " silver records out, "
                + Formats.count(c.totalQuarantined()) + " quarantined, " + Formats.count(c.totalDedupHits())
                + " duplicates removed, " + Formats.count(c.totalDeadLetters()) + " dead letters");
        if (c.totalQuarantined() > 0) {
            lines.add("  quarantined per entity:       " + perEntity(c.quarantined()));
        }
        if (c.totalDedupHits() > 0) {
            lines.add("  duplicates removed per entity: " + perEntity(c.dedupHits()));
        }
        return lines;
    }

    /** {@code customers 3, web_events 41}: non-zero counts by name. */
    static String perEntity(Map<String, Long> counts) {
        return new TreeMap<>(counts).entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getKey() + " " + Formats.count(e.getValue())).collect(Collectors.joining(", "));
    }

    @Override
    public void close() {
        service.close();
    }
}
