package io.medallion.sink;

import io.medallion.sink.delta.DataFile;
import io.medallion.sink.delta.DeltaStandaloneStorage;
import io.medallion.sink.delta.LakehouseStorage;
import io.medallion.sink.parquet.ParquetRowWriter;
import io.medallion.sink.parquet.WrittenFile;
import io.medallion.sink.schema.TableSchema;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Tables on a temporary directory for unit tests. */
public final class TestTables {

    private TestTables() {
    }

    public static LakehouseStorage storage(java.nio.file.Path dir) {
        return new DeltaStandaloneStorage(dir.toUri(), new Configuration(), "medallion-test", 10);
    }

    public static ParquetRowWriter parquet() {
        return new ParquetRowWriter(new Configuration(), CompressionCodecName.SNAPPY, 8L * 1024 * 1024);
    }

    /** Writes rows of an unpartitioned table into a new file under {@code tableDir}. */
    public static DataFile dataFile(String tableDir, TableSchema schema, List<Object[]> rows) {
        String name = "part-" + UUID.randomUUID() + ".parquet";
        WrittenFile w = parquet().write(new Path(tableDir, name), schema, rows, Map.of());
        return new DataFile(name, Map.of(), w.sizeBytes(), w.modificationTime(), w.numRecords(), w.statsJson());
    }
}
