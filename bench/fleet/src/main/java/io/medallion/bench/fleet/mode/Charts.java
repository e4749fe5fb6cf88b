package io.medallion.bench.fleet.mode;

import io.medallion.bench.fleet.measure.Freshness;
import io.medallion.bench.fleet.measure.LongList;
import io.medallion.bench.fleet.measure.ProcStat;
import io.medallion.bench.fleet.measure.Sample;
import io.medallion.bench.fleet.measure.Stats;
import io.medallion.bench.fleet.report.LineChart;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/** The run's PNG charts over its whole timeline: freshness, lags, the replication slot, memory. */
final class Charts {

    static final long BUCKET_MS = 5_000;

    private Charts() {
    }

    /** p99 freshness per layer per 5-second bucket of commit time; gold as one point per window. */
    static void freshness(Path png, long originMs, List<Freshness.Delays> layers, Freshness.Delays gold, List<LineChart.Marker> markers) {
        List<LineChart.Series> series = new ArrayList<>();
        for (Freshness.Delays d : layers) {
            TreeMap<Long, LongList> buckets = new TreeMap<>();
            for (int i = 0; i < d.commitMs().size(); i++) {
                buckets.computeIfAbsent(d.commitMs().get(i) / BUCKET_MS * BUCKET_MS, k -> new LongList()).add(d.delayMs().get(i));
            }
            long[] x = buckets.keySet().stream().mapToLong(Long::longValue).map(k -> k + BUCKET_MS / 2).toArray();
            double[] y = buckets.values().stream().mapToDouble(l -> Stats.of(l.toArray()).p99() / 1000.0).toArray();
            series.add(new LineChart.Series(d.layer() + " p99", x, y));
        }
        if (gold.commitMs().size() > 0) {
            series.add(new LineChart.Series("gold (window end + grace)", gold.commitMs().toArray(),
                    java.util.Arrays.stream(gold.delayMs().toArray()).mapToDouble(v -> v / 1000.0).toArray()));
        }
        LineChart.write(png, "Freshness: source commit to Delta commit (p99 per 5 s)", "seconds", originMs, series, markers);
    }

    /** Consumer and sink lags in records. */
    static void lags(Path png, long originMs, List<Sample> samples, List<LineChart.Marker> markers) {
        TreeSet<String> names = new TreeSet<>();
        samples.forEach(s -> names.addAll(s.lags().keySet()));
        names.remove(Sample.SLOT);
        List<LineChart.Series> series = new ArrayList<>();
        for (String name : names) {
            series.add(series(name, samples, s -> s.lags().containsKey(name) ? (double) s.lags().get(name) : Double.NaN));
        }
        LineChart.write(png, "Consumer and sink lag (records)", "records", originMs, series, markers);
    }

    /** The replication slot's lag in KiB (PostgreSQL-fed runs). */
    static void slot(Path png, long originMs, List<Sample> samples, List<LineChart.Marker> markers) {
        LineChart.write(png, "Replication slot lag: WAL not yet confirmed by capture (KiB)", "KiB", originMs,
                List.of(series("slot lag", samples, s -> s.lags().containsKey(Sample.SLOT) ? s.lags().get(Sample.SLOT) / 1024.0 : Double.NaN)),
                markers);
    }

    /** Resident memory per process and the proportional total, MiB. */
    static void memory(Path png, long originMs, List<Sample> samples, List<LineChart.Marker> markers) {
        TreeSet<String> names = new TreeSet<>();
        samples.forEach(s -> names.addAll(s.processes().keySet()));
        List<LineChart.Series> series = new ArrayList<>();
        series.add(series("total (Pss)", samples, s -> s.processes().values().stream().mapToLong(ProcStat.Reading::pssKib).sum() / 1024.0));
        for (String name : names) {
            series.add(series(name + " RSS", samples, s -> {
                ProcStat.Reading r = s.processes().get(name);
                return r == null || r.rssKib() == 0 ? Double.NaN : r.rssKib() / 1024.0;
            }));
        }
        LineChart.write(png, "Memory (MiB)", "MiB", originMs, series, markers);
    }

    private static LineChart.Series series(String name, List<Sample> samples, java.util.function.ToDoubleFunction<Sample> value) {
        long[] x = samples.stream().mapToLong(Sample::atMs).toArray();
        double[] y = samples.stream().mapToDouble(value).toArray();
        return new LineChart.Series(name, x, y);
    }
}
