package io.medallion.gold.reference;

import io.medallion.avro.gold.Kpi1m;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One window's KPIs in a form both gold.kpi_1m and the SQL reference produce, for comparing them
 * row by row. Leaves out what only the pipeline knows (partials, closed_at).
 */
public record ReferenceKpi(Instant windowStart, Instant windowEnd, long orders, BigDecimal gmv, long purchaseUsers,
                           long viewUsers, long activeUsers, BigDecimal conversionRate, long events, long pageViews,
                           long addToCarts) {

    public static ReferenceKpi of(Kpi1m kpi) {
        return new ReferenceKpi(kpi.getWindowStart(), kpi.getWindowEnd(), kpi.getOrders(), kpi.getGmv(),
                kpi.getPurchaseUsers(), kpi.getViewUsers(), kpi.getActiveUsers(), kpi.getConversionRate(),
                kpi.getEvents(), kpi.getPageViews(), kpi.getAddToCarts());
    }
}
