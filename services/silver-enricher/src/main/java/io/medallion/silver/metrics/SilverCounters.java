package io.medallion.silver.metrics;

import java.util.Map;

/**
 * A snapshot of silver-enricher's counters, each keyed by its tag value.
 *
 * @param recordsIn per {@code cdc.shop.*} topic
 * @param recordsOut per {@code silver.*} topic, quarantine included
 * @param quarantined per entity
 * @param dedupHits per entity (clickstream by event id, change tables by LSN)
 * @param deadLetters per failure kind
 * @param warnings per entity
 */
public record SilverCounters(Map<String, Long> recordsIn, Map<String, Long> recordsOut, Map<String, Long> quarantined,
                             Map<String, Long> dedupHits, Map<String, Long> deadLetters, Map<String, Long> warnings) {

    public SilverCounters {
        recordsIn = Map.copyOf(recordsIn);
        recordsOut = Map.copyOf(recordsOut);
        quarantined = Map.copyOf(quarantined);
        dedupHits = Map.copyOf(dedupHits);
        deadLetters = Map.copyOf(deadLetters);
        warnings = Map.copyOf(warnings);
    }

    public long totalIn() {
        return sum(recordsIn);
    }

    public long totalQuarantined() {
        return sum(quarantined);
    }

    public long totalDedupHits() {
        return sum(dedupHits);
    }

    public long totalDeadLetters() {
        return sum(deadLetters);
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
