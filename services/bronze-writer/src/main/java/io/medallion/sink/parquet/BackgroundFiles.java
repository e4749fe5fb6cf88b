package io.medallion.sink.parquet;

import io.medallion.sink.schema.TableSchema;
import org.apache.hadoop.fs.Path;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes data files on a thread of their own while the poll thread keeps decoding: Parquet
 * encoding is the larger half of the work per row, so the two run on separate cores. Files are
 * written in the order rows were handed over; an error surfaces at {@link Streamed#finish()}.
 */
public final class BackgroundFiles implements AutoCloseable {

    private final ParquetRowWriter writer;
    private final ExecutorService executor;

    /**
     * @param threadName the writer thread's name, or null to write on the caller's thread (tests)
     */
    public BackgroundFiles(ParquetRowWriter writer, String threadName) {
        this.writer = writer;
        this.executor = threadName == null ? null : Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    public ParquetRowWriter writer() {
        return writer;
    }

    /** Starts a file; rows go in with {@link Streamed#append}. */
    public Streamed open(Path file, TableSchema schema, Map<String, String> fileMetadata, Set<String> plainColumns) {
        return new Streamed(submit(() -> writer.open(file, schema, fileMetadata, plainColumns)), schema);
    }

    /** A file being written in the background. Used by one thread at a time. */
    public final class Streamed {
        private final TableSchema schema;
        private Future<ParquetRowWriter.OpenFile> file;

        private Streamed(Future<ParquetRowWriter.OpenFile> file, TableSchema schema) {
            this.file = file;
            this.schema = schema;
        }

        public TableSchema schema() {
            return schema;
        }

        /** Hands rows over; the caller must not change them afterwards. */
        public void append(List<Object[]> rows) {
            Future<ParquetRowWriter.OpenFile> previous = file;
            file = submit(() -> {
                ParquetRowWriter.OpenFile f = get(previous);
                rows.forEach(f::append);
                return f;
            });
        }

        /** Waits for every row to be written and completes the file. */
        public WrittenFile finish() {
            Future<ParquetRowWriter.OpenFile> last = file;
            return get(submit(() -> get(last).finish()));
        }

        /** Discards the file (never committed): closes and deletes it. */
        public void abort() {
            Future<ParquetRowWriter.OpenFile> last = file;
            try {
                get(submit(() -> {
                    get(last).abort();
                    return null;
                }));
            } catch (RuntimeException e) {
                // The file failed to open or write: nothing to keep either way.
            }
        }
    }

    private <T> Future<T> submit(java.util.concurrent.Callable<T> task) {
        if (executor == null) {
            try {
                return CompletableFuture.completedFuture(task.call());
            } catch (Exception e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        return executor.submit(task);
    }

    private static <T> T get(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing a data file", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
