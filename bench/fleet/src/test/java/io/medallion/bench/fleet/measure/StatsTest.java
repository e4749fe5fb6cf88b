package io.medallion.bench.fleet.measure;

import org.junit.jupiter.api.Test;

import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class StatsTest {

    @Test
    void nearestRankPercentiles() {
        Stats s = Stats.of(LongStream.rangeClosed(1, 200).map(i -> 201 - i).toArray());
        assertThat(s).isEqualTo(new Stats(200, 100, 198, 200));
    }

    @Test
    void fewSamplesMakeP99TheMaximum() {
        assertThat(Stats.of(new long[]{5, 1, 9})).isEqualTo(new Stats(3, 5, 9, 9));
        assertThat(Stats.of(new long[0])).isEqualTo(Stats.EMPTY);
    }

    @Test
    void longListGrows() {
        LongList l = new LongList();
        for (int i = 0; i < 5000; i++) {
            l.add(i);
        }
        assertThat(l.size()).isEqualTo(5000);
        assertThat(l.get(4999)).isEqualTo(4999);
        assertThat(l.toArray()).hasSize(5000);
    }
}
