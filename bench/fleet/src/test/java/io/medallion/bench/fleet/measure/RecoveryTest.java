package io.medallion.bench.fleet.measure;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RecoveryTest {

    /** One sample per second; the silver lag is absent at the seconds in {@code down}. */
    private static List<Sample> samples(long[] silverLag) {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < silverLag.length; i++) {
            Map<String, Long> lags = new HashMap<>();
            if (silverLag[i] >= 0) {
                lags.put("silver", silverLag[i]);
            }
            out.add(new Sample(1_000L * i, lags, Map.of(), 0, 0, -1, 0));
        }
        return out;
    }

    @Test
    void steadyAgainAtTheStartOfTenGoodSecondsAfterTheRestart() {
        // Baseline up to 1,000; killed at 20 s; gone until 25 s; backlog drains by 31 s.
        long[] lag = new long[45];
        for (int i = 0; i < lag.length; i++) {
            lag[i] = i < 20 ? 1_000 : i < 25 ? -1 : i < 31 ? 50_000 - 5_000L * (i - 25) : 1_500;
        }
        lag[33] = 9_000;
        assertThat(Recovery.steadyAgainAt(samples(lag), 20_000, 25_000, 500)).hasValue(34_000);
    }

    @Test
    void aRestartedConsumerWhoseLagStillGrowsIsNotSteady() {
        long[] lag = new long[60];
        for (int i = 0; i < lag.length; i++) {
            lag[i] = i < 20 ? 1_000 : i < 40 ? 1_000 + 300L * (i - 20) : 1_000;
        }
        // Within twice the baseline for the first 4 s after the restart, then over it until it drains at 40 s.
        assertThat(Recovery.steadyAgainAt(samples(lag), 20_000, 21_000, 500)).hasValue(40_000);
    }

    @Test
    void neverSteadyWithinTheSamples() {
        long[] lag = new long[30];
        for (int i = 0; i < lag.length; i++) {
            lag[i] = i < 20 ? 100 : 10_000L * i;
        }
        assertThat(Recovery.steadyAgainAt(samples(lag), 20_000, 21_000, 500)).isEmpty();
    }

    @Test
    void aLagOfZeroBeforeTheKillIsHeldToTwoSecondsOfInput() {
        long[] lag = new long[35];
        for (int i = 0; i < lag.length; i++) {
            lag[i] = i < 20 ? 0 : 900;
        }
        assertThat(Recovery.steadyAgainAt(samples(lag), 20_000, 20_000, 500)).hasValue(20_000);
    }
    @Test
    void aConsumerNotYetGivenItsPartitionsIsNotSteadyWhileItsLagGrowsUnderTheLimit() {
        // Baseline up to 7,000 (limit 14,000); after the restart at 21 s the lag only grows, by
        // 500/s from 2,600, and stays under the limit for 22 s; partitions assigned at 45 s.
        long[] lag = new long[70];
        for (int i = 0; i < lag.length; i++) {
            lag[i] = i < 20 ? 7_000 - 200L * i : i < 45 ? 2_600 + 500L * (i - 20) : Math.max(1_000, 15_100 - 4_000L * (i - 45));
        }
        assertThat(Recovery.steadyAgainAt(samples(lag), 20_000, 21_000, 500)).hasValue(46_000);
    }
}
