package io.medallion.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.medallion.common.deadletter.FailureKind;
import io.medallion.sink.delta.DataFile;
import io.medallion.sink.delta.LakehouseTable;
import io.medallion.sink.delta.TableCommit;
import io.medallion.sink.mapping.BatchContext;
import io.medallion.sink.mapping.LayerMapper;
import io.medallion.sink.mapping.RowProjector;
import io.medallion.sink.metrics.SinkMetrics;
import io.medallion.sink.parquet.BackgroundFiles;
import io.medallion.sink.parquet.WrittenFile;
import io.medallion.sink.schema.Column;
import io.medallion.sink.schema.SchemaEvolution;
import io.medallion.sink.schema.TableSchema;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Buffers the rows of one table and commits them, one Parquet file and one Delta commit per
 * flush, with the last offset of every partition in the same commit.
 *
 * <p>Invariant: a row is committed at most once, and a partition's committed offset never moves
 * backwards. Inside each commit attempt the partitions' committed offsets are read from the
 * table; if another writer (the new owner after a rebalance, or the winner of a race) already
 * committed part of this batch's range, the batch is not committed as it is:
 * <ul>
 *   <li>a data table streams its rows into the batch's file as they arrive and keeps no rows in
 *   memory, so it abandons the batch and reports its partitions for a re-seek to the table's
 *   offsets (the same happens when another writer changed the schema meanwhile);</li>
 *   <li>the dead-letter table keeps its (few) rows and leaves out those already committed.</li>
 * </ul>
 * Not thread-safe: the sink's poll thread owns it.
 */
final class TableWriter {

