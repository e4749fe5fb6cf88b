package io.medallion.local;

import io.delta.kernel.exceptions.TableNotFoundException;
import io.medallion.common.config.Settings;
import io.medallion.common.lifecycle.Health;
import io.medallion.sink.AppIds;
import io.medallion.sink.Layer;
import io.medallion.sink.SinkConfig;
import io.medallion.sink.SinkService;
import io.medallion.sink.StorageConfig;
import io.medallion.sink.TableStats;
import io.medallion.testkit.delta.DeltaKernelReader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.TopicPartition;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * bronze-writer deployed for one layer: that layer's topics into Delta tables under
 * {@code <data>/delta/<layer>/}. Its drain waits until the tables' Kafka offsets ({@code txn}
 * versions, read with Delta Kernel) reach the last record of every topic partition of the layer.
 */
final class SinkComponent implements StackComponent {

    private final SinkConfig config;
    private final SinkService service;
    private final Path tableRoot;
    private final String bootstrapServers;

    SinkComponent(StackContext context, Layer layer) {
        Settings published = context.settings();
        this.tableRoot = context.dataDir("delta");
        this.bootstrapServers = published.string(StackContext.KAFKA_BOOTSTRAP);
        Map<String, String> settings = new HashMap<>();
        settings.put(StorageConfig.LAYER, layer.directory());
        settings.put(StorageConfig.TABLE_ROOT, tableRootUri(tableRoot));
        settings.put(SinkConfig.BOOTSTRAP_SERVERS, bootstrapServers);
        settings.put(SinkConfig.REGISTRY_URL, published.string(StackContext.REGISTRY_URL));
        // Capture creates a table's topic with its first change, while the sink already runs:
        // notice new topics within a second instead of Kafka's default five minutes.
        settings.put(SinkConfig.KAFKA_PREFIX + "metadata.max.age.ms", "1000");
        this.config = SinkConfig.from(context.serviceSettings(settings, SinkConfig.PREFIX));
        this.service = new SinkService(config, new SimpleMeterRegistry());
    }

    /** {@code file:/abs/path} without a trailing slash, so table paths join cleanly. */
    static String tableRootUri(Path root) {
        String uri = root.toAbsolutePath().toUri().toString();
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }

    @Override
    public String name() {
        return service.name();
    }

    @Override
    public void start() {
        service.start();
    }

    @Override
    public Health health() {
        return service.health();
    }

    @Override
    public Role role() {
        return Role.SERVICE;
    }

    Layer layer() {
        return config.layer();
    }

    /** Where the layer's tables are: {@code <data>/delta/<layer>}. */
    Path layerDirectory() {
        return tableRoot.resolve(config.layer().directory());
    }

    @Override
    public Optional<String> status() {
        long rows = service.tableStats().stream().filter(t -> !isDeadLetters(t.table())).mapToLong(TableStats::rowsCommitted).sum();
        return Optional.of(config.layer().directory() + " " + Formats.count(rows) + " rows");
    }

    @Override
    public void drain(Duration timeout) {
        DeltaKernelReader reader = new DeltaKernelReader();
        try (Drain drain = new Drain(bootstrapServers)) {
            drain.await(name(), config::owns, partitions -> tablePositions(reader, partitions), timeout);
        }
    }

    /**
     * Per partition, the offset after the last one the tables committed: the topic's own table
     * or, for records that became dead letters, the layer's dead-letter table.
     */
    private Map<TopicPartition, Long> tablePositions(DeltaKernelReader reader, Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> positions = new HashMap<>();
        Path deadLetters = tableRoot.resolve(config.layer().deadLetterTable());
        for (TopicPartition tp : partitions) {
            String appId = AppIds.of(config.groupId(), tp);
            long committed = Math.max(
                    config.layer().tableFor(tp.topic()).map(t -> txnVersion(reader, tableRoot.resolve(t), appId)).orElse(-1L),
                    txnVersion(reader, deadLetters, appId));
            if (committed >= 0) {
                positions.put(tp, committed + 1);
            }
        }
        return positions;
    }

    private static long txnVersion(DeltaKernelReader reader, Path table, String appId) {
        try {
            return reader.latestTransactionVersion(table, appId).orElse(-1L);
        } catch (TableNotFoundException e) {
            return -1;
        }
    }

    @Override
    public List<String> summary() {
        return DeltaTables.summary(name(), layerDirectory());
    }

    @Override
    public void close() {
        service.close();
    }

    private static boolean isDeadLetters(String table) {
        return table.endsWith("/" + Layer.DEAD_LETTER_TABLE);
    }
}
