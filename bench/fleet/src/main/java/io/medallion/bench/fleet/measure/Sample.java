package io.medallion.bench.fleet.measure;

import java.util.Map;

/**
 * One look at the fleet.
 *
 * @param atMs       wall clock
 * @param lags       lag per consumer group in records (absent while it could not be read, e.g.
 *                   the broker is down), and {@value #SLOT} in bytes
 * @param processes  cumulative CPU and current memory per process label
 * @param events     events the load driver has had committed so far
 * @param behindMs   how far the load driver is behind its schedule
 * @param walBytes   the source's WAL position (bytes written so far), -1 without a source
 * @param machineBusyTicks CPU ticks the whole machine spent busy so far (every process, ours or not)
 */
public record Sample(long atMs, Map<String, Long> lags, Map<String, ProcStat.Reading> processes, long events,
                     long behindMs, long walBytes, long machineBusyTicks) {

    /** The key of the replication slot's lag (bytes of WAL not yet confirmed by capture). */
    public static final String SLOT = "replication slot";

    public Sample {
        lags = Map.copyOf(lags);
        processes = Map.copyOf(processes);
    }
}
