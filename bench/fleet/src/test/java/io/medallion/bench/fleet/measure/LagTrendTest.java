package io.medallion.bench.fleet.measure;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LagTrendTest {

    private static List<Sample> stage(java.util.function.IntToLongFunction sinkLag, java.util.function.IntToLongFunction slotLag) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            samples.add(new Sample(1_000L * i, Map.of("sink-bronze", sinkLag.applyAsLong(i), Sample.SLOT, slotLag.applyAsLong(i)),
                    Map.of(), 1000L * i, 0, 1_000_000L * i, 0));
        }
        return samples;
    }

    @Test
    void slopeOfALine() {
        assertThat(LagTrend.slope(new long[]{0, 1000, 2000}, new long[]{10, 30, 50})).isEqualTo(20.0);
        assertThat(LagTrend.slope(new long[]{0}, new long[]{10})).isZero();
    }

    @Test
    void aSawtoothIsFlat() {
        List<LagTrend.Verdict> v = LagTrend.judge(stage(i -> (i % 5) * 1000L, i -> 4096), 1000, 0.03, 1.0 / 3);
        assertThat(v).allMatch(LagTrend.Verdict::flat);
    }

    @Test
    void aGrowingBacklogIsNot() {
        List<LagTrend.Verdict> v = LagTrend.judge(stage(i -> 100L * i, i -> 4096), 1000, 0.03, 1.0 / 3);
        assertThat(v).filteredOn(x -> x.series().equals("sink-bronze")).singleElement()
                .satisfies(x -> {
                    assertThat(x.flat()).isFalse();
                    assertThat(x.slopePerSecond()).isEqualTo(100.0, org.assertj.core.data.Offset.offset(0.01));
                    // 3% of 1,000 events/s plus 2 s of input over the 39 s window.
                    assertThat(x.allowedPerSecond()).isEqualTo(30 + 2000 / 39.0, org.assertj.core.data.Offset.offset(0.01));
                    assertThat(x.describe()).contains("GROWING");
                });
    }

    @Test
    void theSlotIsJudgedAgainstTheWalRate() {
        // WAL grows 1 MB/s over 59 s: 3% + 2/59 allowed, about 64 kB/s; the slot lag grows by 100 kB/s.
        List<LagTrend.Verdict> v = LagTrend.judge(stage(i -> 0, i -> 100_000L * i), 1000, 0.03, 0);
        assertThat(v).filteredOn(x -> x.series().equals(Sample.SLOT)).singleElement().satisfies(x -> assertThat(x.flat()).isFalse());
        assertThat(LagTrend.judge(stage(i -> 0, i -> 40_000L * i), 1000, 0.03, 0))
                .filteredOn(x -> x.series().equals(Sample.SLOT)).singleElement().satisfies(x -> assertThat(x.flat()).isTrue());
    }
}
