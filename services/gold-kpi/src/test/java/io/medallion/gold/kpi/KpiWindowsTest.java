package io.medallion.gold.kpi;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KpiWindowsTest {

    private final KpiWindows windows = new KpiWindows(Duration.ofMinutes(1), Duration.ofSeconds(15));

    private static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void lastMillisecondBelongsToTheWindowTheNextStartsTheNext() {
        assertThat(windows.startOf(at("2025-03-01T12:00:59.999Z"))).isEqualTo(at("2025-03-01T12:00:00Z"));
        assertThat(windows.startOf(at("2025-03-01T12:01:00.000Z"))).isEqualTo(at("2025-03-01T12:01:00Z"));
        assertThat(windows.endOf(at("2025-03-01T12:00:00Z"))).isEqualTo(at("2025-03-01T12:01:00Z"));
    }

    @Test
    void timesBefore1970FloorToTheirWindow() {
        assertThat(windows.startOf(-1)).isEqualTo(-60_000);
        assertThat(windows.startOf(-60_000)).isEqualTo(-60_000);
    }

    @Test
    void windowClosesWhenStreamTimeReachesEndPlusGrace() {
        long window = at("2025-03-01T12:00:00Z");
        assertThat(windows.closesAt(window)).isEqualTo(at("2025-03-01T12:01:15Z"));
        assertThat(windows.closedBefore(at("2025-03-01T12:01:14.999Z"))).isEqualTo(window);
        assertThat(windows.closedBefore(at("2025-03-01T12:01:15.000Z"))).isEqualTo(at("2025-03-01T12:01:00Z"));
        assertThat(windows.closedBefore(at("2025-03-01T12:04:15.000Z"))).isEqualTo(at("2025-03-01T12:04:00Z"));
    }

    @Test
    void latenessIsStreamTimePastEndPlusGrace() {
        assertThat(windows.latenessMs(at("2025-03-01T12:00:00Z"), at("2025-03-01T12:01:20Z"))).isEqualTo(5_000);
    }

    @Test
    void zeroGraceClosesAtTheEnd() {
        KpiWindows noGrace = new KpiWindows(Duration.ofMinutes(1), Duration.ZERO);
        assertThat(noGrace.closedBefore(at("2025-03-01T12:01:00Z"))).isEqualTo(at("2025-03-01T12:01:00Z"));
    }

    @Test
    void rejectsSizesThatDoNotTileADayAndNegativeGrace() {
        assertThatThrownBy(() -> new KpiWindows(Duration.ofMinutes(7), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("divide one day");
        assertThatThrownBy(() -> new KpiWindows(Duration.ofMinutes(1), Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("grace");
    }
}
