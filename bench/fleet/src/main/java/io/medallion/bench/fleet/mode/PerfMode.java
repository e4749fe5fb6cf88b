package io.medallion.bench.fleet.mode;

import io.medallion.bench.fleet.HarnessOptions;
import io.medallion.bench.fleet.lake.KernelTables;
import io.medallion.bench.fleet.measure.Freshness;
import io.medallion.bench.fleet.measure.LagTrend;
import io.medallion.bench.fleet.measure.RateSearch;
import io.medallion.bench.fleet.measure.Sample;
import io.medallion.bench.fleet.measure.Stats;
import io.medallion.bench.fleet.report.LineChart;
import io.medallion.bench.fleet.report.Machine;
import io.medallion.bench.fleet.report.Markdown;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * {@code bench/run perf} and {@code bench/run kafka-fed}: open-loop load at a fixed rate
 * ({@code --rate}), or a search for the maximum sustainable rate followed by measured runs at 50%
 * and 80% of it. Writes report.md with the figures, the targets and where the time goes, and
 * PNG charts of freshness, lags and memory over the run; prints a summary table.
 */
public final class PerfMode {

    /** Targets of issue 8 on this 2-core machine. */
    static final int TARGET_RATE_POSTGRES = 15_000;
    static final int TARGET_RATE_KAFKA = 40_000;
    static final long TARGET_FRESHNESS_MS = 2_000;
    static final long TARGET_GOLD_MS = 3_000;
    static final long TARGET_MEMORY_MIB = 8 * 1024;
    /** Share of a search stage left out at its start (the pipeline settling on the new rate). */
    static final double SETTLE = 1.0 / 3;

    private PerfMode() {
    }

    public static int run(HarnessOptions options, String name, Console console) throws Exception {
        boolean kafkaFed = options.mode() == HarnessOptions.Mode.KAFKA_FED;
        try (RunContext run = new RunContext(options, name, console)) {
            run.start(!kafkaFed, false);
            long seed = options.seed();
            List<RateRun> stages = new ArrayList<>();
            List<RateRun> measured = new ArrayList<>();
            int best = 0;
            if (options.rate() > 0) {
                measured.add(measure(run, "at " + options.rate() + "/s", options.rate(), options.duration(), seed));
            } else {
                // The first minutes of a fresh fleet are JIT compilation in every JVM: not judged.
                int warmupRate = Math.max(10, options.startRate() / 2);
                run.runLoad(warmupRate, options.warmup(), seed - 1, "warm-up (not judged)");
                run.load.stop();
                drain(run, warmupRate);
                RateSearch search = new RateSearch(options.startRate(), options.maxRate(), options.maxStages(), 0.1);
                OptionalInt next;
                int stage = 0;
                while ((next = search.next()).isPresent()) {
                    RateRun r = stage(run, ++stage, next.getAsInt(), seed + stage);
                    stages.add(r);
                    search.record(r.rate(), r.sustainable());
                }
                best = search.best();
                console.progress(best > 0 ? String.format(Locale.ROOT, "maximum sustainable rate: %,d events/s", best)
                        : "no stage was sustainable");
                if (best > 0) {
                    measured.add(measure(run, "50% of max", round(best * 0.5), options.measure(), seed + 100));
                    measured.add(measure(run, "80% of max", round(best * 0.8), options.measure(), seed + 200));
                }
            }
            run.load.stop();
            run.awaitLagsBelow(100, Duration.ofMinutes(2));
            console.progress("computing freshness from the Delta logs ...");
            KernelTables kernel = new KernelTables();
            Freshness.Delays bronze = Freshness.ofLayer(run.lake(), "bronze", kernel);
            Freshness.Delays silver = Freshness.ofLayer(run.lake(), "silver", kernel);
            Freshness.Delays gold = Freshness.ofGold(run.lake(), options.grace(), kernel);
            List<Sample> samples = run.sampler.samples();
            List<RunFigures> figures = measured.stream().map(r -> RunFigures.of(r, samples, bronze, silver, gold)).toList();
            double loadAtEnd = Machine.loadAverage();

            List<LineChart.Marker> markers = new ArrayList<>();
            stages.forEach(s -> markers.add(new LineChart.Marker(s.startMs(), String.format(Locale.ROOT, "%,d/s", s.rate()))));
            measured.forEach(m -> markers.add(new LineChart.Marker(m.startMs(), String.format(Locale.ROOT, "%,d/s", m.rate()))));
            long origin = samples.isEmpty() ? run.startedAtMs : samples.get(0).atMs();
            Charts.freshness(run.reportDir.resolve("freshness.png"), origin, List.of(bronze, silver), gold, markers);
            Charts.lags(run.reportDir.resolve("lag.png"), origin, samples, markers);
            if (!kafkaFed) {
                Charts.slot(run.reportDir.resolve("slot-lag.png"), origin, samples, markers);
            }
            Charts.memory(run.reportDir.resolve("memory.png"), origin, samples, markers);

            String summary = summaryTable(figures);
            console.println("");
            console.println(summary);
            Markdown md = report(run, kafkaFed, stages, best, figures, loadAtEnd);
            md.write(run.reportDir.resolve("report.md"));
            Files.writeString(run.reportDir.resolve("summary.txt"), summary);
            console.println("report: " + run.reportDir.resolve("report.md"));
            return measured.stream().allMatch(RateRun::loaded) ? 0 : 1;
        }
    }

