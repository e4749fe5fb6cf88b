package io.medallion.testkit.delta;

import static io.delta.kernel.internal.util.Utils.singletonCloseableIterator;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;

/**
 * The independent reader tests use to check what a writer put into a Delta table: Delta Kernel
 * only (never the Delta Standalone library the sink writes with), so a writer bug is not hidden
 * by the same bug in the reader.
 *
 * <p>A path without a Delta log throws Kernel's {@code TableNotFoundException}; tests that wait
 * for a table to appear poll and ignore it.
 */
public final class DeltaKernelReader {

    private final Engine engine;

    public DeltaKernelReader() {
        this(new Configuration());
    }

    /** A reader with a Hadoop configuration, e.g. to reach an object store. */
    public DeltaKernelReader(Configuration hadoopConf) {
        this.engine = DefaultEngine.create(hadoopConf);
    }

    /** The latest version of the table, every row converted to plain Java values. */
    public DeltaTableSnapshot read(Path tablePath) {
        return read(table(tablePath).getLatestSnapshot(engine));
    }

    /** The table as it was at a given version. */
    public DeltaTableSnapshot read(Path tablePath, long version) {
        return read(table(tablePath).getSnapshotAsOfVersion(engine, version));
    }

    /**
     * The last version a writer recorded for {@code appId} with a {@code txn} action (the sink
     * stores its Kafka offsets this way), or empty when it never wrote one.
     */
    public Optional<Long> latestTransactionVersion(Path tablePath, String appId) {
        return table(tablePath).getLatestSnapshot(engine).getLatestTransactionVersion(engine, appId);
    }

    /** Number of live rows at the latest version, without converting them. */
    public long rowCount(Path tablePath) {
        long[] count = {0};
        scan(table(tablePath).getLatestSnapshot(engine), batch -> count[0] += selectedRows(batch).size());
        return count[0];
    }

    public long latestVersion(Path tablePath) {
        return table(tablePath).getLatestSnapshot(engine).getVersion();
    }

    private Table table(Path tablePath) {
        return Table.forPath(engine, tablePath.toAbsolutePath().toString());
    }

    private DeltaTableSnapshot read(Snapshot snapshot) {
        List<Map<String, Object>> rows = new ArrayList<>();
        scan(snapshot, batch -> {
            ColumnarBatch data = batch.getData();
            StructType schema = data.getSchema();
            for (int row : selectedRows(batch)) {
                Map<String, Object> values = new LinkedHashMap<>();
                for (int c = 0; c < schema.length(); c++) {
                    values.put(schema.at(c).getName(), KernelValues.toJava(data.getColumnVector(c), row));
                }
                rows.add(Collections.unmodifiableMap(values));
            }
        });
        return new DeltaTableSnapshot(snapshot.getVersion(), snapshot.getSchema(),
                snapshot.getPartitionColumnNames(), rows);
    }

    /** Reads every data file of the snapshot and hands over its logical batches. */
    private void scan(Snapshot snapshot, Consumer<FilteredColumnarBatch> sink) {
        Scan scan = snapshot.getScanBuilder().build();
        Row scanState = scan.getScanState(engine);
        StructType physicalSchema = ScanStateRow.getPhysicalDataReadSchema(scanState);
        try (CloseableIterator<FilteredColumnarBatch> scanFiles = scan.getScanFiles(engine)) {
            while (scanFiles.hasNext()) {
                try (CloseableIterator<Row> fileRows = scanFiles.next().getRows()) {
                    while (fileRows.hasNext()) {
                        readFile(scanState, fileRows.next(), physicalSchema, sink);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read Delta table " + snapshot.getPath(), e);
        }
    }

    private void readFile(Row scanState, Row scanFile, StructType physicalSchema,
                          Consumer<FilteredColumnarBatch> sink) throws IOException {
        FileStatus file = InternalScanFileUtils.getAddFileStatus(scanFile);
        CloseableIterator<ColumnarBatch> physical = engine.getParquetHandler()
                .readParquetFiles(singletonCloseableIterator(file), physicalSchema, Optional.empty())
                .map(FileReadResult::getData);
        try (CloseableIterator<FilteredColumnarBatch> logical =
                     Scan.transformPhysicalData(engine, scanState, scanFile, physical)) {
            while (logical.hasNext()) {
                sink.accept(logical.next());
            }
        }
    }

    /** Row indexes the selection vector keeps (deletion vectors mark the others). */
    private static List<Integer> selectedRows(FilteredColumnarBatch batch) {
        int size = batch.getData().getSize();
        Optional<ColumnVector> selection = batch.getSelectionVector();
        List<Integer> rows = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            if (selection.isEmpty() || (!selection.get().isNullAt(i) && selection.get().getBoolean(i))) {
                rows.add(i);
            }
        }
        return rows;
    }
}
