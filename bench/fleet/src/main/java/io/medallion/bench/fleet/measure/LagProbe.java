package io.medallion.bench.fleet.measure;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The three lags of the fleet, read from outside like an operator would: the replication slot
 * (PostgreSQL's WAL not yet confirmed by capture), consumer lag of each Streams application and
 * sink lag of each sink (end offsets minus committed offsets; the sinks commit Kafka offsets
 * right after each Delta commit).
 */
public final class LagProbe implements AutoCloseable {

    private static final long TIMEOUT_MS = 3_000;

    private final Admin admin;
    private final Map<String, String> groups;
    private final Connection source;
    private final String slot;

    /**
     * @param groups label → consumer group id
     * @param source the source database, or null without one
     */
    public LagProbe(String bootstrapServers, Map<String, String> groups, Connection source, String slot) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS));
        this.groups = new LinkedHashMap<>(groups);
        this.source = source;
        this.slot = slot;
    }

    /** Lags now; a lag that cannot be read is left out. Also the WAL position under {@code "wal"}. */
    public synchronized Map<String, Long> read() {
        Map<String, Long> lags = new LinkedHashMap<>();
        if (source != null) {
            slotLag().ifPresent(s -> {
                lags.put(Sample.SLOT, s[0]);
                lags.put("wal", s[1]);
            });
        }
        groups.forEach((label, group) -> groupLag(group).ifPresent(l -> lags.put(label, l)));
        return lags;
    }

    private Optional<long[]> slotLag() {
        try (PreparedStatement ps = source.prepareStatement("SELECT (pg_current_wal_lsn() - confirmed_flush_lsn)::bigint,"
                + " (pg_current_wal_lsn() - '0/0'::pg_lsn)::bigint FROM pg_replication_slots WHERE slot_name = ?")) {
            ps.setString(1, slot);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new long[]{Math.max(0, rs.getLong(1)), rs.getLong(2)}) : Optional.empty();
            }
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    private Optional<Long> groupLag(String group) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            if (committed.isEmpty()) {
                return Optional.empty();
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                    .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            long lag = 0;
            for (Map.Entry<TopicPartition, OffsetAndMetadata> e : committed.entrySet()) {
                if (e.getValue() != null && ends.containsKey(e.getKey())) {
                    lag += Math.max(0, ends.get(e.getKey()).offset() - e.getValue().offset());
                }
            }
            return Optional.of(lag);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        admin.close(java.time.Duration.ofSeconds(5));
    }
}
