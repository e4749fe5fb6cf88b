package io.medallion.loadgen;

import io.medallion.common.lifecycle.Health;
import io.medallion.common.lifecycle.ManagedService;
import io.medallion.loadgen.clickstream.ClickstreamFactory;
import io.medallion.loadgen.clickstream.ClickstreamProfile;
import io.medallion.loadgen.clickstream.ClickstreamSource;
import io.medallion.loadgen.db.BatchWriter;
import io.medallion.loadgen.db.IdRegistry;
import io.medallion.loadgen.inventory.InventoryFactory;
import io.medallion.loadgen.inventory.InventorySource;
import io.medallion.loadgen.inventory.ShopSizes;
import io.medallion.loadgen.model.Catalog;
import io.medallion.loadgen.model.Draw;
import io.medallion.loadgen.model.ShopTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives shop traffic into PostgreSQL at a fixed rate: the clickstream (with duplicates,
 * out-of-order, late and invalid rows) on {@code clickstream-lanes} connections and the
 * inventory-management operations on one more, each lane on its own open-loop schedule.
 *
 * <p>{@link #start()} installs the schema when asked (only what is missing), seeds the empty
 * reference tables, and starts the lanes; it throws at once on a bad setting or an unreachable
 * database. Generated content depends only on the seed, the settings and the reference rows
 * found (none on a fresh database), never on timing.
 */
public final class LoadGenerator implements ManagedService {

    private static final Logger LOG = LoggerFactory.getLogger(LoadGenerator.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final LoadConfig config;
    private final LoadCounters counters = new LoadCounters();
    private final List<Lane> lanes = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean started;
    private volatile boolean closed;

    public LoadGenerator(LoadConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "loadgen";
    }

    @Override
    public synchronized void start() {
        if (started) {
            return;
        }
        if (config.installSchema()) {
            SchemaInstaller.install(config.database());
        }
        Connection connection = config.database().connect();
        List<BatchWriter> writers = new ArrayList<>();
        try {
            IdRegistry ids = new IdRegistry();
            BatchWriter inventoryWriter = new BatchWriter(connection, ids);
            writers.add(inventoryWriter);
            ShopSizes sizes = new ReferenceSeeder(config, connection, inventoryWriter, ids, counters).seedOrLoad();
            Catalog catalog = Catalog.generate(config.seed(), sizes.products());
            if (config.rate() > 0 && config.inventoryShare() > 0) {
                InventoryFactory factory = new InventoryFactory(Draw.derive(config.seed(), "inventory"), sizes, catalog);
                lanes.add(lane("inventory", config.inventoryRate(), new InventorySource(factory), inventoryWriter));
            } else {
                writers.remove(inventoryWriter);
                inventoryWriter.close();
            }
            if (config.rate() > 0 && config.inventoryShare() < 1) {
                for (int i = 0; i < config.clickstreamLanes(); i++) {
                    BatchWriter writer = new BatchWriter(config.database().connect(), productIds(sizes, ids));
                    writers.add(writer);
                    lanes.add(clickstreamLane(i, sizes, catalog, writer));
                }
            }
        } catch (SQLException | RuntimeException e) {
            lanes.clear();
            writers.forEach(LoadGenerator::closeQuietly);
            closeQuietly(connection);
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("could not prepare load generation on " + config.database().jdbcUrl(), e);
        }
        for (Lane lane : lanes) {
            Thread t = new Thread(lane, "loadgen-" + lane.name());
            t.start();
            threads.add(t);
        }
        started = true;
        LOG.info("Load generator started: {} events/s ({} % inventory) on {} lanes, seed {}, duration {}",
                config.rate(), Math.round(config.inventoryShare() * 100), lanes.size(), config.seed(),
                config.duration().isZero() ? "unbounded" : config.duration());
    }

    /** The clickstream only refers to products: its lanes get their own copy of those keys. */
    private static IdRegistry productIds(ShopSizes sizes, IdRegistry all) {
        IdRegistry ids = new IdRegistry();
        for (long p = 0; p < sizes.products(); p++) {
            ids.register(ShopTable.PRODUCTS, p, all.resolve(ShopTable.PRODUCTS, p));
        }
        return ids;
    }

    private Lane clickstreamLane(int index, ShopSizes sizes, Catalog catalog, BatchWriter writer) {
        double rate = config.clickstreamLaneRate();
        long resendAfter = Math.max(1, Math.round(rate * config.duplicateDelay().toMillis() / 1000.0));
        ClickstreamProfile profile = new ClickstreamProfile(config.users(), sizes.products(), config.duplicateShare(),
                config.outOfOrderShare(), config.lateShare(), config.invalidShare(), config.outOfOrderSpread(),
                config.latenessMin(), config.latenessMax(), resendAfter);
        ClickstreamFactory factory = new ClickstreamFactory(Draw.derive(config.seed(), "clickstream-" + index),
                profile, catalog);
        return lane("clickstream-" + index, rate, new ClickstreamSource(factory), writer);
    }

    private Lane lane(String name, double rate, EventSource source, BatchWriter writer) {
        long total = config.duration().isZero() ? Long.MAX_VALUE
                : (long) Math.floor(rate * config.duration().toNanos() / 1e9);
        return new Lane(name, rate, total, config.maxBatchEvents(), config.tick().toNanos(), source, writer, counters);
    }

    /** Totals of what has been committed so far. */
    public LoadStats stats() {
        return counters.snapshot();
    }

    /** Whether every lane has generated its whole duration (never true without a duration). */
    public boolean finished() {
        return started && lanes.stream().allMatch(Lane::finished);
    }

    /**
     * Waits until every lane has finished or failed, at most {@code timeout}; true when all
     * finished.
     */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread t : threads) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                t.join(TimeUnit.NANOSECONDS.toMillis(left) + 1);
            }
        }
        return finished();
    }

    @Override
    public Health health() {
        List<String> failed = lanes.stream().filter(l -> l.failure() != null)
                .map(l -> l.name() + ": " + l.failure()).toList();
        LoadStats stats = stats();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("rate", config.rate());
        details.put("events", stats.events());
        details.put("behindScheduleMs", stats.behindSchedule().toMillis());
        details.put("maxBehindScheduleMs", stats.maxBehindSchedule().toMillis());
        if (!failed.isEmpty()) {
            details.put("failedLanes", failed);
            return new Health(false, false, "failed", details);
        }
        if (!started || closed) {
            return new Health(true, false, closed ? "stopped" : "not started", details);
        }
        String state = lanes.isEmpty() ? "idle" : finished() ? "finished" : "generating";
        return new Health(true, true, state, details);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        lanes.forEach(Lane::stop);
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        for (Thread t : threads) {
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (t.isAlive()) {
                LOG.warn("Lane thread {} still running after {}", t.getName(), STOP_TIMEOUT);
            }
        }
        LoadStats stats = stats();
        LOG.info("Load generator stopped after {} events, {}", stats.events(), summary(stats));
    }

    /** One line per table and anomaly kind with non-zero counts. */
    public static String summary(LoadStats stats) {
        StringBuilder sb = new StringBuilder();
        stats.tables().forEach((table, c) -> {
            if (c.inserted() + c.updated() + c.deleted() > 0) {
                sb.append(String.format("%n  %-14s inserted %9d  updated %9d  deleted %8d", table, c.inserted(),
                        c.updated(), c.deleted()));
            }
        });
        stats.anomalies().entrySet().stream().filter(e -> e.getValue() > 0).sorted(Map.Entry.comparingByKey())
                .forEach(e -> sb.append(String.format("%n  %-24s %9d", e.getKey(), e.getValue())));
        sb.append(String.format("%n  max behind schedule %d ms", stats.maxBehindSchedule().toMillis()));
        return sb.toString();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.debug("closing after a failed start", e);
        }
    }
}
