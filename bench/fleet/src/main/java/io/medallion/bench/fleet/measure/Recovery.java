package io.medallion.bench.fleet.measure;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * When the fleet was back to steady lag after a kill: the start of the first stretch of at least
 * {@value #STEADY_FOR_MS} ms (at or after the restarted process was ready) in which every lag
 * seen in the {@value #BASELINE_MS} ms before the kill is readable and at most twice its highest
 * value then, or within a floor (2 s of input for record lags, 4 MiB for the slot) so a lag that
 * was zero is not held to zero. The stretch must be long because a consumer that has just
 * restarted shows its old lag for a while before it grows (or drains). The stretch cannot
 * start before every lag has shown progress since the restart (a fall from one sample to the
 * next, or a value within the floor): a consumer that has not been given its partitions yet
 * has a lag that only grows, and may stay under twice its baseline for many seconds.
 */
public final class Recovery {

    static final long BASELINE_MS = 15_000;
    static final long STEADY_FOR_MS = 10_000;
    static final long SLOT_FLOOR_BYTES = 4L << 20;

    private Recovery() {
    }

    public static OptionalLong steadyAgainAt(List<Sample> samples, long killMs, long notBeforeMs, double eventsPerSecond) {
        Map<String, Long> baseline = new HashMap<>();
        for (Sample s : samples) {
            if (s.atMs() >= killMs - BASELINE_MS && s.atMs() < killMs) {
                s.lags().forEach((k, v) -> baseline.merge(k, v, Math::max));
            }
        }
        Map<String, Long> floor = new HashMap<>();
        Map<String, Long> limit = new HashMap<>();
        baseline.forEach((k, v) -> {
            floor.put(k, k.equals(Sample.SLOT) ? SLOT_FLOOR_BYTES : (long) (2 * eventsPerSecond));
            limit.put(k, Math.max(2 * v, floor.get(k)));
        });
        Map<String, Long> previous = new HashMap<>();
        java.util.Set<String> progressed = new java.util.HashSet<>();
        long firstGood = -1;
        for (Sample s : samples) {
            if (s.atMs() < notBeforeMs) {
                continue;
            }
            s.lags().forEach((k, v) -> {
                Long before = previous.put(k, v);
                if (limit.containsKey(k) && (v <= floor.get(k) || (before != null && v < before))) {
                    progressed.add(k);
                }
            });
            boolean ok = progressed.containsAll(limit.keySet()) && limit.entrySet().stream().allMatch(e -> s.lags().containsKey(e.getKey())
                    && s.lags().get(e.getKey()) <= e.getValue());
            if (!ok) {
                firstGood = -1;
            } else if (firstGood < 0) {
                firstGood = s.atMs();
            } else if (s.atMs() - firstGood >= STEADY_FOR_MS) {
                return OptionalLong.of(firstGood);
            }
        }
        return OptionalLong.empty();
    }
}
