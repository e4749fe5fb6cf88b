package io.medallion.loadgen;

import io.medallion.loadgen.model.ShopTable;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/**
 * What the generator has committed so far, for summaries and for tests that compare the
 * pipeline's output against the input. Only committed rows are counted.
 *
 * @param events             events generated and committed (clickstream rows and inventory operations)
 * @param tables             rows inserted, updated and deleted per table (by table name, every table present)
 * @param anomalies          clickstream anomalies by kind (every kind present)
 * @param validClickEvents   fresh valid clickstream events by event type (on time, out of order or
 *                           late; re-sends not included)
 * @param validPurchaseValue sum of price times quantity over those purchases, EUR
 * @param behindSchedule     how far the slowest lane is behind its schedule now
 * @param maxBehindSchedule  the most any lane has been behind schedule during the run
 */
public record LoadStats(long events, Map<String, TableCounts> tables, Map<Anomaly, Long> anomalies,
                        Map<String, Long> validClickEvents, BigDecimal validPurchaseValue,
                        Duration behindSchedule, Duration maxBehindSchedule) {

    /** Rows changed in one table. */
    public record TableCounts(long inserted, long updated, long deleted) {
    }

    public LoadStats {
        tables = Map.copyOf(tables);
        anomalies = Map.copyOf(anomalies);
        validClickEvents = Map.copyOf(validClickEvents);
    }

    public TableCounts table(ShopTable table) {
        return tables.get(table.tableName());
    }

    /** Rows the generator left in the table: inserted minus deleted. */
    public long rowsPresent(ShopTable table) {
        TableCounts c = table(table);
        return c.inserted() - c.deleted();
    }

    public long anomalies(Anomaly kind) {
        return anomalies.get(kind);
    }

    /** Clickstream rows silver must quarantine. */
    public long invalidRows() {
        return anomalies.entrySet().stream().filter(e -> e.getKey().invalid()).mapToLong(Map.Entry::getValue).sum();
    }
}
