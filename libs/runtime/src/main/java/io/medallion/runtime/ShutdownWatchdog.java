package io.medallion.runtime;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;

/**
 * Bounds a standalone process's stop: once the JVM begins to shut down (SIGTERM), a daemon
 * thread halts it if it is still alive after {@link RuntimeSettings#shutdownTimeout()}.
 * Daemon, so a shutdown that finishes in time is never held up by it.
 */
@Context
@Requires(property = RuntimeSettings.STANDALONE, value = "true")
final class ShutdownWatchdog {

    /** Exit status of a halted process, as for any abnormal end. */
    static final int HALT_STATUS = 1;

    ShutdownWatchdog(RuntimeSettings settings) {
        long millis = settings.shutdownTimeout().toMillis();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Thread halter = new Thread(() -> {
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    return;
                }
                // Logging may already be stopped.
                System.err.println("Shutdown took longer than " + RuntimeSettings.SHUTDOWN_TIMEOUT + "=" + settings.shutdownTimeout()
                        + "; halting");
                Runtime.getRuntime().halt(HALT_STATUS);
            }, "medallion-shutdown-watchdog");
            halter.setDaemon(true);
            halter.start();
        }, "medallion-shutdown-watchdog-hook"));
    }
}
