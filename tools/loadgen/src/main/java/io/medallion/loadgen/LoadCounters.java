package io.medallion.loadgen;

import io.medallion.loadgen.db.BatchWriter;
import io.medallion.loadgen.model.ShopTable;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** The running totals behind {@link LoadStats}, updated by every lane after each commit. */
final class LoadCounters {

    private long events;
    private final Map<ShopTable, long[]> tables = new EnumMap<>(ShopTable.class);
    private final Map<Anomaly, Long> anomalies = new EnumMap<>(Anomaly.class);
    private final Map<String, Long> validClickEvents = new HashMap<>();
    private BigDecimal validPurchaseValue = BigDecimal.ZERO;
    private final Map<String, Long> behindNanosByLane = new HashMap<>();
    private long maxBehindNanos;

    LoadCounters() {
        for (ShopTable t : ShopTable.values()) {
            tables.put(t, new long[3]);
        }
        for (Anomaly a : Anomaly.values()) {
            anomalies.put(a, 0L);
        }
    }

    synchronized void committed(int eventCount, BatchWriter.Counts counts, Tally tally) {
        events += eventCount;
        counts.byTable().forEach((table, c) -> {
            long[] total = tables.get(table);
            for (int i = 0; i < c.length; i++) {
                total[i] += c[i];
            }
        });
        tally.anomalies().forEach((a, n) -> anomalies.merge(a, n, Long::sum));
        tally.validEvents().forEach((type, n) -> validClickEvents.merge(type, n, Long::sum));
        validPurchaseValue = validPurchaseValue.add(tally.validPurchaseValue());
    }

    synchronized void behindSchedule(String lane, long nanos) {
        behindNanosByLane.put(lane, nanos);
        maxBehindNanos = Math.max(maxBehindNanos, nanos);
    }

    synchronized LoadStats snapshot() {
        Map<String, LoadStats.TableCounts> byName = new LinkedHashMap<>();
        tables.forEach((t, c) -> byName.put(t.tableName(),
                new LoadStats.TableCounts(c[BatchWriter.Counts.INSERTED], c[BatchWriter.Counts.UPDATED],
                        c[BatchWriter.Counts.DELETED])));
        long behind = behindNanosByLane.values().stream().mapToLong(Long::longValue).max().orElse(0);
        return new LoadStats(events, byName, anomalies, validClickEvents, validPurchaseValue,
                Duration.ofNanos(behind), Duration.ofNanos(maxBehindNanos));
    }
}
