package io.medallion.sink;

import io.medallion.sink.delta.DataFile;
import io.medallion.sink.delta.LakehouseStorage;
import io.medallion.sink.delta.LakehouseTable;
import io.medallion.sink.delta.TableFile;
import io.medallion.sink.delta.VacuumResult;
import io.medallion.sink.parquet.ParquetRowReader;
import io.medallion.sink.parquet.ParquetRowWriter;
import io.medallion.sink.parquet.WrittenFile;
import io.medallion.sink.schema.TableSchema;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Maintenance of one layer's tables: compaction of small files, VACUUM and checkpoints. Safe to
 * run while sink instances write: compaction is a {@code dataChange=false} rewrite that
 * conflicts with no append, and VACUUM deletes only files no version within the retention
 * references and older than the retention (so a file being written now is never touched).
 */
public final class SinkMaintenance {

    private static final Logger LOG = LoggerFactory.getLogger(SinkMaintenance.class);

    /** What a compaction did: {@code version} is empty when there was nothing to compact. */
    public record CompactionResult(String table, int filesRemoved, int filesAdded, Optional<Long> version) {
    }

    private final StorageConfig config;
    private final LakehouseStorage storage;
    private final ParquetRowWriter writer;
    private final ParquetRowReader reader;
    private final Clock clock;

    public SinkMaintenance(StorageConfig config, LakehouseStorage storage) {
        this(config, storage, Clock.systemUTC());
    }

    SinkMaintenance(StorageConfig config, LakehouseStorage storage, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.storage = storage;
        this.writer = new ParquetRowWriter(storage.hadoopConf(), config.compression(), config.rowGroupBytes());
        this.reader = new ParquetRowReader(storage.hadoopConf());
    }

    /** A maintenance handle on the storage the configuration names. */
    public static SinkMaintenance open(StorageConfig config) {
        return new SinkMaintenance(config, SinkStorage.open(config));
    }

    /** The layer's tables (relative names such as {@code bronze/shop_orders}), dead-letter table included. */
    public List<String> tables() {
        Path layerDir = new Path(new Path(storage.root()), config.layer().directory());
        try {
            FileSystem fs = layerDir.getFileSystem(storage.hadoopConf());
            if (!fs.exists(layerDir)) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (FileStatus st : fs.listStatus(layerDir)) {
                if (st.isDirectory() && fs.exists(new Path(st.getPath(), "_delta_log"))) {
                    out.add(config.layer().directory() + "/" + st.getPath().getName());
                }
            }
            out.sort(Comparator.naturalOrder());
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list tables under " + layerDir, e);
        }
    }

    /**
     * Rewrites each partition's small files (below the target size, at least the configured
     * minimum number of them) into files of about the target size, in one commit.
     */
    public CompactionResult compact(String table) {
        return compact(table, config.maintenance().compactMinFiles());
    }

    /** {@link #compact(String)} with an explicit minimum number of small files per partition. */
    public CompactionResult compact(String table, int minFiles) {
        String name = qualified(table);
        LakehouseTable t = storage.open(name);
        Optional<TableSchema> schema = t.schema();
        if (schema.isEmpty()) {
            return new CompactionResult(name, 0, 0, Optional.empty());
        }
        long target = config.maintenance().compactTargetFileBytes();
        Map<Map<String, String>, List<TableFile>> byPartition = new LinkedHashMap<>();
        for (TableFile f : t.files()) {
            if (f.sizeBytes() < target) {
                byPartition.computeIfAbsent(new TreeMap<>(f.partitionValues()), k -> new ArrayList<>()).add(f);
            }
        }
        List<TableFile> removed = new ArrayList<>();
        List<DataFile> added = new ArrayList<>();
        for (Map.Entry<Map<String, String>, List<TableFile>> e : byPartition.entrySet()) {
            List<TableFile> small = e.getValue();
            if (small.size() < minFiles) {
                continue;
            }
            small.sort(Comparator.comparing(TableFile::path));
            for (List<TableFile> bin : bins(small, target)) {
                if (bin.size() > 1) {
                    added.add(rewrite(t, schema.get(), e.getKey(), bin));
                    removed.addAll(bin);
                }
            }
        }
        if (removed.isEmpty()) {
            return new CompactionResult(name, 0, 0, Optional.empty());
        }
        long version = t.rewrite(removed, added, Map.of("operation", "compaction",
                "service", "bronze-writer[" + config.layer().directory() + "]", "serviceVersion", SinkVersion.VERSION,
                "filesRemoved", Integer.toString(removed.size()), "filesAdded", Integer.toString(added.size())));
        LOG.info("Compacted {}: {} files into {} (version {})", name, removed.size(), added.size(), version);
        return new CompactionResult(name, removed.size(), added.size(), Optional.of(version));
    }

