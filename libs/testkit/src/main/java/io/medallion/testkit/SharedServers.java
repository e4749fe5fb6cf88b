package io.medallion.testkit;

import io.medallion.testkit.kafka.EmbeddedKafkaBroker;
import io.medallion.testkit.postgres.EmbeddedPostgresServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Kafka broker and one PostgreSQL server per JVM, started on first use and stopped by a
 * shutdown hook, so every {@code *IT} of a module shares them. Tests isolate themselves by
 * unique topic, consumer group and database names; they never stop these servers (a test
 * that needs to kill a broker starts its own {@link EmbeddedKafkaBroker}).
 */
public final class SharedServers {

    private static final Logger LOG = LoggerFactory.getLogger(SharedServers.class);

    private static EmbeddedKafkaBroker kafka;
    private static EmbeddedPostgresServer postgres;
    private static boolean hookInstalled;

    private SharedServers() {
    }

    /** The JVM's shared broker, started on the first call. */
    public static synchronized EmbeddedKafkaBroker kafka() {
        if (kafka == null) {
            installShutdownHook();
            kafka = EmbeddedKafkaBroker.builder().start();
        }
        return kafka;
    }

    /** The JVM's shared PostgreSQL server, started on the first call. */
    public static synchronized EmbeddedPostgresServer postgres() {
        if (postgres == null) {
            installShutdownHook();
            postgres = EmbeddedPostgresServer.builder().start();
        }
        return postgres;
    }

    private static void installShutdownHook() {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(SharedServers::stopAll, "medallion-shared-servers-stop"));
            hookInstalled = true;
        }
    }

    private static synchronized void stopAll() {
        if (kafka != null) {
            closeQuietly("Kafka broker", kafka);
            kafka = null;
        }
        if (postgres != null) {
            closeQuietly("PostgreSQL", postgres);
            postgres = null;
        }
    }

    private static void closeQuietly(String what, AutoCloseable server) {
        try {
            server.close();
        } catch (Exception e) {
            // The JVM is exiting: report and carry on stopping the other server.
            LOG.warn("Could not stop the shared {}", what, e);
        }
    }
}
