package io.medallion.bench.fleet.mode;

import io.medallion.bench.fleet.check.CheckResult;
import io.medallion.bench.fleet.check.Checks;
import io.medallion.bench.fleet.check.Evidence;
import io.medallion.bench.fleet.lake.KernelTables;
import io.medallion.bench.fleet.report.Markdown;
import io.medallion.bench.fleet.source.SourceChange;
import io.medallion.gold.reference.ReferenceKpi;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The end of a PostgreSQL-fed run: let the pipeline finish (capture caught up, lags drained,
 * gold's last windows closed), stop the services cleanly, then run every check against the lake,
 * the source and the topics.
 */
final class Verification {

    private static final Duration CATCH_UP = Duration.ofMinutes(5);
    private static final long DRAINED_LAG = 20;

    private Verification() {
    }

    /** Waits for the pipeline to finish what the source committed; false if it did not within the time limits. */
    static boolean finish(RunContext run) throws SQLException {
        Console c = run.console;
        c.progress("waiting for capture to confirm the whole WAL ...");
        boolean ok = run.awaitCaptureCaughtUp(CATCH_UP);
        c.progress("waiting for every consumer and sink to catch up ...");
        ok &= run.awaitLagsBelow(DRAINED_LAG, CATCH_UP);
        Duration goldWait = run.options.window().plus(run.options.grace()).plus(Duration.ofMinutes(2));
        c.progress("waiting up to " + goldWait.toSeconds() + " s for gold to close the last windows ...");
        KernelTables kernel = new KernelTables();
        ok &= RunContext.await(goldWait, () -> goldComplete(run, kernel));
        ok &= run.awaitLagsBelow(DRAINED_LAG, CATCH_UP);
        if (!ok) {
            c.progress("the pipeline did not finish within the time limits; checking what is there");
        }
        return ok;
    }

    private static boolean goldComplete(RunContext run, KernelTables kernel) {
        try {
            Set<Instant> gold = new HashSet<>();
            Evidence.goldKpis(run.lake(), kernel).forEach(k -> gold.add(k.windowStart()));
            List<ReferenceKpi> reference = Checks.reference(run.sourceConnection, run.options.window(),
                    Evidence.lateEventIds(run.lake(), kernel));
            return !reference.isEmpty() && reference.stream().allMatch(r -> gold.contains(r.windowStart()));
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Stops the services (the broker stays for the topic counts) and runs the six checks.
     *
     * @param bronzeExactlyOnce false after a capture restart: capture re-sends what it had not
     *                          stored offsets for, so bronze (append-only) and quarantine may hold copies
     */
    static List<CheckResult> check(RunContext run, boolean bronzeExactlyOnce) throws SQLException {
        Console c = run.console;
        c.progress("stopping the services cleanly ...");
        run.fleet.stopServices();
        c.progress("reading the audit slot, the lake and the topics ...");
        KernelTables kernel = new KernelTables();
        List<SourceChange> source = Checks.sourceChanges(run.sourceConnection);
        Evidence e = Evidence.read(run.lake(), kernel);
        List<ReferenceKpi> reference = Checks.reference(run.sourceConnection, run.options.window(), e.lateEventIds());
        List<CheckResult> results = new ArrayList<>();
        results.add(Checks.bronze(source, e, bronzeExactlyOnce));
        results.add(Checks.conservation(e, bronzeExactlyOnce));
        results.add(Checks.silverExactlyOnce(e));
        results.add(Checks.gold(e, reference));
        results.add(Checks.pii(run.lake(), e, run.sourceConnection));
        results.add(Checks.deltaTables(run.lake(), kernel, run.layout.bootstrapServers()));
        c.println("");
        for (CheckResult r : results) {
            c.println(r.line());
            r.problems().forEach(p -> c.println("      " + p));
        }
        c.println("");
        return results;
    }

    static void report(Markdown md, List<CheckResult> results) {
        List<List<String>> rows = new ArrayList<>();
        for (CheckResult r : results) {
            StringBuilder figures = new StringBuilder();
            r.figures().forEach((k, v) -> figures.append(k).append(' ').append(CheckResult.format(v)).append("; "));
            rows.add(List.of(r.passed() ? "**PASS**" : "**FAIL**", r.name(),
                    figures.length() > 2 ? figures.substring(0, figures.length() - 2) : "",
                    String.join("; ", r.problems())));
        }
        md.table(List.of("result", "check", "numbers", "problems (first " + CheckResult.MAX_PROBLEMS + ")"), rows);
    }
}
