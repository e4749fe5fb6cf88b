package io.medallion.sink;

import io.medallion.common.config.ConfigException;
import io.medallion.common.config.Settings;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where and how the sink's tables are stored and maintained: all a maintenance command needs,
 * without Kafka. Part of {@link SinkConfig}.
 *
 * @param hadoop Hadoop and Delta LogStore settings ({@code medallion.sink.hadoop.*}, prefix removed)
 */
public record StorageConfig(Layer layer, URI tableRoot, Map<String, String> hadoop, CompressionCodecName compression,
                            long rowGroupBytes, int commitMaxAttempts, Maintenance maintenance, boolean singleWriter) {

    public static final String PREFIX = "medallion.sink.";
    public static final String LAYER = PREFIX + "layer";
    public static final String TABLE_ROOT = PREFIX + "table-root";
    public static final String PARQUET_COMPRESSION = PREFIX + "parquet.compression";
    public static final String PARQUET_ROW_GROUP_BYTES = PREFIX + "parquet.row-group-bytes";
    public static final String COMMIT_MAX_ATTEMPTS = PREFIX + "commit.max-attempts";
    public static final String COMPACT_INTERVAL = PREFIX + "maintenance.compact-interval";
    public static final String COMPACT_MIN_FILES = PREFIX + "maintenance.compact-min-files";
    public static final String COMPACT_TARGET_FILE_BYTES = PREFIX + "maintenance.compact-target-file-bytes";
    public static final String VACUUM_INTERVAL = PREFIX + "maintenance.vacuum-interval";
    public static final String VACUUM_RETENTION = PREFIX + "maintenance.vacuum-retention";
    public static final String VACUUM_RETENTION_CHECK = PREFIX + "maintenance.vacuum-retention-check";
    public static final String SINGLE_WRITER = PREFIX + "single-writer";
    public static final String HADOOP_PREFIX = PREFIX + "hadoop.";

    static final List<String> KEYS = List.of(LAYER, TABLE_ROOT, PARQUET_COMPRESSION, PARQUET_ROW_GROUP_BYTES,
            COMMIT_MAX_ATTEMPTS, COMPACT_INTERVAL, COMPACT_MIN_FILES, COMPACT_TARGET_FILE_BYTES, VACUUM_INTERVAL,
            VACUUM_RETENTION, VACUUM_RETENTION_CHECK, SINGLE_WRITER);

    /** Shortest VACUUM retention allowed while the retention check is on. */
    public static final Duration MIN_SAFE_RETENTION = Duration.ofHours(1);

    private static final Set<String> S3_SCHEMES = Set.of("s3", "s3a", "s3n");
    private static final Set<String> ATOMIC_SCHEMES = Set.of("file", "hdfs", "viewfs", "abfs", "abfss", "gs");
    private static final long MIB = 1024L * 1024L;

    /**
     * Scheduled maintenance; an interval of zero turns that task off.
     *
     * @param compactTargetFileBytes files smaller than this are compacted into files of about this size
     * @param vacuumRetentionCheck   refuse a retention shorter than {@link #MIN_SAFE_RETENTION}
     */
    public record Maintenance(Duration compactInterval, int compactMinFiles, long compactTargetFileBytes,
                              Duration vacuumInterval, Duration vacuumRetention, boolean vacuumRetentionCheck) {
    }

    public StorageConfig {
        hadoop = Map.copyOf(hadoop);
    }

    public static StorageConfig from(Settings settings) {
        Layer layer = settings.enumValue(LAYER, Layer.class, Layer.BRONZE);
        URI root = settings.uri(TABLE_ROOT);
        Map<String, String> hadoop = settings.under(HADOOP_PREFIX);
        boolean singleWriter = settings.bool(SINGLE_WRITER, false);
        checkStorage(root, hadoop, singleWriter);

        CompressionCodecName codec = settings.parsed(PARQUET_COMPRESSION, "one of uncompressed, snappy, gzip, zstd, lz4_raw",
                v -> CompressionCodecName.valueOf(v.toUpperCase(Locale.ROOT))).orElse(CompressionCodecName.SNAPPY);

        boolean retentionCheck = settings.bool(VACUUM_RETENTION_CHECK, true);
        Duration retention = settings.duration(VACUUM_RETENTION, Duration.ofDays(7), Duration.ZERO, Duration.ofDays(3650));
        if (retentionCheck && retention.compareTo(MIN_SAFE_RETENTION) < 0) {
            throw new ConfigException(VACUUM_RETENTION, "is shorter than " + MIN_SAFE_RETENTION
                    + ": readers of older versions could lose files; set " + VACUUM_RETENTION_CHECK + "=false to allow it");
        }
        Maintenance maintenance = new Maintenance(
                settings.duration(COMPACT_INTERVAL, Duration.ofMinutes(15), Duration.ZERO, Duration.ofDays(30)),
                settings.intValue(COMPACT_MIN_FILES, 10, 2, 100_000),
                settings.longValue(COMPACT_TARGET_FILE_BYTES, 128 * MIB, MIB, 16384 * MIB),
                settings.duration(VACUUM_INTERVAL, Duration.ofHours(6), Duration.ZERO, Duration.ofDays(30)),
                retention, retentionCheck);

        return new StorageConfig(layer, root, hadoop, codec,
                settings.longValue(PARQUET_ROW_GROUP_BYTES, 64 * MIB, MIB, 1024 * MIB),
                settings.intValue(COMMIT_MAX_ATTEMPTS, 10, 1, 1000),
                maintenance, singleWriter);
    }

    /**
     * Several sink instances may write one table; that is safe only where the storage makes a
     * log entry's creation atomic (put-if-absent). Plain S3 does not: it needs a coordinating
     * LogStore (e.g. {@code io.delta.storage.S3DynamoDBLogStore}) or a promise of one writer.
     */
    static void checkStorage(URI root, Map<String, String> hadoop, boolean singleWriter) {
        String scheme = root.getScheme().toLowerCase(Locale.ROOT);
        if (S3_SCHEMES.contains(scheme)) {
            String key = "delta.logStore." + scheme + ".impl";
            Optional<String> store = Optional.ofNullable(hadoop.get(key))
                    .or(() -> Optional.ofNullable(hadoop.get("delta.logStore.class")));
            boolean coordinated = store.filter(s -> !s.contains("S3SingleDriverLogStore")).isPresent();
            if (!coordinated && !singleWriter) {
                throw new ConfigException(HADOOP_PREFIX + key, "table root " + root + " is on S3, whose plain writes do not "
                        + "make Delta log entries atomic: several sink instances could overwrite each other's commits. "
                        + "Configure a coordinating LogStore (e.g. io.delta.storage.S3DynamoDBLogStore) or, if exactly one "
                        + "instance ever writes, set " + SINGLE_WRITER + "=true");
            }
        } else if (!ATOMIC_SCHEMES.contains(scheme)) {
            throw new ConfigException(TABLE_ROOT, "scheme '" + scheme + "' is not supported; use one of "
                    + ATOMIC_SCHEMES + " or s3a with a coordinating LogStore");
        }
    }
}
