package io.medallion.gold.kpi;

import io.medallion.avro.silver.WebEvent;
import io.medallion.gold.support.WebEvents;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class EventClockTest {

    @Test
    void anOnTimeEventMovesTheClockToItsTs() {
        WebEvent event = WebEvents.view("u1", Instant.parse("2025-03-01T12:00:10Z"));
        event.setSourceTs(Instant.parse("2025-03-01T12:00:11Z"));
        assertThat(EventClock.clockTimeMs(event)).isEqualTo(Instant.parse("2025-03-01T12:00:10Z").toEpochMilli());
    }

    @Test
    void anEventStampedInTheFutureMovesTheClockOnlyToItsCommitTime() {
        WebEvent event = WebEvents.view("u1", Instant.parse("2025-03-01T12:04:00Z"));
        event.setSourceTs(Instant.parse("2025-03-01T12:00:11Z"));
        assertThat(EventClock.clockTimeMs(event)).isEqualTo(Instant.parse("2025-03-01T12:00:11Z").toEpochMilli());
    }
}
