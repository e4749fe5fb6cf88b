package io.medallion.bench.fleet.mode;

import io.medallion.bench.fleet.HarnessOptions;
import io.medallion.bench.fleet.check.CheckResult;
import io.medallion.bench.fleet.load.PostgresLoad;
import io.medallion.bench.fleet.report.Markdown;
import io.medallion.loadgen.LoadStats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code bench/run correctness}: the whole fleet against a generated workload (duplicates,
 * out-of-order, late and invalid clickstream events, inventory updates and deletes), no faults;
 * then the six checks, each printed PASS or FAIL with its numbers. Exit status 1 on any FAIL.
 */
public final class CorrectnessMode {

    private CorrectnessMode() {
    }

    public static int run(HarnessOptions options, String name, Console console) throws Exception {
        try (RunContext run = new RunContext(options, name, console)) {
            run.start(true, true);
            boolean loaded = run.runLoad(options.rate(), options.duration(), options.seed(), "load");
            run.load.stop();
            boolean finished = Verification.finish(run);
            List<CheckResult> results = Verification.check(run, true);
            boolean passed = loaded && finished && results.stream().allMatch(CheckResult::passed);
            Markdown md = new Markdown().heading(1, "Medallion end-to-end correctness run");
            md.paragraph(String.format(Locale.ROOT, "%s: **%s**. %,d events/s for %d s (seed %d), gold windows %s + %s grace, "
                            + "%d partition(s), services %s.", run.reportDir.getFileName(), passed ? "every check passed" : "FAILED",
                    options.rate(), options.duration().toSeconds(), options.seed(), options.window(), options.grace(),
                    options.partitions(), options.host().name().toLowerCase(Locale.ROOT).replace('_', '-')));
            md.paragraph("Machine: " + run.machine.line() + String.format(Locale.ROOT, "; load average %.1f at start.", run.loadAtStart));
            if (!loaded) {
                md.paragraph("The load generator failed: " + run.load.failure().orElse("?"));
            }
            if (!finished) {
                md.paragraph("The pipeline did not finish within the time limits; the checks ran on what was there.");
            }
            md.heading(2, "Checks");
            Verification.report(md, results);
            md.heading(2, "Workload");
            ((PostgresLoad) run.load).stats().ifPresent(s -> workload(md, s));
            md.write(run.reportDir.resolve("report.md"));
            console.println((passed ? "ALL CHECKS PASSED" : "SOME CHECKS FAILED") + "; report: " + run.reportDir.resolve("report.md"));
            return passed ? 0 : 1;
        }
    }

    static void workload(Markdown md, LoadStats s) {
        List<List<String>> rows = new ArrayList<>();
        new TreeMap<>(s.tables()).forEach((table, c) -> {
            if (c.inserted() + c.updated() + c.deleted() > 0) {
                rows.add(List.of("shop." + table, fmt(c.inserted()), fmt(c.updated()), fmt(c.deleted())));
            }
        });
        md.paragraph(String.format(Locale.ROOT, "%,d events committed; slowest lane at most %d ms behind schedule.",
                s.events(), s.maxBehindSchedule().toMillis()));
        md.table(List.of("table", "inserted", "updated", "deleted"), rows);
        List<String> anomalies = new ArrayList<>();
        for (Map.Entry<?, Long> e : new TreeMap<>(s.anomalies()).entrySet()) {
            if (e.getValue() > 0) {
                anomalies.add(e.getKey().toString().toLowerCase(Locale.ROOT) + " " + fmt(e.getValue()));
            }
        }
        md.paragraph("Clickstream anomalies: " + String.join(", ", anomalies) + ".");
    }

    static String fmt(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
