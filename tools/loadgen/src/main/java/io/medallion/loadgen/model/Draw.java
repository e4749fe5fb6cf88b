package io.medallion.loadgen.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/** Seeded choices the factories share; every draw comes from the caller's random source. */
public final class Draw {

    private Draw() {
    }

    /** An index in [0, n) where low indexes are more likely (a few heavy users, best sellers). */
    public static int skewedIndex(SplittableRandom rng, int n) {
        double u = rng.nextDouble();
        return (int) Math.min(n - 1, Math.floor(n * u * u));
    }

    /** An index into {@code weights}, chosen with probability proportional to its weight. */
    public static int weighted(SplittableRandom rng, int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int r = rng.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        throw new IllegalStateException("unreachable: weights " + Arrays.toString(weights));
    }

    public static <T> T oneOf(SplittableRandom rng, List<T> values) {
        return values.get(rng.nextInt(values.size()));
    }

    /** Inclusive range. */
    public static int between(SplittableRandom rng, int min, int max) {
        return min + rng.nextInt(max - min + 1);
    }

    /** A version-4 UUID built from the random source, lower case. */
    public static String uuid(SplittableRandom rng) {
        long high = (rng.nextLong() & ~0xF000L) | 0x4000L;
        long low = (rng.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /** An amount in EUR with 2 decimals, between min and max. */
    public static BigDecimal euros(SplittableRandom rng, double min, double max) {
        return BigDecimal.valueOf(min + rng.nextDouble() * (max - min)).setScale(2, RoundingMode.HALF_UP);
    }

    /** Digits only, e.g. for phone numbers and tracking numbers. */
    public static String digits(SplittableRandom rng, int count) {
        StringBuilder sb = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            sb.append((char) ('0' + rng.nextInt(10)));
        }
        return sb.toString();
    }

    /** A sub-seed for one stream of draws, so streams stay independent of each other. */
    public static long derive(long seed, String stream) {
        return new SplittableRandom(seed ^ stream.hashCode() * 0x9E3779B97F4A7C15L).nextLong();
    }
}
