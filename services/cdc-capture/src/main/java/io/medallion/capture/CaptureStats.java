package io.medallion.capture;

import java.util.Map;

/**
 * What capture did so far, for status lines and summaries.
 *
 * @param changes         changes acknowledged by Kafka, all tables
 * @param changesPerTable per {@code schema.table}
 * @param slotLagBytes    last slot lag reading, -1 before the first
 * @param retainedWalBytes last retained-WAL reading, -1 before the first
 */
public record CaptureStats(EngineState state, long changes, Map<String, Long> changesPerTable, long heartbeats,
                           long slotLagBytes, long retainedWalBytes) {

    public CaptureStats {
        changesPerTable = Map.copyOf(changesPerTable);
    }
}