    static int round(double rate) {
        return Math.max(10, (int) Math.round(rate / 50.0) * 50);
    }

    /** One stage of the search: load for --stage, judge the lags, stop and let the pipeline drain. */
    private static RateRun stage(RunContext run, int index, int rate, long seed) throws Exception {
        long start = System.currentTimeMillis();
        boolean loaded = run.runLoad(rate, run.options.stage(), seed, "search stage " + index);
        long end = System.currentTimeMillis();
        long behind = run.load.maxBehindSchedule().toMillis();
        run.load.stop();
        List<Sample> samples = run.sampler.between(start, end);
        RateRun r = new RateRun("stage " + index, rate, start, start + (long) ((end - start) * SETTLE), end, loaded, behind,
                LagTrend.judge(samples, rate, run.options.flatTolerance(), SETTLE));
        run.console.progress(String.format(Locale.ROOT, "stage %d at %,d events/s: %s", index, rate, r.verdict()));
        drain(run, rate);
        return r;
    }

    /** A measured run: warm-up, then the steady-state window the figures come from. */
    private static RateRun measure(RunContext run, String label, int rate, Duration duration, long seed) throws Exception {
        long start = System.currentTimeMillis();
        boolean loaded = run.runLoad(rate, duration, seed, "measured run " + label);
        long end = System.currentTimeMillis();
        long behind = run.load.maxBehindSchedule().toMillis();
        run.load.stop();
        long from = Math.min(end, start + run.options.warmup().toMillis());
        List<Sample> samples = run.sampler.between(from, end);
        RateRun r = new RateRun(label, rate, start, from, end, loaded, behind,
                LagTrend.judge(samples, rate, run.options.flatTolerance(), 0));
        run.console.progress(String.format(Locale.ROOT, "%s (%,d events/s): %s", label, rate, r.verdict()));
        drain(run, rate);
        return r;
    }

    private static void drain(RunContext run, int rate) throws Exception {
        if (run.sourceConnection != null) {
            run.awaitCaptureCaughtUp(Duration.ofMinutes(3));
        }
        if (!run.awaitLagsBelow(Math.max(100, rate / 2), Duration.ofMinutes(3))) {
            run.console.progress("lags did not drain within 3 minutes: " + run.lagLine());
        }
    }

