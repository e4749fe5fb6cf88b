package io.medallion.gold;

import io.medallion.avro.gold.Kpi1m;

/**
 * Told of each KPI window as it is emitted, e.g. by the local launcher's console. Called on the
 * stream thread, so it must be quick. At least once: if the transaction that emits a window
 * aborts (crash, rebalance), the listener may hear of the window again when it is re-emitted;
 * gold.kpi_1m itself holds it exactly once. A listener that throws is logged, never fatal.
 */
@FunctionalInterface
public interface KpiListener {

    KpiListener NONE = kpi -> { };

    void windowClosed(Kpi1m kpi);
}
