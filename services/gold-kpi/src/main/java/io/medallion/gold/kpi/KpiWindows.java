package io.medallion.gold.kpi;

import java.time.Duration;

/**
 * Tumbling event-time windows aligned to the UTC epoch, with a grace period. All times are epoch
 * milliseconds.
 *
 * <p>Invariant: window {@code [start, start + size)} is closed once stream time reaches
 * {@code start + size + grace}; stream time never goes back, so a closed window stays closed.
 * {@link #closedBefore(long)} is that boundary as a window start: every window starting before
 * it is closed, every window starting at or after it is open.
 */
public record KpiWindows(Duration size, Duration grace) {

    private static final long DAY_MS = Duration.ofDays(1).toMillis();

    public KpiWindows {
        if (!tilesADay(size)) {
            throw new IllegalArgumentException("window size must divide one day exactly, was " + size);
        }
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative, was " + grace);
        }
    }

    /** Whether windows of this size align to UTC midnight: a positive size dividing one day. */
    public static boolean tilesADay(Duration size) {
        return size.toMillis() > 0 && DAY_MS % size.toMillis() == 0;
    }

    public long sizeMs() {
        return size.toMillis();
    }

    public long graceMs() {
        return grace.toMillis();
    }

    /** Start of the window holding {@code eventTimeMs} (floor, also for times before 1970). */
    public long startOf(long eventTimeMs) {
        return Math.floorDiv(eventTimeMs, sizeMs()) * sizeMs();
    }

    public long endOf(long windowStartMs) {
        return windowStartMs + sizeMs();
    }

    /** Stream time at which the window starting at {@code windowStartMs} closes. */
    public long closesAt(long windowStartMs) {
        return endOf(windowStartMs) + graceMs();
    }

    /** The first window start still open at {@code streamTimeMs}; every earlier window is closed. */
    public long closedBefore(long streamTimeMs) {
        return startOf(streamTimeMs - graceMs());
    }

    /** By how much an event of window {@code windowStartMs} missed its close: stream time - (end + grace). */
    public long latenessMs(long windowStartMs, long streamTimeMs) {
        return streamTimeMs - closesAt(windowStartMs);
    }
}
