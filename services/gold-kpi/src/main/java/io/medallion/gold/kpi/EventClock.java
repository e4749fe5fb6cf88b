package io.medallion.gold.kpi;

import io.medallion.avro.silver.WebEvent;

/**
 * The time an event may advance the event-time clock to: its {@code ts}, but never past the
 * commit time of its source row ({@code _source_ts}). Silver accepts events stamped up to
 * 5 minutes in the future (tracker clock skew); letting one of them push the clock ahead would
 * close the current windows early and turn minutes of on-time events into late ones. Windows are
 * still assigned by {@code ts}; only the clock is capped.
 */
public final class EventClock {

    private EventClock() {
    }

    public static long clockTimeMs(WebEvent event) {
        return Math.min(event.getTs().toEpochMilli(), event.getSourceTs().toEpochMilli());
    }
}
