package io.medallion.local;

import io.medallion.avro.gold.Kpi1m;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The console line of one closed KPI window. */
final class KpiLine {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private KpiLine() {
    }

    /**
     * {@code KPI 12:01:00-12:02:00 UTC | orders 3 | GMV 1,234.50 | users purchase 2 view 40 active 45 | conversion 0.0500 | late so far 7}
     *
     * @param lateSoFar events gold-kpi found late since it started
     */
    static String format(Kpi1m kpi, long lateSoFar) {
        return "KPI " + TIME.format(kpi.getWindowStart()) + "-" + TIME.format(kpi.getWindowEnd()) + " UTC"
                + " | orders " + Formats.count(kpi.getOrders())
                + " | GMV " + money(kpi.getGmv())
                + " | users purchase " + Formats.count(kpi.getPurchaseUsers())
                + " view " + Formats.count(kpi.getViewUsers())
                + " active " + Formats.count(kpi.getActiveUsers())
                + " | conversion " + kpi.getConversionRate().toPlainString()
                + " | late so far " + Formats.count(lateSoFar);
    }

    private static String money(BigDecimal amount) {
        // DecimalFormat is not thread-safe: one per call (windows close rarely).
        DecimalFormat f = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return f.format(amount);
    }
}