    private static final Logger LOG = LoggerFactory.getLogger(TableWriter.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Rows handed to the background file writer at a time. */
    private static final int CHUNK_ROWS = 4096;

    /** Why a record could not become a row of this table. */
    record Rejection(FailureKind kind, String reason) {
    }

    /**
     * What a flush did.
     *
     * @param committedOffsets the table's offset per partition of the batch after the flush
     * @param reseek           partitions whose consumer position is stale: seek to the committed offset + 1
     */
    record FlushResult(OptionalLong version, int rows, Map<TopicPartition, Long> committedOffsets,
                       Set<TopicPartition> reseek) {
        static final FlushResult NOTHING = new FlushResult(OptionalLong.empty(), 0, Map.of(), Set.of());
    }

    private final String name;
    private final LakehouseTable table;
    private final LayerMapper mapper;
    private final BackgroundFiles files;
    private final String fileExtension;
    private final FlushPolicy policy;
    private final SinkMetrics metrics;
    private final Clock clock;
    private final String groupId;
    private final Map<String, String> commitInfo;
    private final FlushHooks hooks;
    private final boolean retainRows;

    private final Map<Integer, RowProjector> projectors = new HashMap<>();
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    private final RowBatch batch;
    private Optional<TableSchema> tableSchema;
    private TableSchema pendingSchema;
    private BatchContext context;
    /** The batch's file, written in the background as rows arrive (data tables only). */
    private BackgroundFiles.Streamed streamed;
    private String streamedPath;
    private TableSchema streamSchema;
    private List<Object[]> chunk = new ArrayList<>(CHUNK_ROWS);
    /** The streamed file once complete: a commit attempt retried after a conflict reuses it. */
    private WrittenFile finished;
    private String stoppedReason;
    private volatile TableStats stats;

    /**
     * @param retainRows keep rows in memory (the dead-letter table) instead of streaming them to the file
     */
    TableWriter(String name, LakehouseTable table, LayerMapper mapper, BackgroundFiles files, String fileExtension,
                FlushPolicy policy, SinkMetrics metrics, Clock clock, String groupId, Map<String, String> commitInfo,
                FlushHooks hooks, boolean retainRows) {
        this.name = name;
        this.table = table;
        this.mapper = mapper;
        this.files = files;
        this.fileExtension = fileExtension;
        this.policy = policy;
        this.metrics = metrics;
        this.clock = clock;
        this.groupId = groupId;
        this.commitInfo = Map.copyOf(commitInfo);
        this.hooks = hooks;
        this.retainRows = retainRows;
        this.batch = new RowBatch(retainRows);
        this.tableSchema = table.schema();
        this.pendingSchema = tableSchema.orElse(null);
        this.stats = new TableStats(name, 0, 0, -1, Optional.empty(), Optional.empty());
    }

    String name() {
        return name;
    }

    TableStats stats() {
        return stats;
    }

    boolean stopped() {
        return stoppedReason != null;
    }

    Optional<String> stoppedReason() {
        return Optional.ofNullable(stoppedReason);
    }

    /** The offset the table holds for a partition, read from the table now; -1 if none. */
    long readCommittedOffset(TopicPartition tp) {
        long c = table.committedOffset(AppIds.of(groupId, tp)).orElse(-1L);
        committed.put(tp, c);
        return c;
    }

    /** The last known committed offset of a partition (as of the last read or commit), -1 if none. */
    long knownCommittedOffset(TopicPartition tp) {
        return committed.getOrDefault(tp, -1L);
    }

    /**
     * Whether the batch must be committed before this record: its schema adds columns, and the
     * rows already streamed into the batch's file have the old ones.
     */
    boolean needsFlushBefore(GenericRecord value, int schemaId) {
        if (retainRows || batch.rowCount() == 0 || projectors.containsKey(schemaId) || pendingSchema == null) {
            return false;
        }
        try {
            return SchemaEvolution.evolve(pendingSchema, mapper.columns(value.getSchema())) instanceof SchemaEvolution.Widened;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Adds a record's row to the batch.
     *
     * @return empty when buffered; otherwise why the record is rejected (it must go to the
     * dead-letter table; {@link #consumed} is still due)
     */
    Optional<Rejection> add(ConsumerRecord<byte[], byte[]> record, GenericRecord value, int schemaId) {
        RowProjector projector = projectors.get(schemaId);
        if (projector == null) {
            Object bound = bind(value.getSchema());
            if (bound instanceof Rejection r) {
                return Optional.of(r);
            }
            projector = (RowProjector) bound;
            projectors.put(schemaId, projector);
        }
        if (context == null) {
            context = newContext();
        }
        Object[] row;
        try {
            row = projector.project(value, record, schemaId, context);
        } catch (RuntimeException e) {
            return Optional.of(new Rejection(FailureKind.MAPPING, "cannot map record to table " + name + ": " + e));
        }
        batch.add(row, new TopicPartition(record.topic(), record.partition()), record.offset(),
                projector.sourceTimeMillis(value, record));
        if (!retainRows) {
            stream(row);
        }
        return Optional.empty();
    }

    /** Notes that a record of {@code tp} was consumed, whether it became a row here or a dead letter. */
    void consumed(TopicPartition tp, long offset, long sizeBytes) {
        batch.consumed(tp, offset, sizeBytes, clock.millis());
    }

    boolean hasPending() {
        return !batch.isEmpty();
    }

    /** When the oldest record not yet committed was consumed; empty when none is waiting. Any thread. */
    OptionalLong pendingSinceMillis() {
        long opened = batch.openedAtMillis();
        return opened < 0 ? OptionalLong.empty() : OptionalLong.of(opened);
    }

    boolean shouldFlush() {
        return policy.shouldFlush(batch.consumedCount(), batch.bytes(), batch.ageMillis(clock.millis()));
    }

    /** Stops the table: no more rows are accepted (the caller dead-letters them with this reason). */
    void stop(String reason) {
        stoppedReason = reason;
        stats = new TableStats(name, stats.rowsCommitted(), stats.filesCommitted(), stats.lastVersion(),
                stats.lastCommitAt(), Optional.of(reason));
        LOG.error("Table {} stopped: {}. Its records go to the dead-letter table until the producer is fixed and the sink restarted.",
                name, reason);
    }

    /**
     * Forgets the batch's part from partitions this instance no longer owns.
     *
     * @return partitions still owned whose rows were dropped too (they shared the batch's file):
     * seek them to the committed offset + 1
     */
    Set<TopicPartition> drop(Set<TopicPartition> gone) {
        gone.forEach(committed::remove);
        if (retainRows || !batch.hasRowsOf(gone)) {
            batch.drop(gone);
            if (batch.isEmpty()) {
                clearBatch();
            }
            return Set.of();
        }
        Set<TopicPartition> others = new HashSet<>(batch.lastConsumed().keySet());
        others.removeAll(gone);
        clearBatch();
        return others;
    }

    /** Writes and commits the batch (if any). */
    FlushResult flush() {
        if (batch.isEmpty()) {
            return FlushResult.NOTHING;
        }
        if (pendingSchema == null) {
            // Nothing ever mapped to this table: every record so far was a dead letter. Without a
            // schema there is no table to carry offsets; replaying these records is harmless
            // because the dead-letter table skips what it already holds.
            clearBatch();
            return FlushResult.NOTHING;
        }
        if (context == null) {
            context = newContext();
        }
        Instant started = clock.instant();
        hooks.beforeWrite(name);
        Map<TopicPartition, Long> last = new LinkedHashMap<>(batch.lastConsumed());
        Map<TopicPartition, Long> seen = new HashMap<>();
        List<WrittenFile> written = new ArrayList<>();
        boolean[] abandoned = {false};
        int[] committedRows = {0};
        long[][] freshnessSources = {new long[0]};
        OptionalLong version = table.commit((offsets, current) -> {
            written.clear();
            seen.clear();
            for (TopicPartition tp : last.keySet()) {
                seen.put(tp, offsets.apply(AppIds.of(groupId, tp)).orElse(-1L));
            }
            TableSchema target = reconcile(current);
            if (!retainRows && batch.rowCount() > 0
                    && (batch.overlaps(tp -> seen.getOrDefault(tp, -1L)) || !target.equals(streamSchema))) {
                abandoned[0] = true;
                return Optional.empty();
            }
            Map<String, Long> txns = new TreeMap<>();
            last.forEach((tp, offset) -> {
                if (offset > seen.get(tp)) {
                    txns.put(AppIds.of(groupId, tp), offset);
                }
            });
            List<Object[]> rows = retainRows ? batch.rowsAfter(tp -> seen.getOrDefault(tp, -1L)) : null;
            int rowCount = retainRows ? rows.size() : batch.rowCount();
            if (rowCount == 0 && txns.isEmpty()) {
                return Optional.empty();
            }
            List<DataFile> dataFiles = new ArrayList<>();
            if (rowCount > 0) {
                String relative;
                WrittenFile w;
                if (retainRows) {
                    relative = newRelativePath(target);
                    w = files.writer().write(new Path(table.location(), relative), target, rows,
                            Map.of("medallion.batch_id", context.batchId()), mapper.distinctColumns());
                } else {
                    relative = streamedPath;
                    w = finishStream();
                }
                hooks.afterFileWritten(name, w.uri());
                written.add(w);
                dataFiles.add(new DataFile(relative, mapper.partitionValues(target, context), w.sizeBytes(),
                        w.modificationTime(), w.numRecords(), w.statsJson()));
            }
            committedRows[0] = rowCount;
            freshnessSources[0] = batch.sourceTimesAfter(tp -> seen.getOrDefault(tp, -1L));
            Map<String, String> info = new LinkedHashMap<>(commitInfo);
            info.put("batchId", context.batchId());
            info.put("rows", Integer.toString(rowCount));
            info.put("offsets", offsetsJson(txns));
            boolean schemaChange = current.isEmpty() || !current.get().equals(target);
            return Optional.of(new TableCommit(dataFiles, schemaChange ? Optional.of(target) : Optional.empty(), txns, info));
        });
        Set<TopicPartition> reseek = new HashSet<>();
        for (Map.Entry<TopicPartition, Long> e : last.entrySet()) {
            long before = seen.getOrDefault(e.getKey(), -1L);
            if (abandoned[0]) {
                committed.put(e.getKey(), before);
                reseek.add(e.getKey());
            } else {
                committed.put(e.getKey(), Math.max(before, e.getValue()));
                if (before > e.getValue()) {
                    // Another writer is ahead on this partition: our consumer position is stale.
                    reseek.add(e.getKey());
                }
            }
        }
        int skipped = batch.rowCount() - committedRows[0];
        if (skipped > 0) {
            metrics.skippedAsCommitted(name, skipped);
            LOG.warn("{}: {} buffered rows were not committed: {}", name, skipped, abandoned[0]
                    ? "another writer committed part of the batch or changed the schema; re-reading from the table's offsets"
                    : "another writer had committed them");
        }
        if (version.isPresent()) {
            tableSchema = Optional.of(pendingSchema);
            hooks.afterCommit(name, version.getAsLong());
            afterCommit(version.getAsLong(), started, written, committedRows[0], freshnessSources[0]);
        }
        clearBatch();
        return new FlushResult(version, committedRows[0], Map.copyOf(committed), reseek);
    }

    private void afterCommit(long version, Instant started, List<WrittenFile> written, int rows, long[] sourceTimes) {
        Instant now = clock.instant();
        long bytes = written.stream().mapToLong(WrittenFile::sizeBytes).sum();
        metrics.commit(name, Duration.between(started, now), written.size(), bytes);
        metrics.recordsOut(name, rows);
        var freshness = metrics.freshness(name);
        long nowMs = now.toEpochMilli();
        for (long t : sourceTimes) {
            if (t >= 0) {
                freshness.record(Math.max(0, nowMs - t));
            }
        }
        stats = new TableStats(name, stats.rowsCommitted() + rows, stats.filesCommitted() + written.size(), version,
                Optional.of(now), Optional.ofNullable(stoppedReason));
    }

    private void stream(Object[] row) {
        if (streamed == null) {
            streamedPath = newRelativePath(pendingSchema);
            streamSchema = pendingSchema;
            streamed = files.open(new Path(table.location(), streamedPath), pendingSchema,
                    Map.of("medallion.batch_id", context.batchId()), mapper.distinctColumns());
        }
        chunk.add(row);
        if (chunk.size() >= CHUNK_ROWS) {
            streamed.append(chunk);
            chunk = new ArrayList<>(CHUNK_ROWS);
        }
    }

    /** Completes the streamed file (once: a commit attempt retried after a conflict reuses it). */
    private WrittenFile finishStream() {
        if (finished == null) {
            if (!chunk.isEmpty()) {
                streamed.append(chunk);
                chunk = new ArrayList<>(CHUNK_ROWS);
            }
            finished = streamed.finish();
            streamed = null;
        }
        return finished;
    }

    private void clearBatch() {
        if (streamed != null) {
            // Never committed: delete it now rather than leave it to VACUUM.
            streamed.abort();
        }
        batch.clear();
        context = null;
        streamed = null;
        streamedPath = null;
        streamSchema = null;
        finished = null;
        chunk = new ArrayList<>(CHUNK_ROWS);
    }

    /**
     * The schema to commit: the pending one, merged with the table's current one if another
     * writer changed it since. Retained rows are re-laid out when columns move; a streamed file
     * no longer matches and the batch is abandoned by the caller.
     */
    private TableSchema reconcile(Optional<TableSchema> current) {
        if (current.isEmpty() || current.equals(tableSchema) || current.get().equals(pendingSchema)) {
            return pendingSchema;
        }
        SchemaEvolution.Outcome outcome = SchemaEvolution.evolve(current.get(), pendingSchema.columns());
        if (outcome instanceof SchemaEvolution.Incompatible i) {
            throw new IllegalStateException("another writer changed " + name + " incompatibly: " + i.reason());
        }
        TableSchema merged = outcome instanceof SchemaEvolution.Widened w ? w.schema() : current.get();
        int[] positions = pendingSchema.columns().stream().mapToInt(c -> merged.indexOf(c.name())).toArray();
        batch.relayout(positions, merged.columns().size());
        projectors.clear();
        pendingSchema = merged;
        tableSchema = current;
        return merged;
    }

    private Object bind(Schema valueSchema) {
        List<Column> columns;
        try {
            columns = mapper.columns(valueSchema);
        } catch (RuntimeException e) {
            return new Rejection(FailureKind.MAPPING, "schema " + valueSchema.getFullName() + " has no table form: " + e.getMessage());
        }
        if (pendingSchema == null) {
            pendingSchema = new TableSchema(columns.stream().map(c -> Column.optional(c.name(), c.type())).toList(),
                    mapper.partitionColumns());
        } else {
            SchemaEvolution.Outcome outcome = SchemaEvolution.evolve(pendingSchema, columns);
            if (outcome instanceof SchemaEvolution.Incompatible i) {
                return new Rejection(FailureKind.SCHEMA_INCOMPATIBLE, "schema " + valueSchema.getFullName()
                        + " is incompatible with table " + name + ": " + i.reason());
            }
            if (outcome instanceof SchemaEvolution.Widened w) {
                if (streamed != null || finished != null) {
                    throw new IllegalStateException("widening " + name + " while its batch is streamed; flush first");
                }
                LOG.info("{}: schema {} adds column(s) {}", name, valueSchema.getFullName(),
                        w.added().stream().map(Column::name).toList());
                pendingSchema = w.schema();
            }
        }
        return mapper.projector(valueSchema, pendingSchema);
    }

    private BatchContext newContext() {
        Instant now = clock.instant();
        long micros = Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000L), now.getNano() / 1_000L);
        int day = (int) LocalDate.ofInstant(now, ZoneOffset.UTC).toEpochDay();
        return new BatchContext(UUID.randomUUID().toString(), micros, day);
    }

    private String newRelativePath(TableSchema schema) {
        Map<String, String> values = mapper.partitionValues(schema, context);
        String dir = String.join("/", schema.partitionColumns().stream().map(c -> c + "=" + values.get(c)).toList());
        String file = "part-00000-" + UUID.randomUUID() + ".c000" + fileExtension + ".parquet";
        return dir.isEmpty() ? file : dir + "/" + file;
    }

    private static String offsetsJson(Map<String, Long> txns) {
        try {
            return JSON.writeValueAsString(txns);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