    /** VACUUM with the configured retention. */
    public VacuumResult vacuum(String table) {
        return vacuum(table, config.maintenance().vacuumRetention());
    }

    /**
     * Deletes unreferenced files older than {@code retention}. A retention below
     * {@link StorageConfig#MIN_SAFE_RETENTION} is refused while the retention check is on.
     */
    public VacuumResult vacuum(String table, Duration retention) {
        if (config.maintenance().vacuumRetentionCheck() && retention.compareTo(StorageConfig.MIN_SAFE_RETENTION) < 0) {
            throw new IllegalArgumentException("VACUUM retention " + retention + " is shorter than "
                    + StorageConfig.MIN_SAFE_RETENTION + "; readers of older versions could lose files (set "
                    + StorageConfig.VACUUM_RETENTION_CHECK + "=false to allow it)");
        }
        return storage.open(qualified(table)).vacuum(retention, clock.instant());
    }

    /** Writes a checkpoint of the table's latest version. */
    public void checkpoint(String table) {
        storage.open(qualified(table)).checkpoint();
    }

    /** Accepts {@code shop_orders} or {@code bronze/shop_orders}. */
    String qualified(String table) {
        String prefix = config.layer().directory() + "/";
        String name = table.startsWith(prefix) ? table.substring(prefix.length()) : table;
        if (name.isEmpty() || name.contains("/") || name.contains("..")) {
            throw new IllegalArgumentException("not a table of layer " + config.layer().directory() + ": " + table);
        }
        return prefix + name;
    }

    private static List<List<TableFile>> bins(List<TableFile> files, long target) {
        List<List<TableFile>> out = new ArrayList<>();
        List<TableFile> bin = new ArrayList<>();
        long size = 0;
        for (TableFile f : files) {
            if (!bin.isEmpty() && size + f.sizeBytes() > target) {
                out.add(bin);
                bin = new ArrayList<>();
                size = 0;
            }
            bin.add(f);
            size += f.sizeBytes();
        }
        if (!bin.isEmpty()) {
            out.add(bin);
        }
        return out;
    }

    private DataFile rewrite(LakehouseTable t, TableSchema schema, Map<String, String> partition, List<TableFile> bin) {
        String dir = String.join("/", schema.partitionColumns().stream().map(c -> c + "=" + partition.get(c)).toList());
        String fileName = "part-00000-compact-" + UUID.randomUUID() + ".c000" + config.compression().getExtension() + ".parquet";
        Path root = new Path(t.location());
        Path file = new Path(dir.isEmpty() ? root : new Path(root, dir), fileName);
        WrittenFile w = writer.write(file, schema, sink -> {
            for (TableFile f : bin) {
                reader.read(new Path(root, f.path()), schema, sink);
            }
        }, Map.of("medallion.compaction", "true"), Set.of());
        return new DataFile((dir.isEmpty() ? "" : dir + "/") + fileName, partition, w.sizeBytes(), w.modificationTime(),
                w.numRecords(), w.statsJson());
    }
}
