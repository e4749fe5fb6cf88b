package io.medallion.loadgen;

import io.medallion.common.config.ConfigException;
import io.medallion.common.config.Settings;
import io.medallion.loadgen.db.DatabaseConfig;
import java.time.Duration;
import java.util.List;

/**
 * Validated settings of the load generator, every key under {@code medallion.loadgen.}. Built
 * once by {@link #from(Settings)}; a wrong value throws a {@link ConfigException} naming its key.
 *
 * @param database          where the generated rows go
 * @param installSchema     apply db/shop-schema.sql (only what is missing) before generating
 * @param rate              events per second, 0 = generate nothing (the service only seeds);
 *                          an event is one clickstream row or one inventory operation
 * @param duration          how long to generate; zero = until closed
 * @param seed              seed of every generated value
 * @param inventoryShare    share of events that are inventory operations (the rest is clickstream)
 * @param duplicateShare    probability that an on-time valid clickstream event is re-sent later
 * @param outOfOrderShare   share of clickstream events with ts in the recent past (inside the grace)
 * @param lateShare         share of clickstream events with ts older than the grace
 * @param invalidShare      share of invalid clickstream rows (one defect each)
 * @param duplicateDelay    how much later a duplicate is re-sent (at the scheduled rate)
 * @param outOfOrderSpread  how far in the past an out-of-order event may be; keep it inside the
 *                          gold grace period (15 s by default)
 * @param latenessMin       minimum age of a late event; keep it beyond the grace period
 * @param latenessMax       maximum age of a late event
 * @param users             distinct clickstream users
 * @param products          products seeded into an empty products table
 * @param customers         customers seeded into an empty customers table
 * @param suppliers         suppliers seeded into an empty suppliers table
 * @param warehouses        warehouses seeded into an empty warehouses table
 * @param clickstreamLanes  parallel clickstream writers, each with its own connection and
 *                          its own share of the rate (the inventory traffic has one more)
 * @param tick              how often a lane wakes up to write the events that fell due
 * @param maxBatchEvents    most events written in one transaction (a lane behind schedule
 *                          catches up in batches of this size)
 */
