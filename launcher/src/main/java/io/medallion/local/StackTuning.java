package io.medallion.local;

import java.util.Map;

/**
 * Adjustments of a stack run beyond the command line, for the end-to-end tests.
 *
 * @param serviceSettings    service settings applied over the launcher's choices, e.g.
 *                           {@code medallion.gold.window-size=10s} (each component takes the keys
 *                           of its own prefix)
 * @param closeWindowsAtStop at a normal stop, after the load generator stopped, keep capture's
 *                           heartbeats flowing until gold-kpi's clock has passed the close of the
 *                           window holding the last event, so every window with events is in
 *                           gold.kpi_1m (costs up to window size + grace at stop)
 */
record StackTuning(Map<String, String> serviceSettings, boolean closeWindowsAtStop) {

    static final StackTuning NONE = new StackTuning(Map.of(), false);

    StackTuning {
        serviceSettings = Map.copyOf(serviceSettings);
    }
}
