package io.medallion.gold.metrics;

import io.medallion.common.deadletter.FailureKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The catalogue of gold-kpi's metric names, and the meters behind them. Counters move when the
 * stream thread processes a record; a transaction that aborts afterwards is reprocessed, so
 * after a crash they can run slightly ahead of what the topics hold.
 */
public final class GoldMetrics {

    /** Valid events counted into a window. */
    public static final String EVENTS_COUNTED = "medallion.gold.events.counted";
    /** Events whose window had closed when they arrived (sent to gold.late_events). */
    public static final String LATE_EVENTS = "medallion.gold.late.events";
    /** KPI windows emitted to gold.kpi_1m. */
    public static final String WINDOWS_EMITTED = "medallion.gold.windows.emitted";
    /** Processing time from a window's end + grace to its emission. */
    public static final String WINDOW_CLOSE_DELAY = "medallion.gold.window.close.delay";
    /** Updates and deletes of clickstream rows, not counted (only arrivals are), tagged by {@value #OP_TAG}. */
    public static final String CHANGES_SKIPPED = "medallion.gold.changes.skipped";
    public static final String OP_TAG = "op";
    /** Records sent to gold.dead_letters, tagged by {@value #KIND_TAG}. */
    public static final String DEAD_LETTERS = "medallion.gold.dead.letters";
    public static final String KIND_TAG = "kind";

    private final Counter eventsCounted;
    private final Counter lateEvents;
    private final Counter windowsEmitted;
    private final Timer closeDelay;
    private final Map<FailureKind, Counter> deadLetters = new EnumMap<>(FailureKind.class);
    private final MeterRegistry registry;

    public GoldMetrics(MeterRegistry registry) {
        this.registry = registry;
        eventsCounted = Counter.builder(EVENTS_COUNTED).description("Valid events counted into a KPI window").register(registry);
        lateEvents = Counter.builder(LATE_EVENTS).description("Events that arrived after their window closed").register(registry);
        windowsEmitted = Counter.builder(WINDOWS_EMITTED).description("KPI windows emitted").register(registry);
        closeDelay = Timer.builder(WINDOW_CLOSE_DELAY).description("From window end + grace to emission")
                .publishPercentileHistogram().register(registry);
        for (FailureKind kind : FailureKind.values()) {
            deadLetters.put(kind, Counter.builder(DEAD_LETTERS).tag(KIND_TAG, kind.wireName())
                    .description("Records dead-lettered to gold.dead_letters").register(registry));
        }
    }

    public void eventCounted() {
        eventsCounted.increment();
    }

    public void lateEvent() {
        lateEvents.increment();
    }

    /** @param closeDelayMs processing time of emission minus (window end + grace); clamped at 0 */
    public void windowEmitted(long closeDelayMs) {
        windowsEmitted.increment();
        closeDelay.record(Duration.ofMillis(Math.max(0, closeDelayMs)));
    }

    public void changeSkipped(String op) {
        Counter.builder(CHANGES_SKIPPED).tag(OP_TAG, String.valueOf(op))
                .description("Clickstream updates and deletes not counted").register(registry).increment();
    }

    public void deadLetter(FailureKind kind) {
        deadLetters.get(kind).increment();
    }

    public long eventsCounted() {
        return (long) eventsCounted.count();
    }

    public long lateEvents() {
        return (long) lateEvents.count();
    }

    public long windowsEmitted() {
        return (long) windowsEmitted.count();
    }

    public long changesSkipped() {
        return (long) registry.find(CHANGES_SKIPPED).counters().stream().mapToDouble(Counter::count).sum();
    }

    public long deadLetters() {
        return (long) deadLetters.values().stream().mapToDouble(Counter::count).sum();
    }
}
