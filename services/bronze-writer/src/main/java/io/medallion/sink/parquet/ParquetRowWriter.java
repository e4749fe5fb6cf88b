package io.medallion.sink.parquet;

import io.medallion.sink.schema.TableSchema;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Writes table rows into one new Parquet file and returns what a Delta {@code add} action needs.
 * A file is created, never overwritten: a name clash is an error, not a silent replacement.
 */
public final class ParquetRowWriter {

    private final Configuration conf;
    private final CompressionCodecName codec;
    private final long rowGroupBytes;

    public ParquetRowWriter(Configuration conf, CompressionCodecName codec, long rowGroupBytes) {
        this.conf = conf;
        this.codec = codec;
        this.rowGroupBytes = rowGroupBytes;
    }

    /**
     * @param rows full table rows (partition columns included, ignored here)
     */
    public WrittenFile write(Path file, TableSchema schema, Iterable<Object[]> rows, Map<String, String> fileMetadata) {
        return write(file, schema, sink -> rows.forEach(sink), fileMetadata, Set.of());
    }

    /** @param plainColumns columns whose values are (nearly) all distinct: no dictionary, which would only be discarded */
    public WrittenFile write(Path file, TableSchema schema, Iterable<Object[]> rows, Map<String, String> fileMetadata,
                             Set<String> plainColumns) {
        return write(file, schema, sink -> rows.forEach(sink), fileMetadata, plainColumns);
    }

    /**
     * @param rows hands full table rows to the given sink, e.g. while reading other files, so
     *             a large file is written without holding all its rows in memory
     */
    public WrittenFile write(Path file, TableSchema schema, Consumer<Consumer<Object[]>> rows, Map<String, String> fileMetadata,
                             Set<String> plainColumns) {
        OpenFile open = open(file, schema, fileMetadata, plainColumns);
        try {
            rows.accept(open::append);
        } catch (RuntimeException e) {
            open.abort();
            throw e;
        }
        return open.finish();
    }

    /** Starts a file that rows are appended to one by one; {@link OpenFile#finish()} completes it. */
    public OpenFile open(Path file, TableSchema schema, Map<String, String> fileMetadata, Set<String> plainColumns) {
        int[] positions = schema.dataColumnPositions();
        RowWriteSupport support = new RowWriteSupport(schema.dataColumns(), positions, fileMetadata);
        try {
            return new OpenFile(file, schema, builder(file, support, plainColumns).build(),
                    new FileStats(schema.dataColumns(), positions));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
    }

    /** A data file being written. Not thread-safe. */
    public final class OpenFile {
        private final Path file;
        private final TableSchema schema;
        private final ParquetWriter<Object[]> writer;
        private final FileStats stats;

        private OpenFile(Path file, TableSchema schema, ParquetWriter<Object[]> writer, FileStats stats) {
            this.file = file;
            this.schema = schema;
            this.writer = writer;
            this.stats = stats;
        }

        public Path path() {
            return file;
        }

        /** The schema the file is written with. */
        public TableSchema schema() {
            return schema;
        }

        public void append(Object[] row) {
            try {
                writer.write(row);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
            stats.add(row);
        }

        public WrittenFile finish() {
            try {
                writer.close();
                FileStatus status = file.getFileSystem(conf).getFileStatus(file);
                return new WrittenFile(file.toString(), status.getLen(), status.getModificationTime(),
                        stats.records(), stats.toJson());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot complete " + file, e);
            }
        }

        /** Closes and deletes the file: it was never part of a table version. */
        public void abort() {
            try {
                writer.close();
            } catch (IOException | RuntimeException e) {
                // The file is being thrown away; a failure to close it changes nothing.
            }
            try {
                file.getFileSystem(conf).delete(file, false);
            } catch (IOException e) {
                // Left behind it is an orphan, which VACUUM removes.
            }
        }
    }

    private Builder builder(Path file, RowWriteSupport support, Set<String> plainColumns) throws IOException {
        Builder builder = new Builder(HadoopOutputFile.fromPath(file, conf), support)
                .withConf(conf)
                .withWriteMode(ParquetFileWriter.Mode.CREATE)
                .withCompressionCodec(codec)
                .withRowGroupSize(rowGroupBytes)
                .withSizeStatisticsEnabled(false);
        plainColumns.forEach(c -> builder.withDictionaryEncoding(c, false));
        return builder;
    }

    private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {
        private final WriteSupport<Object[]> support;

        Builder(HadoopOutputFile file, WriteSupport<Object[]> support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        // Still the abstract method in parquet 1.16; its ParquetConfiguration twin is only a default.
        @SuppressWarnings("deprecation")
        @Override
        protected WriteSupport<Object[]> getWriteSupport(Configuration conf) {
            return support;
        }
    }
}