    static String summaryTable(List<RunFigures> figures) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-12s %9s %9s %9s  %-21s %-21s %-17s %8s %-11s %8s%n", "run", "offered/s", "events/s",
                "changes/s", "bronze p50/p99/max s", "silver p50/p99/max s", "gold p99/max (n)", "CPU s/1k", "cores us/all",
                "mem MiB"));
        for (RunFigures f : figures) {
            b.append(String.format(Locale.ROOT, "%-12s %,9d %,9.0f %,9.0f  %-21s %-21s %-17s %8.2f %-11s %,8d%n", f.run().label(),
                    f.run().rate(), f.eventsPerSecond(), f.changesPerSecond(), triple(f.bronze()), triple(f.silver()),
                    gold(f.gold()), f.totalCpuPer1000(), String.format(Locale.ROOT, "%.2f/%.2f", f.fleetCores(), f.machineCores()),
                    f.peakTotalMib()));
        }
        return b.toString();
    }

    static String triple(Stats s) {
        return s.count() == 0 ? "-" : String.format(Locale.ROOT, "%.2f/%.2f/%.2f", s.p50() / 1000.0, s.p99() / 1000.0, s.max() / 1000.0);
    }

    static String gold(Stats s) {
        return s.count() == 0 ? "-" : String.format(Locale.ROOT, "%.2f/%.2f (%d)", s.p99() / 1000.0, s.max() / 1000.0, s.count());
    }

    private static Markdown report(RunContext run, boolean kafkaFed, List<RateRun> stages, int best, List<RunFigures> figures,
                                   double loadAtEnd) {
        HarnessOptions o = run.options;
        Markdown md = new Markdown().heading(1, kafkaFed ? "Medallion performance, Kafka-fed (silver, gold, three sinks)"
                : "Medallion performance, end to end from PostgreSQL");
        md.paragraph(String.format(Locale.ROOT, "Run %s. Machine: %s. Load average %.1f at start, %.1f at the end%s.",
                run.reportDir.getFileName(), run.machine.line(), run.loadAtStart, loadAtEnd,
                // The run's own processes raise the load average above 2 on a 2-core machine; only
                // load from before they started says that other work shared the machine.
                run.loadAtStart > 1.5 ? " (the machine was already busy before the run: figures are lower bounds)" : ""));
        md.paragraph(String.format(Locale.ROOT, "Services %s (%s); gold windows %s + %s grace; %d partition(s) per cdc/silver topic;"
                        + " open-loop load%s; steady-state figures leave out the first %d s of each run.",
                o.host() == io.medallion.bench.fleet.fleet.HostKind.PROCESSES ? "one JVM each" : "in one JVM",
                String.join(" ", o.jvmOptions()), o.window(), o.grace(), o.partitions(),
                kafkaFed ? " of cdc.shop.web_events change envelopes through the registry (the load generator's clickstream, anomalies included)"
                        : " from the project's load generator (80% clickstream in 2 lanes, 20% inventory)",
                o.warmup().toSeconds()));
        if (!stages.isEmpty()) {
            md.heading(2, "Maximum sustainable rate");
            md.paragraph(String.format(Locale.ROOT, "After %d s of unjudged warm-up load, stages of %d s, doubling from %,d events/s,"
                            + " then bisecting; a stage is sustainable when the source kept its schedule (at most %d ms behind) and"
                            + " every lag stayed flat: its least-squares slope over the last two thirds of the stage at most %.0f%% of"
                            + " the offered rate per second plus 2 s of input over that window (the slot's lag against the WAL rate)."
                            + " **Maximum sustainable: %s.**", o.warmup().toSeconds(), o.stage().toSeconds(), o.startRate(),
                    RateRun.KEPT_UP_MS, o.flatTolerance() * 100, best > 0 ? String.format(Locale.ROOT, "%,d events/s", best) : "none"));
            List<List<String>> rows = new ArrayList<>();
            for (RateRun s : stages) {
                rows.add(List.of(s.label(), String.format(Locale.ROOT, "%,d", s.rate()), s.verdict(), s.maxBehindMs() + " ms"));
            }
            md.table(List.of("stage", "events/s", "verdict", "source behind"), rows);
        }
        md.heading(2, "Figures");
        md.code(summaryTable(figures));
        md.paragraph("Columns: offered rate; events the source committed per second; rows made visible in bronze per second"
                + " (source changes); freshness from the source commit (`_source_ts`) to the Delta commit holding the row, per row,"
                + " p50/p99/max in seconds; gold: Delta commit of each kpi_1m window after its end + grace (n windows); CPU seconds"
                + " per 1,000 events over every process; cores busy on average in this run's processes / in the whole machine"
                + " (the difference is other work sharing the machine); peak of the summed proportional memory (Pss) of every process.");
        for (RunFigures f : figures) {
            md.heading(3, f.run().label() + String.format(Locale.ROOT, " (%,d events/s)", f.run().rate()));
            md.paragraph(f.run().verdict() + ". Lags: " + String.join("; ", f.run().lags().stream().map(LagTrend.Verdict::describe).toList())
                    + String.format(Locale.ROOT, ". Memory growth over the steady window: %+.1f MiB/min. CPU: the machine had %.2f of its %d"
                            + " cores busy, the processes of this run %.2f; the rest (%.2f cores) was other work on the machine.",
                    f.growthMibPerMin(), f.machineCores(), Runtime.getRuntime().availableProcessors(), f.fleetCores(),
                    Math.max(0, f.machineCores() - f.fleetCores())) + " Sinks: " + String.join("; ", List.of("bronze", "silver").stream()
                    .map(layer -> {
                        Freshness.Cadence c = f.cadence().get(layer);
                        return String.format(Locale.ROOT, "%s %.1f Delta commits/s over %d tables, each table committed every %.1f s"
                                + " (median)", layer, c.commitsPerSecond(), c.tables(), c.medianGapMs() / 1000.0);
                    }).toList()) + " (one sink thread commits its tables one after the other; `flush.max-latency` is 1 s).");
            List<List<String>> rows = new ArrayList<>();
            new TreeSet<>(f.cpuPer1000().keySet()).forEach(p -> rows.add(List.of(p,
                    String.format(Locale.ROOT, "%.3f", f.cpuPer1000().get(p)),
                    String.format(Locale.ROOT, "%.2f", f.cores().getOrDefault(p, 0.0)),
                    String.format(Locale.ROOT, "%,d", f.peakRssMib().getOrDefault(p, 0L)))));
            md.table(List.of("process", "CPU s per 1,000 events", "cores busy", "peak RSS MiB"), rows);
        }
        targets(md, kafkaFed, best, stages.isEmpty() ? OptionalInt.empty() : OptionalInt.of(best), figures);
        md.heading(2, "Charts");
        md.image("freshness over time", "freshness.png");
        md.image("lag over time", "lag.png");
        if (!kafkaFed) {
            md.image("replication slot lag over time", "slot-lag.png");
        }
        md.image("memory over time", "memory.png");
        return md;
    }

    private static void targets(Markdown md, boolean kafkaFed, int best, OptionalInt searched, List<RunFigures> figures) {
        md.heading(2, "Targets");
        List<List<String>> rows = new ArrayList<>();
        int targetRate = kafkaFed ? TARGET_RATE_KAFKA : TARGET_RATE_POSTGRES;
        if (searched.isPresent()) {
            rows.add(target("maximum sustainable rate", String.format(Locale.ROOT, ">= %,d events/s", targetRate),
                    String.format(Locale.ROOT, "%,d events/s", best), best >= targetRate,
                    String.format(Locale.ROOT, "%.0f%% below", 100.0 * (targetRate - best) / targetRate)));
        }
        RunFigures half = figures.isEmpty() ? null : figures.get(0);
        if (half != null) {
            String at = " at " + half.run().label();
            for (Stats s : List.of(half.bronze(), half.silver())) {
                String layer = s == half.bronze() ? "bronze" : "silver";
                rows.add(target(layer + " freshness p99" + at, "<= 2 s", String.format(Locale.ROOT, "%.2f s", s.p99() / 1000.0),
                        s.count() > 0 && s.p99() <= TARGET_FRESHNESS_MS,
                        String.format(Locale.ROOT, "%.2f s over", (s.p99() - TARGET_FRESHNESS_MS) / 1000.0)));
            }
            rows.add(target("gold commit after window end + grace, p99" + at, "<= 3 s",
                    half.gold().count() == 0 ? "no window closed" : String.format(Locale.ROOT, "%.2f s (%d windows)",
                            half.gold().p99() / 1000.0, half.gold().count()),
                    half.gold().count() > 0 && half.gold().p99() <= TARGET_GOLD_MS,
                    String.format(Locale.ROOT, "%.2f s over", (half.gold().p99() - TARGET_GOLD_MS) / 1000.0)));
            RunFigures top = figures.stream().max(Comparator.comparingInt(f -> f.run().rate())).orElseThrow();
            rows.add(target("memory of fleet + PostgreSQL + broker at " + top.run().label(), "<= 8 GiB",
                    String.format(Locale.ROOT, "%,d MiB (Pss)", top.peakTotalMib()), top.peakTotalMib() <= TARGET_MEMORY_MIB,
                    String.format(Locale.ROOT, "%,d MiB over", top.peakTotalMib() - TARGET_MEMORY_MIB)));
        }
        md.table(List.of("target", "wanted", "measured", "met"), rows);
        if (half != null) {
            RunFigures top = figures.stream().max(Comparator.comparingInt(f -> f.run().rate())).orElseThrow();
            List<String> where = new ArrayList<>();
            top.cores().entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).forEach(e -> where.add(
                    String.format(Locale.ROOT, "%s: %.2f cores, %.3f CPU s per 1,000 events (%.0f%% of the fleet's CPU)", e.getKey(),
                            e.getValue(), top.cpuPer1000().getOrDefault(e.getKey(), 0.0),
                            100 * top.cpuPer1000().getOrDefault(e.getKey(), 0.0) / Math.max(1e-9, top.totalCpuPer1000()))));
            md.paragraph(String.format(Locale.ROOT, "Where the time goes at %s (%,d events/s; the machine has %d cores):",
                    top.run().label(), top.run().rate(), Runtime.getRuntime().availableProcessors()));
            md.bullets(where);
        }
    }

    private static List<String> target(String what, String wanted, String measured, boolean met, String miss) {
        return List.of(what, wanted, measured, met ? "yes" : "**no**, " + miss);
    }
}
