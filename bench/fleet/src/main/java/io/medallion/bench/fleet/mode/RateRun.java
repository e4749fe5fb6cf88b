package io.medallion.bench.fleet.mode;

import io.medallion.bench.fleet.measure.LagTrend;

import java.util.List;

/**
 * One stretch of load at a fixed rate: a stage of the search or a measured run.
 *
 * @param startMs      when the load started
 * @param fromMs       start of the steady-state window (after the warm-up)
 * @param endMs        when the load ended
 * @param loaded       the load driver did not fail
 * @param maxBehindMs  the most the driver was behind its schedule (the source side keeping up)
 * @param lags         the lags' trends over the steady-state window
 */
record RateRun(String label, int rate, long startMs, long fromMs, long endMs, boolean loaded, long maxBehindMs,
               List<LagTrend.Verdict> lags) {

    /** A driver more than this behind did not offer the rate. */
    static final long KEPT_UP_MS = 2_000;

    boolean keptUp() {
        return maxBehindMs <= KEPT_UP_MS;
    }

    boolean flat() {
        return lags.stream().allMatch(LagTrend.Verdict::flat);
    }

    boolean sustainable() {
        return loaded && keptUp() && flat();
    }

    /** Why a stage was not sustainable, or "sustainable". */
    String verdict() {
        if (sustainable()) {
            return "sustainable";
        }
        List<String> why = new java.util.ArrayList<>();
        if (!loaded) {
            why.add("load generation failed");
        }
        if (!keptUp()) {
            why.add("source fell " + maxBehindMs + " ms behind schedule");
        }
        lags.stream().filter(v -> !v.flat()).forEach(v -> why.add(v.describe()));
        return "NOT sustainable: " + String.join("; ", why);
    }
}
