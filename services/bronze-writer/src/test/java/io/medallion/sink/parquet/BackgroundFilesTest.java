package io.medallion.sink.parquet;

import io.medallion.sink.TestTables;
import io.medallion.sink.schema.Column;
import io.medallion.sink.schema.ColumnType;
import io.medallion.sink.schema.TableSchema;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackgroundFilesTest {

    private static final TableSchema SCHEMA = TableSchema.unpartitioned(List.of(Column.optional("n", ColumnType.Primitive.LONG)));

    @TempDir
    java.nio.file.Path dir;

    @Test
    void rows_handed_over_in_chunks_are_written_in_order_on_the_writer_thread() {
        try (BackgroundFiles files = new BackgroundFiles(TestTables.parquet(), "test-files")) {
            BackgroundFiles.Streamed s = files.open(new Path(dir.toUri().toString(), "a.parquet"), SCHEMA, Map.of(), Set.of());
            for (int c = 0; c < 3; c++) {
                List<Object[]> chunk = new ArrayList<>();
                for (long i = 0; i < 1000; i++) {
                    chunk.add(new Object[]{c * 1000 + i});
                }
                s.append(chunk);
            }

            WrittenFile w = s.finish();

            assertThat(w.numRecords()).isEqualTo(3000);
            List<Long> read = new ArrayList<>();
            new ParquetRowReader(new Configuration()).read(new Path(w.uri()), SCHEMA, r -> read.add((Long) r[0]));
            assertThat(read).hasSize(3000).isSorted();
            assertThat(w.statsJson()).contains("\"minValues\":{\"n\":0}", "\"maxValues\":{\"n\":2999}");
        }
    }

    @Test
    void an_aborted_file_is_deleted_and_a_write_error_surfaces_at_finish() {
        try (BackgroundFiles files = new BackgroundFiles(TestTables.parquet(), "test-files")) {
            BackgroundFiles.Streamed s = files.open(new Path(dir.toUri().toString(), "b.parquet"), SCHEMA, Map.of(), Set.of());
            s.append(List.<Object[]>of(new Object[]{1L}));
            s.abort();
            assertThat(dir.resolve("b.parquet")).doesNotExist();

            BackgroundFiles.Streamed bad = files.open(new Path(dir.toUri().toString(), "c.parquet"), SCHEMA, Map.of(), Set.of());
            bad.append(List.<Object[]>of(new Object[]{"not a long"}));
            assertThatThrownBy(bad::finish).isInstanceOf(ClassCastException.class);
        }
    }
}
