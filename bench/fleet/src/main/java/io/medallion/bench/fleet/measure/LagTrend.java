package io.medallion.bench.fleet.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether the lags stayed flat during a stage: the least-squares slope of each lag over the
 * stage (after a settling share at its start) must stay under an allowance. Consumer and sink
 * lags are in records and may grow by {@code tolerance × offered events/s} per second plus
 * {@value #JITTER_SECONDS} s of input over the window: sinks flush once per second and a commit
 * can pause a consumer for a while, so a lag that ends a short window a second or two of input
 * higher than it began is noise, not a backlog. The replication slot's lag is in bytes and is
 * held to the same shares of the WAL rate. A sawtooth has a slope near zero; a backlog that
 * builds up has a slope near the shortfall. A short window can therefore only detect a
 * shortfall larger than about {@code JITTER_SECONDS / window}.
 */
public final class LagTrend {

    /** The judgement of one lag series over a stage. */
    public record Verdict(String series, boolean flat, double slopePerSecond, double allowedPerSecond, long last) {

        public String describe() {
            return String.format(Locale.ROOT, "%s %s (slope %+.0f/s, allowed %.0f/s, last %,d)", series,
                    flat ? "flat" : "GROWING", slopePerSecond, allowedPerSecond, last);
        }
    }

    /** Seconds of input a lag may grow by over a window without counting as a backlog. */
    static final double JITTER_SECONDS = 2;

    private LagTrend() {
    }

    /** Least-squares slope of values over time, per second; 0 with fewer than two points. */
    static double slope(long[] timesMs, long[] values) {
        int n = timesMs.length;
        if (n < 2) {
            return 0;
        }
        double mt = 0;
        double mv = 0;
        for (int i = 0; i < n; i++) {
            mt += timesMs[i] / 1000.0;
            mv += values[i];
        }
        mt /= n;
        mv /= n;
        double num = 0;
        double den = 0;
        for (int i = 0; i < n; i++) {
            double dt = timesMs[i] / 1000.0 - mt;
            num += dt * (values[i] - mv);
            den += dt * dt;
        }
        return den == 0 ? 0 : num / den;
    }

    /**
     * @param stage           the stage's samples in time order
     * @param eventsPerSecond the offered rate
     * @param tolerance       allowed growth as a share of the input rate
     * @param settle          share of the stage left out at its start
     */
    public static List<Verdict> judge(List<Sample> stage, double eventsPerSecond, double tolerance, double settle) {
        List<Sample> window = stage.subList((int) Math.floor(stage.size() * settle), stage.size());
        Set<String> series = new TreeSet<>();
        window.forEach(s -> series.addAll(s.lags().keySet()));
        double walPerSecond = walRate(stage);
        double windowSeconds = window.size() < 2 ? 1
                : Math.max(1, (window.get(window.size() - 1).atMs() - window.get(0).atMs()) / 1000.0);
        List<Verdict> verdicts = new ArrayList<>();
        for (String name : series) {
            List<Sample> points = window.stream().filter(s -> s.lags().containsKey(name)).toList();
            long[] t = points.stream().mapToLong(Sample::atMs).toArray();
            long[] v = points.stream().mapToLong(s -> s.lags().get(name)).toArray();
            double slope = slope(t, v);
            double input = name.equals(Sample.SLOT) ? walPerSecond : eventsPerSecond;
            double allowed = input * (tolerance + JITTER_SECONDS / windowSeconds);
            verdicts.add(new Verdict(name, slope <= allowed, slope, allowed, v.length == 0 ? 0 : v[v.length - 1]));
        }
        return verdicts;
    }

    /** WAL bytes written per second over the samples, 0 without a source. */
    static double walRate(List<Sample> samples) {
        List<Sample> withWal = samples.stream().filter(s -> s.walBytes() >= 0).toList();
        if (withWal.size() < 2) {
            return 0;
        }
        Sample first = withWal.get(0);
        Sample last = withWal.get(withWal.size() - 1);
        double seconds = (last.atMs() - first.atMs()) / 1000.0;
        return seconds <= 0 ? 0 : (last.walBytes() - first.walBytes()) / seconds;
    }
}
