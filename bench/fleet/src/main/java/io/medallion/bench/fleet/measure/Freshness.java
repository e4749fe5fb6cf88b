package io.medallion.bench.fleet.measure;

import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.medallion.bench.fleet.lake.AddedFile;
import io.medallion.bench.fleet.lake.DeltaCommit;
import io.medallion.bench.fleet.lake.DeltaLog;
import io.medallion.bench.fleet.lake.KernelTables;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Freshness as a user of the lake sees it, from the Delta logs after the run: for every row a
 * commit made visible (compaction rewrites excluded), the commit's time minus the row's source
 * commit time ({@code _source_ts}, which bronze and silver carry); for gold/kpi_1m, the commit's
 * time minus the window's end + grace.
 */
public final class Freshness {

    /**
     * Per-row delays of one layer: when the row became visible, and how long after its source
     * time; and the data commits of each table, to tell how often the sink got round to each one.
     */
    public record Delays(String layer, LongList commitMs, LongList delayMs, Map<String, LongList> commitsByTable) {

        Delays(String layer) {
            this(layer, new LongList(), new LongList(), new TreeMap<>());
        }

        /**
         * How the sink spent its time in [fromMs, toMs]: data commits per second over all the
         * layer's tables, and the median time between two commits of the same table.
         */
        public Cadence cadence(long fromMs, long toMs) {
            long commits = 0;
            LongList gaps = new LongList();
            for (LongList times : commitsByTable.values()) {
                long previous = -1;
                for (int i = 0; i < times.size(); i++) {
                    long t = times.get(i);
                    if (t < fromMs || t > toMs) {
                        continue;
                    }
                    commits++;
                    if (previous >= 0) {
                        gaps.add(t - previous);
                    }
                    previous = t;
                }
            }
            double seconds = Math.max(1, (toMs - fromMs) / 1000.0);
            return new Cadence(commits / seconds, Stats.of(gaps.toArray()).p50(), commitsByTable.size());
        }

        public Stats stats(long fromMs, long toMs) {
            LongList in = new LongList();
            for (int i = 0; i < commitMs.size(); i++) {
                if (commitMs.get(i) >= fromMs && commitMs.get(i) <= toMs) {
                    in.add(delayMs.get(i));
                }
            }
            return Stats.of(in.toArray());
        }

        /** Rows made visible in [fromMs, toMs], e.g. source changes per second into bronze. */
        public long rows(long fromMs, long toMs) {
            long n = 0;
            for (int i = 0; i < commitMs.size(); i++) {
                if (commitMs.get(i) >= fromMs && commitMs.get(i) <= toMs) {
                    n++;
                }
            }
            return n;
        }
    }

    /** Data commits per second over a layer's tables, the median gap between commits of one table, tables. */
    public record Cadence(double commitsPerSecond, long medianGapMs, int tables) {
    }

    private Freshness() {
    }

    /** Every bronze or silver table under {@code lake/<layer>} with a {@code _source_ts} column. */
    public static Delays ofLayer(Path lake, String layer, KernelTables kernel) {
        Delays d = new Delays(layer);
        for (Path table : KernelTables.tablesUnder(lake.resolve(layer))) {
            addTable(table, "_source_ts", Duration.ZERO, kernel, d);
        }
        return d;
    }

    /** gold/kpi_1m: each window's commit time minus its end + grace. */
    public static Delays ofGold(Path lake, Duration grace, KernelTables kernel) {
        Delays d = new Delays("gold");
        Path table = lake.resolve("gold/kpi_1m");
        if (KernelTables.tablesUnder(lake.resolve("gold")).contains(table)) {
            addTable(table, "window_end", grace, kernel, d);
        }
        return d;
    }

    private static void addTable(Path table, String column, Duration offset, KernelTables kernel, Delays into) {
        StructType schema = kernel.snapshot(table).getSchema();
        if (schema.indexOf(column) < 0) {
            return;
        }
        StructField field = schema.get(column);
        LongList commits = into.commitsByTable().computeIfAbsent(table.getFileName().toString(), t -> new LongList());
        for (DeltaCommit commit : DeltaLog.read(table)) {
            if (commit.adds().stream().anyMatch(AddedFile::dataChange)) {
                commits.add(commit.timestampMs());
            }
            for (AddedFile file : commit.adds()) {
                if (!file.dataChange()) {
                    continue;
                }
                List<Object> values = new ArrayList<>();
                kernel.readFileColumn(table, field, file, values::add);
                for (Object v : values) {
                    if (v instanceof Instant source) {
                        into.commitMs().add(commit.timestampMs());
                        into.delayMs().add(commit.timestampMs() - source.toEpochMilli() - offset.toMillis());
                    }
                }
            }
        }
    }
}
