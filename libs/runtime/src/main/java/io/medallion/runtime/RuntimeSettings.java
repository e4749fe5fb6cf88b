package io.medallion.runtime;

import io.medallion.common.config.Settings;

import java.time.Duration;
import java.util.List;

/**
 * Settings every Micronaut application of the fleet shares.
 *
 * @param shutdownTimeout bound on a graceful stop (SIGTERM): the service gets
 *                        {@link #serviceStopBudget()} of it to flush, commit and store offsets;
 *                        a standalone process that is still alive at the bound is halted
 * @param standalone      the application owns its JVM (started by {@link MedallionApplication}):
 *                        a failed start exits the process, a stuck stop is halted. False when
 *                        a test or another program starts the context.
 */
public record RuntimeSettings(Duration shutdownTimeout, boolean standalone) {

    /** Env {@code MEDALLION_SHUTDOWN_TIMEOUT}. */
    public static final String SHUTDOWN_TIMEOUT = "medallion.shutdown-timeout";
    /** Set by {@link MedallionApplication#run}; not meant to be set by hand. */
    public static final String STANDALONE = "medallion.runtime.standalone";
    public static final List<String> KEYS = List.of(SHUTDOWN_TIMEOUT, STANDALONE);
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    public static RuntimeSettings from(Settings settings) {
        return new RuntimeSettings(
                settings.duration(SHUTDOWN_TIMEOUT, DEFAULT_SHUTDOWN_TIMEOUT, Duration.ofSeconds(1), Duration.ofHours(1)),
                settings.bool(STANDALONE, false));
    }

    /** Four fifths of the bound: the rest is for the HTTP server and the JVM to stop. */
    public Duration serviceStopBudget() {
        return shutdownTimeout.multipliedBy(4).dividedBy(5);
    }
}
