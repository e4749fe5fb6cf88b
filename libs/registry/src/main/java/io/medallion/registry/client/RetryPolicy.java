package io.medallion.registry.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently transient failures are retried: {@code maxRetries} more rounds
 * after the first, waiting {@code initialBackoff * 2^(retry-1)} capped at {@code maxBackoff},
 * with jitter so that clients restarted together do not retry in step.
 */
public record RetryPolicy(int maxRetries, Duration initialBackoff, Duration maxBackoff) {

    public RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0");
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff");
        }
    }

    /** The upper bound of the wait before retry number {@code retry} (1-based). */
    public Duration ceiling(int retry) {
        long initial = initialBackoff.toMillis();
        int shift = Math.min(retry - 1, 30);
        long millis = initial > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : initial << shift;
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }

    /** The wait before retry number {@code retry} (1-based): between half the ceiling and the ceiling. */
    public Duration backoff(int retry) {
        long ceiling = ceiling(retry).toMillis();
        long floor = ceiling / 2;
        return Duration.ofMillis(floor + ThreadLocalRandom.current().nextLong(ceiling - floor + 1));
    }
}
