package io.medallion.bench.fleet.lake;

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
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import io.medallion.testkit.delta.KernelValues;
import org.apache.hadoop.conf.Configuration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reads Delta tables with Delta Kernel only (never Delta Standalone, which the sink writes
 * with), projected to the columns a check needs so large tables stay cheap. Values are plain
 * Java values as the testkit's {@link KernelValues} converts them.
 */
public final class KernelTables {

    private final Engine engine = DefaultEngine.create(new Configuration());

    /** Every Delta table directly under {@code dir} (e.g. {@code lake/bronze}), sorted by name. */
    public static List<Path> tablesUnder(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(p -> Files.isDirectory(p.resolve("_delta_log"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + dir, e);
        }
    }

    public Snapshot snapshot(Path table) {
        return Table.forPath(engine, table.toAbsolutePath().toString()).getLatestSnapshot(engine);
    }

    /** Live rows at the latest version, counted through a full Kernel scan. */
    public long rowCount(Path table) {
        long[] n = {0};
        scan(table, List.of(), row -> n[0]++);
        return n[0];
    }

    /**
     * Every live row of the latest version, as the values of {@code columns} in that order
     * (absent columns read as null). An empty column list still visits every row.
     */
    public void scan(Path table, List<String> columns, Consumer<Object[]> rows) {
        Snapshot snapshot = snapshot(table);
        StructType schema = snapshot.getSchema();
        List<StructField> fields = new ArrayList<>();
        for (String c : columns) {
            if (schema.indexOf(c) >= 0) {
                fields.add(schema.get(c));
            }
        }
        // Kernel needs at least one column to read; the first one is as good as any.
        StructType readSchema = new StructType(fields.isEmpty() ? List.of(schema.at(0)) : fields);
        Scan scan = snapshot.getScanBuilder().withReadSchema(readSchema).build();
        Row scanState = scan.getScanState(engine);
        StructType physical = ScanStateRow.getPhysicalDataReadSchema(scanState);
        try (CloseableIterator<FilteredColumnarBatch> scanFiles = scan.getScanFiles(engine)) {
            while (scanFiles.hasNext()) {
                try (CloseableIterator<Row> fileRows = scanFiles.next().getRows()) {
                    while (fileRows.hasNext()) {
                        Row scanFile = fileRows.next();
                        FileStatus file = InternalScanFileUtils.getAddFileStatus(scanFile);
                        CloseableIterator<ColumnarBatch> data = engine.getParquetHandler()
                                .readParquetFiles(singletonCloseableIterator(file), physical, Optional.empty())
                                .map(FileReadResult::getData);
                        try (CloseableIterator<FilteredColumnarBatch> logical = Scan.transformPhysicalData(engine, scanState, scanFile, data)) {
                            while (logical.hasNext()) {
                                emit(logical.next(), columns, rows);
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read Delta table " + table, e);
        }
    }

    /**
     * The values of one column in one data file, read straight from the Parquet file with the
     * table's type for that column (for per-commit freshness). The column must not be a partition column.
     */
    public void readFileColumn(Path table, StructField column, AddedFile file, Consumer<Object> values) {
        Path path = table.resolve(file.path());
        FileStatus status = FileStatus.of(path.toUri().toString(), file.size(), file.modificationTime());
        StructType schema = new StructType(List.of(column));
        try (CloseableIterator<ColumnarBatch> batches = engine.getParquetHandler()
                .readParquetFiles(singletonCloseableIterator(status), schema, Optional.empty())
                .map(FileReadResult::getData)) {
            while (batches.hasNext()) {
                ColumnarBatch batch = batches.next();
                ColumnVector v = batch.getColumnVector(0);
                for (int i = 0; i < batch.getSize(); i++) {
                    values.accept(KernelValues.toJava(v, i));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + path, e);
        }
    }

    private static void emit(FilteredColumnarBatch batch, List<String> columns, Consumer<Object[]> rows) {
        ColumnarBatch data = batch.getData();
        StructType schema = data.getSchema();
        int[] index = new int[columns.size()];
        for (int c = 0; c < index.length; c++) {
            index[c] = schema.indexOf(columns.get(c));
        }
        Optional<ColumnVector> selection = batch.getSelectionVector();
        for (int r = 0; r < data.getSize(); r++) {
            if (selection.isPresent() && (selection.get().isNullAt(r) || !selection.get().getBoolean(r))) {
                continue;
            }
            Object[] values = new Object[index.length];
            for (int c = 0; c < index.length; c++) {
                values[c] = index[c] < 0 ? null : KernelValues.toJava(data.getColumnVector(index[c]), r);
            }
            rows.accept(values);
        }
    }
}
