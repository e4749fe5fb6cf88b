package io.medallion.gold.support;

import io.medallion.avro.silver.EventType;
import io.medallion.avro.silver.WebEvent;
import io.medallion.gold.reference.ReferenceKpi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A deliberately naive model of gold-kpi for property tests: one global event-time clock that
 * moves as the documented rules say (events move it to min(ts, _source_ts), published in steps
 * of the watermark interval; heartbeats move it to their time), an event is late when its
 * window closed before it arrived, and the KPIs are computed by brute force over the events kept.
 */
public final class ReferenceKpis {

    private final long sizeMs;
    private final long graceMs;
    private final long intervalMs;
    private long streamTime = Long.MIN_VALUE;
    private long publishedStep = Long.MIN_VALUE;
    private long clock = Long.MIN_VALUE;
    private final Map<Long, List<WebEvent>> kept = new TreeMap<>();
    private final Set<String> late = new LinkedHashSet<>();

    public ReferenceKpis(long sizeMs, long graceMs, long intervalMs) {
        this.sizeMs = sizeMs;
        this.graceMs = graceMs;
        this.intervalMs = intervalMs;
    }

    public void event(WebEvent event) {
        long ts = event.getTs().toEpochMilli();
        long window = Math.floorDiv(ts, sizeMs) * sizeMs;
        if (clock != Long.MIN_VALUE && window + sizeMs + graceMs <= clock) {
            late.add(event.getEventId());
        } else {
            kept.computeIfAbsent(window, w -> new ArrayList<>()).add(event);
        }
        streamTime = Math.max(streamTime, Math.min(ts, event.getSourceTs().toEpochMilli()));
        long step = Math.floorDiv(streamTime, intervalMs);
        if (step > publishedStep) {
            publishedStep = step;
            clock = Math.max(clock, streamTime);
        }
    }

    public void heartbeat(Instant at) {
        clock = Math.max(clock, at.toEpochMilli());
    }

    public Set<String> lateEventIds() {
        return late;
    }

    /** KPIs of every window with kept events, by brute force. */
    public List<ReferenceKpi> kpis() {
        List<ReferenceKpi> out = new ArrayList<>();
        kept.forEach((window, events) -> {
            Set<String> viewers = new HashSet<>();
            Set<String> buyers = new HashSet<>();
            Set<String> active = new HashSet<>();
            long views = 0;
            long carts = 0;
            long orders = 0;
            BigDecimal gmv = new BigDecimal("0.00");
            for (WebEvent e : events) {
                active.add(e.getUserId());
                if (e.getEventType() == EventType.page_view) {
                    views++;
                    viewers.add(e.getUserId());
                } else if (e.getEventType() == EventType.add_to_cart) {
                    carts++;
                } else {
                    orders++;
                    buyers.add(e.getUserId());
                    gmv = gmv.add(e.getPrice().multiply(BigDecimal.valueOf(e.getQuantity())));
                }
            }
            BigDecimal rate = BigDecimal.valueOf(buyers.size())
                    .divide(BigDecimal.valueOf(Math.max(viewers.size(), 1)), 4, RoundingMode.HALF_UP);
            out.add(new ReferenceKpi(Instant.ofEpochMilli(window), Instant.ofEpochMilli(window + sizeMs), orders,
                    gmv.setScale(2), buyers.size(), viewers.size(), active.size(), rate, events.size(), views, carts));
        });
        return out;
    }
}
