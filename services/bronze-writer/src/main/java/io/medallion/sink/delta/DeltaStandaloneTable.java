package io.medallion.sink.delta;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.standalone.DeltaLog;
import io.delta.standalone.Operation;
import io.delta.standalone.OptimisticTransaction;
import io.delta.standalone.Snapshot;
import io.delta.standalone.actions.Action;
import io.delta.standalone.actions.AddFile;
import io.delta.standalone.actions.Metadata;
import io.delta.standalone.actions.RemoveFile;
import io.delta.standalone.actions.SetTransaction;
import io.delta.standalone.exceptions.DeltaConcurrentModificationException;
import io.delta.standalone.internal.DeltaLogImpl;
import io.delta.standalone.internal.SnapshotImpl;
import io.medallion.sink.schema.TableSchema;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.jdk.javaapi.CollectionConverters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * {@link LakehouseTable} on Delta Standalone: the only class that touches the Delta library
 * (with {@link DeltaSchemas}). Appends are {@code STREAMING UPDATE} commits carrying
 * {@code txn} actions; rewrites are {@code dataChange=false}.
 */
final class DeltaStandaloneTable implements LakehouseTable {

    private static final Logger LOG = LoggerFactory.getLogger(DeltaStandaloneTable.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final Configuration conf;
    private final DeltaLog log;
    private final String engineInfo;
    private final int maxAttempts;

    DeltaStandaloneTable(Path root, Configuration conf, String engineInfo, int maxAttempts) {
        this.root = root;
        this.conf = conf;
        this.log = DeltaLog.forTable(conf, root);
        this.engineInfo = engineInfo;
        this.maxAttempts = maxAttempts;
    }

    @Override
    public String location() {
        return root.toString();
    }

    @Override
    public Optional<TableSchema> schema() {
        Snapshot s = log.update();
        return s.getVersion() < 0 ? Optional.empty() : Optional.of(schemaOf(s.getMetadata()));
    }

    @Override
    public long version() {
        return log.update().getVersion();
    }

    @Override
    public OptionalLong committedOffset(String appId) {
        log.update();
        long v = log.startTransaction().txnVersion(appId);
        return v < 0 ? OptionalLong.empty() : OptionalLong.of(v);
    }

    @Override
    public OptionalLong commit(CommitAttempt attempt) {
        DeltaConcurrentModificationException last = null;
        for (int i = 1; i <= maxAttempts; i++) {
            OptimisticTransaction txn = log.startTransaction();
            Optional<TableSchema> schema = txn.readVersion() < 0 ? Optional.empty() : Optional.of(schemaOf(txn.metadata()));
            Optional<TableCommit> prepared = attempt.prepare(appId -> {
                long v = txn.txnVersion(appId);
                return v < 0 ? OptionalLong.empty() : OptionalLong.of(v);
            }, schema);
            if (prepared.isEmpty()) {
                return OptionalLong.empty();
            }
            TableCommit c = prepared.get();
            List<Action> actions = new ArrayList<>();
            c.newSchema().ifPresent(s -> txn.updateMetadata(metadata(txn, s)));
            long now = System.currentTimeMillis();
            for (DataFile f : c.files()) {
                actions.add(addFile(f, true));
            }
            c.txnVersions().forEach((appId, offset) -> actions.add(new SetTransaction(appId, offset, Optional.of(now))));
            try {
                long version = txn.commit(actions, operation(Operation.Name.STREAMING_UPDATE, c.info()), engineInfo).getVersion();
                return OptionalLong.of(version);
            } catch (DeltaConcurrentModificationException e) {
                last = e;
                LOG.info("Commit to {} conflicted with a concurrent writer (attempt {} of {}): {}",
                        root, i, maxAttempts, e.getMessage());
            } catch (Exception e) {
                // Standalone checkpoints after every delta.checkpointInterval-th commit, inside
                // commit(), and lets a lost race on the checkpoint files (another writer or a
                // maintenance run checkpointing at the same moment) escape although the commit is
                // already in the log. The txn actions tell whether it is.
                if (!CheckpointRace.isCheckpointRace(e) || !landed(c.txnVersions())) {
                    throw e;
                }
                LOG.warn("Commit to {} is in the log; its post-commit checkpoint lost a race with another writer: {}",
                        root, e.toString());
                // The latest version: ours, or a later one if another writer has committed since.
                return OptionalLong.of(log.update().getVersion());
            }
        }
        throw new CommitConflictException("commit to " + root + " still conflicts after " + maxAttempts + " attempts", last);
    }

    @Override
    public List<TableFile> files() {
        return log.update().getAllFiles().stream()
                .map(a -> new TableFile(a.getPath(), a.getPartitionValues(), a.getSize(), a.getModificationTime()))
                .toList();
    }

    @Override
    public long rewrite(List<TableFile> removed, List<DataFile> added, Map<String, String> info) {
        OptimisticTransaction txn = log.startTransaction();
        Snapshot base = log.snapshot().getVersion() == txn.readVersion()
                ? log.snapshot() : log.getSnapshotForVersionAsOf(txn.readVersion());
        Map<String, AddFile> live = new java.util.HashMap<>();
        base.getAllFiles().forEach(a -> live.put(a.getPath(), a));
        for (TableFile f : removed) {
            if (!live.containsKey(f.path())) {
                throw new IllegalStateException("cannot rewrite " + root + ": " + f.path()
                        + " is no longer in the table (removed by another writer)");
            }
        }
        long now = System.currentTimeMillis();
        List<Action> actions = new ArrayList<>();
        for (TableFile f : removed) {
            actions.add(live.get(f.path()).remove(now, false));
        }
        for (DataFile f : added) {
            actions.add(addFile(f, false));
        }
        // A removal of the same files between our snapshot and the commit is a conflict Standalone
        // detects (ConcurrentDeleteDeleteException); appends by the sink do not conflict.
        try {
            return txn.commit(actions, operation(Operation.Name.MANUAL_UPDATE, info), engineInfo).getVersion();
        } catch (Exception e) {
            // As in commit(): the rewrite may be in the log although its post-commit checkpoint failed.
            if (!CheckpointRace.isCheckpointRace(e) || added.isEmpty() || !live(added.get(0).path())) {
                throw e;
            }
            LOG.warn("Rewrite of {} is in the log; its post-commit checkpoint lost a race with another writer: {}",
                    root, e.toString());
            return log.update().getVersion();
        }
    }

    /** True when the latest version records every one of these (appId, offset) transactions. */
    private boolean landed(Map<String, Long> txnVersions) {
        if (txnVersions.isEmpty()) {
            return false;
        }
        log.update();
        OptimisticTransaction probe = log.startTransaction();
        return txnVersions.entrySet().stream().allMatch(t -> probe.txnVersion(t.getKey()) >= t.getValue());
    }

    private boolean live(String path) {
        return log.update().getAllFiles().stream().anyMatch(a -> a.getPath().equals(path));
    }

    @Override
    public VacuumResult vacuum(Duration retention, Instant now) {
        SnapshotImpl snapshot = (SnapshotImpl) log.update();
        long cutoff = now.minus(retention).toEpochMilli();
        Set<Path> keep = new HashSet<>();
        List<String> partitionColumns = snapshot.getVersion() < 0 ? List.of() : snapshot.getMetadata().getPartitionColumns();
        for (AddFile a : snapshot.getAllFiles()) {
            keep.add(resolve(a.getPath()));
        }
        int referenced = keep.size();
        for (RemoveFile r : CollectionConverters.asJava(snapshot.tombstones())) {
            // A file removed within the retention may still be read by a reader of an older version.
            if (r.getDeletionTimestamp().orElse(Long.MAX_VALUE) > cutoff) {
                keep.add(resolve(r.getPath()));
            }
        }
        int deleted = 0;
        long bytes = 0;
        try {
            FileSystem fs = root.getFileSystem(conf);
            if (!fs.exists(root)) {
                return new VacuumResult(0, 0, 0);
            }
            // Walked by hand: listFiles(recursive) builds LocatedFileStatus, which on the local file
            // system shells out for permissions and fails when a concurrent writer's temporary
            // file (e.g. a checkpoint's) vanishes in between. Hidden folders (_delta_log) are never entered.
            Deque<Path> folders = new ArrayDeque<>(List.of(root));
            while (!folders.isEmpty()) {
                FileStatus[] entries;
                try {
                    entries = fs.listStatus(folders.pop());
                } catch (java.io.FileNotFoundException gone) {
                    continue;
                }
                for (FileStatus st : entries) {
                    Path p = Path.getPathWithoutSchemeAndAuthority(st.getPath());
                    if (isHidden(p, partitionColumns)) {
                        continue;
                    }
                    if (st.isDirectory()) {
                        folders.push(st.getPath());
                    } else if (!keep.contains(p) && st.getModificationTime() < cutoff && fs.delete(st.getPath(), false)) {
                        deleted++;
                        bytes += st.getLen();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("VACUUM of " + root + " failed", e);
        }
        LOG.info("VACUUM {}: deleted {} files ({} bytes), {} referenced", root, deleted, bytes, referenced);
        return new VacuumResult(deleted, bytes, referenced);
    }

    @Override
    public void checkpoint() {
        // Standalone checkpoints every delta.checkpointInterval commits on its own; this forces one now.
        DeltaLogImpl impl = (DeltaLogImpl) log;
        long version = impl.update().getVersion();
        if (version < 0 || checkpointedAt(impl) >= version) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                impl.checkpoint((SnapshotImpl) impl.getSnapshotForVersionAsOf(version));
                return;
            } catch (Exception e) {
                // Another writer checkpointed at the same moment (the overwrite of _last_checkpoint
                // and the rename of the checkpoint file are not atomic on every file system). Its
                // checkpoint serves as well as ours once it covers this version.
                if (!CheckpointRace.isCheckpointRace(e) || attempt >= 3) {
                    throw e;
                }
                if (checkpointedAt(impl) >= version) {
                    return;
                }
                LOG.info("Checkpoint of {} at version {} raced with another writer (attempt {}); retrying", root, version, attempt);
            }
        }
    }

    private static long checkpointedAt(DeltaLogImpl impl) {
        scala.Option<io.delta.standalone.internal.CheckpointMetaData> last = impl.lastCheckpoint();
        return last.isDefined() ? last.get().version() : -1;
    }

    private Path resolve(String relativeOrAbsolute) {
        Path p = new Path(java.net.URI.create(relativeOrAbsolute));
        return Path.getPathWithoutSchemeAndAuthority(p.isAbsolute() ? p : new Path(root, p));
    }

    /** Spark's rule: names starting with {@code _} or {@code .} are not data, except partition directories. */
    private boolean isHidden(Path file, List<String> partitionColumns) {
        Path rootPath = Path.getPathWithoutSchemeAndAuthority(root);
        for (Path p = file; p != null && !p.equals(rootPath); p = p.getParent()) {
            String name = p.getName();
            if ((name.startsWith("_") || name.startsWith("."))
                    && partitionColumns.stream().noneMatch(c -> name.startsWith(c + "="))) {
                return true;
            }
        }
        return false;
    }

    private static TableSchema schemaOf(Metadata m) {
        return new TableSchema(DeltaSchemas.fromDelta(m.getSchema()), m.getPartitionColumns());
    }

    private static Metadata metadata(OptimisticTransaction txn, TableSchema schema) {
        Metadata current = txn.metadata();
        return current.copyBuilder()
                .schema(DeltaSchemas.toDelta(schema.columns()))
                .partitionColumns(schema.partitionColumns())
                .createdTime(current.getCreatedTime().orElse(System.currentTimeMillis()))
                .build();
    }

    private static AddFile addFile(DataFile f, boolean dataChange) {
        // Standalone writes `stats` verbatim into the log JSON, so it must be a quoted JSON string
        // (delta-io/connectors#380); otherwise the log holds an object it cannot read back.
        return new AddFile(f.path(), f.partitionValues(), f.sizeBytes(), f.modificationTime(), dataChange,
                quote(f.statsJson()), Map.of());
    }

    private static Operation operation(Operation.Name name, Map<String, String> info) {
        Map<String, String> params = new LinkedHashMap<>();
        info.forEach((k, v) -> params.put(k, quote(v)));
        return new Operation(name, params);
    }

    /** Operation parameters and stats are stored as JSON-encoded strings. */
    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
