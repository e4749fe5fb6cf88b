package io.medallion.gold.kpi;

import io.medallion.avro.gold.Kpi1m;
import io.medallion.avro.gold.LateEvent;
import io.medallion.avro.silver.WebEvent;

import java.time.Instant;

/** Maps combined window counts to the gold contracts (DESIGN.md section 6). */
public final class KpiRecords {

    private KpiRecords() {
    }

    /**
     * The gold.kpi_1m record of one closed window.
     *
     * @param partials how many partitions contributed counts to the window
     * @param closedAt processing time of the close
     * @throws ArithmeticException when gmv or the conversion rate does not fit its decimal type
     */
    public static Kpi1m kpi(KpiWindows windows, long windowStartMs, PartialCounts counts, int partials, Instant closedAt) {
        return Kpi1m.newBuilder()
                .setWindowStart(Instant.ofEpochMilli(windowStartMs))
                .setWindowEnd(Instant.ofEpochMilli(windows.endOf(windowStartMs)))
                .setOrders(counts.orders())
                .setGmv(Gmv.forKpi(counts.gmv()))
                .setPurchaseUsers(counts.purchaseUsers())
                .setViewUsers(counts.viewUsers())
                .setActiveUsers(counts.activeUsers())
                .setConversionRate(ConversionRate.of(counts.purchaseUsers(), counts.viewUsers()))
                .setEvents(counts.events())
                .setPageViews(counts.pageViews())
                .setAddToCarts(counts.addToCarts())
                .setPartials(partials)
                .setClosedAt(closedAt)
                .build();
    }

    /** The gold.late_events record of an event whose window had closed when it arrived. */
    public static LateEvent late(KpiWindows windows, WebEvent event, long streamTimeMs, Instant detectedAt) {
        long windowStart = windows.startOf(event.getTs().toEpochMilli());
        return LateEvent.newBuilder()
                .setEvent(event)
                .setWindowStart(Instant.ofEpochMilli(windowStart))
                .setWindowEnd(Instant.ofEpochMilli(windows.endOf(windowStart)))
                .setStreamTime(Instant.ofEpochMilli(streamTimeMs))
                .setLatenessMs(windows.latenessMs(windowStart, streamTimeMs))
                .setDetectedAt(detectedAt)
                .build();
    }
}
