package io.medallion.bench.fleet.mode;

import io.medallion.bench.fleet.HarnessOptions;
import io.medallion.bench.fleet.check.CheckResult;
import io.medallion.bench.fleet.fleet.Role;
import io.medallion.bench.fleet.lake.KernelTables;
import io.medallion.bench.fleet.load.PostgresLoad;
import io.medallion.bench.fleet.measure.Freshness;
import io.medallion.bench.fleet.measure.Recovery;
import io.medallion.bench.fleet.measure.Sample;
import io.medallion.bench.fleet.report.LineChart;
import io.medallion.bench.fleet.report.Markdown;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * {@code bench/run faults}: one process per service under steady load; after the warm-up, one
 * service after the other is killed with SIGKILL (capture, the three sinks, silver-enricher,
 * gold-kpi) and finally the broker, each restarted at once with its state folders, as Kubernetes
 * would; the next kill comes once the fleet is back to steady lag plus {@code --kill-every}. Then the same checks as the correctness mode: nothing lost, nothing duplicated in silver
 * or gold (bronze may hold capture's re-sent copies), gold equal to the SQL reference. Also the
 * recovery time after each kill.
 */
public final class FaultMode {

    /** The kill order: each service once, the broker last. */
    static final List<Role> KILLS = List.of(Role.CAPTURE, Role.SINK_BRONZE, Role.SILVER, Role.SINK_SILVER, Role.GOLD,
            Role.SINK_GOLD, Role.BROKER);
    static final long TARGET_RECOVERY_MS = 30_000;
    /** How long a kill may take to recover from before the run moves on to the next one. */
    static final Duration MAX_RECOVERY = Duration.ofMinutes(3);

    /** One kill and what followed. */
    record Kill(Role role, long atMs, long readyMs, OptionalLong steadyAtMs) {
    }

    private FaultMode() {
    }

    public static int run(HarnessOptions options, String name, Console console) throws Exception {
        try (RunContext run = new RunContext(options, name, console)) {
            run.start(true, true);
            List<Kill> kills = new ArrayList<>();
            boolean loaded;
            List<Supervisor.Restart> restarts;
            long loadStart = System.currentTimeMillis();
            try (Supervisor supervisor = new Supervisor(run.host, run.fleet.roles(), console)) {
                loaded = loadWithKills(run, supervisor, kills);
                run.load.stop();
                RunContext.await(Duration.ofMinutes(3), () -> run.fleet.roles().stream().allMatch(run.host::alive));
                restarts = supervisor.restarts();
            }
            Duration duration = Duration.ofMillis(System.currentTimeMillis() - loadStart);
            boolean finished = Verification.finish(run);
            List<Sample> samples = run.sampler.samples();
            List<Kill> analysed = kills;
            printRecovery(console, analysed);
            boolean captureRestarted = restarts.stream().anyMatch(r -> r.role() == Role.CAPTURE);
            List<CheckResult> results = Verification.check(run, !captureRestarted);

            KernelTables kernel = new KernelTables();
            long origin = samples.isEmpty() ? run.startedAtMs : samples.get(0).atMs();
            List<LineChart.Marker> markers = analysed.stream()
                    .map(k -> new LineChart.Marker(k.atMs(), "kill " + k.role().label())).toList();
            Charts.lags(run.reportDir.resolve("lag.png"), origin, samples, markers);
            Charts.slot(run.reportDir.resolve("slot-lag.png"), origin, samples, markers);
            Charts.freshness(run.reportDir.resolve("freshness.png"), origin,
                    List.of(Freshness.ofLayer(run.lake(), "bronze", kernel), Freshness.ofLayer(run.lake(), "silver", kernel)),
                    Freshness.ofGold(run.lake(), options.grace(), kernel), markers);

            boolean recovered = analysed.stream().allMatch(k -> k.steadyAtMs().isPresent());
            boolean passed = loaded && finished && results.stream().allMatch(CheckResult::passed);
            Markdown md = new Markdown().heading(1, "Medallion fault run");
            md.paragraph(String.format(Locale.ROOT, "%s: checks **%s**. %,d events/s for %d s, one process per service (%s);"
                            + " after %d s of warm-up one SIGKILL, then the next once the fleet was back to steady lag plus %d s;"
                            + " each process restarted at once with the same ports and state folders, as Kubernetes would."
                            + " Gold windows %s + %s grace.", run.reportDir.getFileName(),
                    passed ? "all passed" : "FAILED", options.rate(), duration.toSeconds(), String.join(" ", options.jvmOptions()),
                    options.warmup().toSeconds(), options.killEvery().toSeconds(), options.window(), options.grace()));
            md.paragraph("Machine: " + run.machine.line() + String.format(Locale.ROOT, "; load average %.1f at start.", run.loadAtStart));
            md.paragraph("Silver and gold are checked against what a run without faults produces: every source change once in"
                    + " silver or quarantine (none lost, none twice), the clickstream's conservation law row by row, and gold/kpi_1m"
                    + " equal to the SQL reference over the source for every window. Two runs cannot be compared row by row"
                    + " because the load generator stamps events with the wall clock. Bronze is append-only and keeps the copies"
                    + " capture re-sends after a crash, so it is checked at least once"
                    + (captureRestarted ? " (capture was restarted)." : " (and exactly once: capture never restarted)."));
            md.heading(2, "Checks");
            Verification.report(md, results);
            md.heading(2, "Recovery after each kill");
            md.table(List.of("killed", "at", "restarted and ready after", "back to steady lag after", "within 30 s"),
                    analysed.stream().map(k -> List.of(k.role().label(), seconds(k.atMs() - origin),
                            k.readyMs() < 0 ? "not restarted" : seconds(k.readyMs() - k.atMs()),
                            k.steadyAtMs().isPresent() ? seconds(k.steadyAtMs().getAsLong() - k.atMs()) : "not within the run",
                            k.steadyAtMs().isPresent() && k.steadyAtMs().getAsLong() - k.atMs() <= TARGET_RECOVERY_MS ? "yes" : "**no**"))
                            .toList());
            md.paragraph("Back to steady lag: the start of the first stretch of 10 s, after the new process was ready and every lag"
                    + " had shown progress (a fall between two samples, or a value within the floor), in which every lag is at most"
                    + " twice its highest value in the 15 s before the kill (floor: 2 s of input, 4 MiB for the slot).");
            List<String> unplanned = restarts.stream().filter(r -> !r.planned())
                    .map(r -> r.role().label() + " at " + seconds(r.foundDeadMs() - origin)).toList();
            md.paragraph("Restarts the harness did not cause (a service that exited on its own, e.g. while the broker was down): "
                    + (unplanned.isEmpty() ? "none." : String.join(", ", unplanned) + "."));
            md.heading(2, "Workload");
            ((PostgresLoad) run.load).stats().ifPresent(s -> CorrectnessMode.workload(md, s));
            md.heading(2, "Charts");
            md.image("lag over time", "lag.png");
            md.image("replication slot lag over time", "slot-lag.png");
            md.image("freshness over time", "freshness.png");
            md.write(run.reportDir.resolve("report.md"));
            console.println((passed ? "ALL CHECKS PASSED" : "SOME CHECKS FAILED")
                    + (recovered ? "" : "; a kill was not followed by steady lag within the run")
                    + "; report: " + run.reportDir.resolve("report.md"));
            return passed ? 0 : 1;
        }
    }

    /**
     * Load until every kill is done: warm-up, then for each role a SIGKILL, a wait until the
     * fleet is back to steady lag (at most {@link #MAX_RECOVERY}), then {@code --kill-every} of
     * steady load before the next one, so each recovery is measured alone; a short tail at the end.
     */
    private static boolean loadWithKills(RunContext run, Supervisor supervisor, List<Kill> kills) {
        HarnessOptions o = run.options;
        run.console.progress(String.format(Locale.ROOT, "load: %,d events/s until every kill is done; kills after %d s,"
                        + " each after the fleet is steady again plus %d s: %s", o.rate(), o.warmup().toSeconds(),
                o.killEvery().toSeconds(), KILLS.stream().map(Role::label).toList()));
        run.load.start(o.rate(), Duration.ZERO, o.seed());
        long began = System.currentTimeMillis();
        if (!steadyLoad(run, began, o.warmup())) {
            return false;
        }
        for (Role role : KILLS) {
            run.console.progress("SIGKILL " + role.label());
            long at = System.currentTimeMillis();
            try {
                supervisor.kill(role);
            } catch (RuntimeException e) {
                run.console.progress("could not kill " + role.label() + ": " + e.getMessage());
                continue;
            }
            long deadline = at + MAX_RECOVERY.toMillis();
            OptionalLong steady = OptionalLong.empty();
            long ready = -1;
            while (System.currentTimeMillis() < deadline && steady.isEmpty()) {
                if (run.load.failure().isPresent()) {
                    run.console.progress("load generation failed: " + run.load.failure().get());
                    return false;
                }
                RunContext.sleep(1_000);
                ready = readyAfter(supervisor.restarts(), role, at);
                if (ready >= 0) {
                    steady = Recovery.steadyAgainAt(run.sampler.samples(), at, ready, o.rate());
                }
            }
            kills.add(new Kill(role, at, ready, steady));
            run.console.progress(String.format(Locale.ROOT, "  %s: ready after %s, steady lag after %s | lag: %s", role.label(),
                    ready < 0 ? "-" : seconds(ready - at), steady.isPresent() ? seconds(steady.getAsLong() - at) : "more than "
                            + MAX_RECOVERY.toSeconds() + " s", run.lagLine()));
            if (!steadyLoad(run, began, o.killEvery())) {
                return false;
            }
        }
        return run.load.failure().isEmpty();
    }

    /** Keeps the load going for a while, printing a status line every 10 s; false if the load failed. */
    private static boolean steadyLoad(RunContext run, long began, Duration length) {
        long end = System.currentTimeMillis() + length.toMillis();
        long lastStatus = System.currentTimeMillis();
        while (System.currentTimeMillis() < end) {
            if (run.load.failure().isPresent()) {
                run.console.progress("load generation failed: " + run.load.failure().get());
                return false;
            }
            RunContext.sleep(200);
            long now = System.currentTimeMillis();
            if (now - lastStatus >= 10_000) {
                lastStatus = now;
                run.console.progress(String.format(Locale.ROOT, "  %3d s: %,d events | lag: %s", (now - began) / 1000,
                        run.load.events(), run.lagLine()));
            }
        }
        return true;
    }

    static long readyAfter(List<Supervisor.Restart> restarts, Role role, long killedAtMs) {
        return restarts.stream().filter(r -> r.role() == role && r.planned() && r.foundDeadMs() >= killedAtMs)
                .mapToLong(Supervisor.Restart::readyMs).min().orElse(-1);
    }

    private static void printRecovery(Console console, List<Kill> kills) {
        for (Kill k : kills) {
            console.println(String.format(Locale.ROOT, "recovery after killing %-12s restarted and ready after %s, back to steady lag after %s",
                    k.role().label() + ":", k.readyMs() < 0 ? "-" : seconds(k.readyMs() - k.atMs()),
                    k.steadyAtMs().isPresent() ? seconds(k.steadyAtMs().getAsLong() - k.atMs()) : "never (within the run)"));
        }
        console.println("");
    }

    static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
