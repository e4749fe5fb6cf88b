package io.medallion.testkit.kafka;

import io.medallion.testkit.LocalResources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A temporary broker data directory that this JVM owns, shown by a lock on its
 * {@value #OWNER_FILE} held until {@link #close()}. A JVM that dies without closing its broker
 * (kill -9, a test runner's timeout) leaves the directory behind, often hundreds of MB; the next
 * broker created anywhere on the machine deletes every such directory whose owner lock is free.
 */
final class TempDataDirectory implements AutoCloseable {

    static final String PREFIX = "medallion-kafka-";
    static final String OWNER_FILE = ".medallion-owner";
    /** A directory without an owner file may be one being created right now; only old ones go. */
    private static final Duration UNOWNED_GRACE = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(TempDataDirectory.class);
    /**
     * Directories this JVM owns. Their owner files are never opened by the sweep: closing any
     * channel on a file drops every lock this process holds on it (POSIX record locks).
     */
    private static final Set<Path> OWNED = ConcurrentHashMap.newKeySet();

    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;

    private TempDataDirectory(Path path, FileChannel channel, FileLock lock) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
    }

    static TempDataDirectory create() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        sweepAbandoned(tmp);
        try {
            Path dir = Files.createTempDirectory(tmp, PREFIX);
            OWNED.add(dir);
            FileChannel channel = FileChannel.open(dir.resolve(OWNER_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            return new TempDataDirectory(dir, channel, channel.lock());
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a Kafka data directory in " + tmp, e);
        }
    }

    Path path() {
        return path;
    }

    /** Releases ownership and deletes the directory. */
    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            LOG.debug("could not release {}", path, e);
        }
        LocalResources.deleteRecursively(path);
        OWNED.remove(path);
    }

    static void sweepAbandoned(Path tmp) {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, PREFIX + "*")) {
            for (Path dir : dirs) {
                if (Files.isDirectory(dir) && abandoned(dir)) {
                    LOG.info("Deleting the abandoned Kafka data directory {}", dir);
                    LocalResources.deleteRecursively(dir);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // Sweeping is housekeeping: a directory that cannot be read or deleted stays.
            LOG.warn("Could not sweep abandoned Kafka data directories in {}", tmp, e);
        }
    }

    private static boolean abandoned(Path dir) throws IOException {
        if (OWNED.contains(dir)) {
            return false;
        }
        Path owner = dir.resolve(OWNER_FILE);
        if (Files.exists(owner)) {
            return !locked(owner);
        }
        // No owner file: being created right now, or made by an older testkit. Kafka's own lock
        // tells whether a broker still runs in it.
        Path kafkaLock = dir.resolve(".lock");
        return Files.getLastModifiedTime(dir).toInstant().isBefore(Instant.now().minus(UNOWNED_GRACE))
                && !(Files.exists(kafkaLock) && locked(kafkaLock));
    }

    /** Whether another process holds a lock on the file. */
    private static boolean locked(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock();
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (OverlappingFileLockException heldByThisJvm) {
            return true;
        }
    }
}