public record LoadConfig(DatabaseConfig database, boolean installSchema, int rate, Duration duration, long seed,
                         double inventoryShare, double duplicateShare, double outOfOrderShare, double lateShare,
                         double invalidShare, Duration duplicateDelay, Duration outOfOrderSpread,
                         Duration latenessMin, Duration latenessMax, int users, int products, int customers,
                         int suppliers, int warehouses, int clickstreamLanes, Duration tick, int maxBatchEvents) {

    public static final String PREFIX = "medallion.loadgen.";
    public static final String JDBC_URL = PREFIX + "database.jdbc-url";
    public static final String USER = PREFIX + "database.user";
    public static final String PASSWORD = PREFIX + "database.password";
    public static final String INSTALL_SCHEMA = PREFIX + "install-schema";
    public static final String RATE = PREFIX + "rate";
    public static final String DURATION = PREFIX + "duration";
    public static final String SEED = PREFIX + "seed";
    public static final String INVENTORY_SHARE = PREFIX + "inventory-share";
    public static final String DUPLICATE_SHARE = PREFIX + "duplicate-share";
    public static final String OUT_OF_ORDER_SHARE = PREFIX + "out-of-order-share";
    public static final String LATE_SHARE = PREFIX + "late-share";
    public static final String INVALID_SHARE = PREFIX + "invalid-share";
    public static final String DUPLICATE_DELAY = PREFIX + "duplicate-delay";
    public static final String OUT_OF_ORDER_SPREAD = PREFIX + "out-of-order-spread";
    public static final String LATENESS_MIN = PREFIX + "lateness-min";
    public static final String LATENESS_MAX = PREFIX + "lateness-max";
    public static final String USERS = PREFIX + "users";
    public static final String PRODUCTS = PREFIX + "products";
    public static final String CUSTOMERS = PREFIX + "customers";
    public static final String SUPPLIERS = PREFIX + "suppliers";
    public static final String WAREHOUSES = PREFIX + "warehouses";
    public static final String CLICKSTREAM_LANES = PREFIX + "clickstream-lanes";
    public static final String TICK = PREFIX + "tick";
    public static final String MAX_BATCH_EVENTS = PREFIX + "max-batch-events";

    /** Every key, for environment overrides ({@code MEDALLION_LOADGEN_RATE}). */
    public static final List<String> KEYS = List.of(JDBC_URL, USER, PASSWORD, INSTALL_SCHEMA, RATE, DURATION, SEED,
            INVENTORY_SHARE, DUPLICATE_SHARE, OUT_OF_ORDER_SHARE, LATE_SHARE, INVALID_SHARE, DUPLICATE_DELAY,
            OUT_OF_ORDER_SPREAD, LATENESS_MIN, LATENESS_MAX, USERS, PRODUCTS, CUSTOMERS, SUPPLIERS, WAREHOUSES,
            CLICKSTREAM_LANES, TICK, MAX_BATCH_EVENTS);

    private static final Duration DAY = Duration.ofDays(1);

    public static LoadConfig from(Settings s) {
        DatabaseConfig database = DatabaseConfig.from(s, PREFIX);
        double outOfOrder = share(s, OUT_OF_ORDER_SHARE, 0.05);
        double late = share(s, LATE_SHARE, 0.01);
        double invalid = share(s, INVALID_SHARE, 0.01);
        if (outOfOrder + late + invalid > 1) {
            throw new ConfigException(INVALID_SHARE, "out-of-order, late and invalid shares add up to "
                    + (outOfOrder + late + invalid) + ", more than 1");
        }
        Duration spread = s.duration(OUT_OF_ORDER_SPREAD, Duration.ofSeconds(10), Duration.ofSeconds(1), DAY);
        Duration latenessMin = s.duration(LATENESS_MIN, Duration.ofSeconds(30), Duration.ofSeconds(1), DAY);
        Duration latenessMax = s.duration(LATENESS_MAX, Duration.ofSeconds(120), Duration.ofSeconds(1), DAY);
        if (latenessMin.compareTo(spread) <= 0) {
            throw new ConfigException(LATENESS_MIN, "must be longer than " + OUT_OF_ORDER_SPREAD + " (" + spread
                    + "), was " + latenessMin);
        }
        if (latenessMax.compareTo(latenessMin) < 0) {
            throw new ConfigException(LATENESS_MAX, "must not be shorter than " + LATENESS_MIN + " (" + latenessMin
                    + "), was " + latenessMax);
        }
        return new LoadConfig(database,
                s.bool(INSTALL_SCHEMA, true),
                s.intValue(RATE, 1000, 0, 1_000_000),
                s.duration(DURATION, Duration.ZERO, Duration.ZERO, Duration.ofDays(365)),
                s.longValue(SEED, 42, Long.MIN_VALUE, Long.MAX_VALUE),
                share(s, INVENTORY_SHARE, 0.2),
                share(s, DUPLICATE_SHARE, 0.02),
                outOfOrder, late, invalid,
                s.duration(DUPLICATE_DELAY, Duration.ofSeconds(3), Duration.ofMillis(100), Duration.ofMinutes(10)),
                spread, latenessMin, latenessMax,
                s.intValue(USERS, 5000, 1, 10_000_000),
                s.intValue(PRODUCTS, 500, 1, 1_000_000),
                s.intValue(CUSTOMERS, 2000, 1, 10_000_000),
                s.intValue(SUPPLIERS, 25, 1, 100_000),
                s.intValue(WAREHOUSES, 4, 1, 1000),
                s.intValue(CLICKSTREAM_LANES, 2, 1, 16),
                s.duration(TICK, Duration.ofMillis(20), Duration.ofMillis(5), Duration.ofSeconds(1)),
                s.intValue(MAX_BATCH_EVENTS, 5000, 1, 1_000_000));
    }

    /** Rate of the inventory lane, events per second. */
    public double inventoryRate() {
        return rate * inventoryShare;
    }

    /** Rate of each clickstream lane, events per second. */
    public double clickstreamLaneRate() {
        return rate * (1 - inventoryShare) / clickstreamLanes;
    }

    private static double share(Settings s, String key, double defaultValue) {
        double v = s.parsed(key, "a number between 0 and 1", Double::parseDouble).orElse(defaultValue);
        if (!(v >= 0 && v <= 1)) {
            throw new ConfigException(key, "must be a number between 0 and 1, was " + v);
        }
        return v;
    }
}
