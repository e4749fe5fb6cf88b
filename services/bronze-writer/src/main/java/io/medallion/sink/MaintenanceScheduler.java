package io.medallion.sink;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs compaction and VACUUM of every table of the layer on their intervals, on one daemon thread. */
final class MaintenanceScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MaintenanceScheduler.class);

    private final StorageConfig config;
    private final SinkMaintenance maintenance;
    private final ScheduledExecutorService executor;

    MaintenanceScheduler(StorageConfig config, SinkMaintenance maintenance) {
        this.config = config;
        this.maintenance = maintenance;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sink-maintenance-" + config.layer().directory());
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        schedule(config.maintenance().compactInterval(), "compaction", () ->
                maintenance.tables().forEach(maintenance::compact));
        schedule(config.maintenance().vacuumInterval(), "VACUUM", () ->
                maintenance.tables().forEach(maintenance::vacuum));
    }

    private void schedule(Duration interval, String what, Runnable task) {
        if (interval.isZero()) {
            return;
        }
        executor.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                // The next run retries; the sink itself is unaffected by a failed maintenance run.
                LOG.error("Scheduled {} of layer {} failed", what, config.layer().directory(), e);
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
