package io.medallion.capture;

import io.medallion.capture.metrics.CaptureMetrics;
import io.medallion.capture.wal.ReplicationSlots;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Reads the slot's lag and retained WAL on a schedule over its own connection (reopened after
 * a failure) and publishes them to {@link CaptureMetrics}. A failed reading is logged and the
 * previous value kept: monitoring never stops capture.
 */
final class SlotMonitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SlotMonitor.class);

    private final CaptureConfig config;
    private final CaptureMetrics metrics;
    private Connection connection;

    SlotMonitor(CaptureConfig config, CaptureMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    synchronized void poll() {
        try {
            if (connection == null || connection.isClosed()) {
                connection = DatabaseProbe.connect(config);
            }
            Optional<ReplicationSlots.Lag> lag = ReplicationSlots.lag(connection, config.slot());
            lag.ifPresent(l -> metrics.slot(l.lagBytes(), l.retainedBytes()));
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Could not read replication slot '{}' lag: {}", config.slot(), e.getMessage());
            close();
        }
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("Closing the slot monitor connection failed", e);
            }
            connection = null;
        }
    }
}
