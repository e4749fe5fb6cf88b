package io.medallion.local;

/** Per-second rate of a growing total between two readings, for status lines. */
final class Rate {

    private long lastTotal;
    private long lastNanos;

    Rate() {
        lastNanos = System.nanoTime();
    }

    /** Events per second since the previous call (or since construction). */
    synchronized long perSecond(long total) {
        long now = System.nanoTime();
        long elapsed = Math.max(1, now - lastNanos);
        long rate = Math.round((total - lastTotal) * 1e9 / elapsed);
        lastTotal = total;
        lastNanos = now;
        return Math.max(0, rate);
    }
}
