package io.medallion.bench.fleet.mode;

import io.medallion.bench.fleet.measure.Freshness;
import io.medallion.bench.fleet.measure.ProcStat;
import io.medallion.bench.fleet.measure.Sample;
import io.medallion.bench.fleet.measure.Stats;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of one measured run, from the sampler (events, CPU, memory) and the Delta logs
 * (freshness per layer) over the run's steady-state window.
 *
 * @param eventsPerSecond  events the driver had committed, per second
 * @param changesPerSecond rows made visible in bronze per second (source changes as captured)
 * @param cpuPer1000       CPU seconds per 1,000 events, per process
 * @param cores            CPU cores busy on average, per process
 * @param peakRssMib       highest resident memory sampled during the run, per process
 * @param peakTotalMib     highest sum of proportional memory (Pss) over every process
 * @param growthMibPerMin  slope of that sum over the steady-state window
 * @param machineCores     CPU cores the whole machine had busy on average (our processes and anyone else's)
 * @param cadence          per layer (bronze, silver): how often the sink committed
 */
record RunFigures(RateRun run, double eventsPerSecond, double changesPerSecond, Stats bronze, Stats silver, Stats gold,
                  Map<String, Double> cpuPer1000, Map<String, Double> cores, Map<String, Long> peakRssMib, long peakTotalMib,
                  double growthMibPerMin, double machineCores, Map<String, Freshness.Cadence> cadence) {

    static RunFigures of(RateRun run, List<Sample> all, Freshness.Delays bronze, Freshness.Delays silver, Freshness.Delays gold) {
        List<Sample> steady = all.stream().filter(s -> s.atMs() >= run.fromMs() && s.atMs() <= run.endMs()).toList();
        List<Sample> whole = all.stream().filter(s -> s.atMs() >= run.startMs() && s.atMs() <= run.endMs()).toList();
        double seconds = (run.endMs() - run.fromMs()) / 1000.0;
        Map<String, Double> cpu = new LinkedHashMap<>();
        Map<String, Double> cores = new LinkedHashMap<>();
        double events = 0;
        double machine = 0;
        if (steady.size() >= 2) {
            Sample first = steady.get(0);
            Sample last = steady.get(steady.size() - 1);
            events = last.events() - first.events();
            double span = (last.atMs() - first.atMs()) / 1000.0;
            machine = span > 0 ? (last.machineBusyTicks() - first.machineBusyTicks()) / ProcStat.TICKS_PER_SECOND / span : 0;
            for (Map.Entry<String, ProcStat.Reading> e : last.processes().entrySet()) {
                ProcStat.Reading before = first.processes().get(e.getKey());
                if (before == null) {
                    continue;
                }
                double cpuSeconds = (e.getValue().cpuTicks() - before.cpuTicks()) / ProcStat.TICKS_PER_SECOND;
                cpu.put(e.getKey(), events > 0 ? cpuSeconds / events * 1000 : 0);
                cores.put(e.getKey(), span > 0 ? cpuSeconds / span : 0);
            }
            seconds = span > 0 ? span : seconds;
        }
        Map<String, Long> peak = new LinkedHashMap<>();
        long peakTotal = 0;
        for (Sample s : whole) {
            long total = 0;
            for (Map.Entry<String, ProcStat.Reading> e : s.processes().entrySet()) {
                peak.merge(e.getKey(), e.getValue().rssKib() / 1024, Math::max);
                total += e.getValue().pssKib();
            }
            peakTotal = Math.max(peakTotal, total / 1024);
        }
        double growth = growth(steady);
        return new RunFigures(run, seconds > 0 ? events / seconds : 0,
                seconds > 0 ? bronze.rows(run.fromMs(), run.endMs()) / seconds : 0,
                bronze.stats(run.fromMs(), run.endMs()), silver.stats(run.fromMs(), run.endMs()),
                gold.stats(run.fromMs(), run.endMs()), cpu, cores, peak, peakTotal, growth, machine,
                Map.of("bronze", bronze.cadence(run.fromMs(), run.endMs()), "silver", silver.cadence(run.fromMs(), run.endMs())));
    }

    /** Least-squares slope of the total Pss, MiB per minute. */
    static double growth(List<Sample> samples) {
        int n = samples.size();
        if (n < 2) {
            return 0;
        }
        double[] t = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = samples.get(i).atMs() / 60_000.0;
            v[i] = samples.get(i).processes().values().stream().mapToLong(ProcStat.Reading::pssKib).sum() / 1024.0;
        }
        double mt = java.util.Arrays.stream(t).average().orElse(0);
        double mv = java.util.Arrays.stream(v).average().orElse(0);
        double num = 0;
        double den = 0;
        for (int i = 0; i < n; i++) {
            num += (t[i] - mt) * (v[i] - mv);
            den += (t[i] - mt) * (t[i] - mt);
        }
        return den == 0 ? 0 : num / den;
    }

    double fleetCores() {
        return cores.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    double totalCpuPer1000() {
        return cpuPer1000.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
