package io.medallion.runtime;

import io.medallion.common.lifecycle.Health;
import io.medallion.common.lifecycle.ManagedService;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the application's one {@link ManagedService}: starts it in the background once the HTTP
 * server listens (so health answers while Streams joins its group or Debezium snapshots),
 * reports its health with the start's outcome folded in, and stops it within the shutdown bound
 * when the context closes (SIGTERM).
 *
 * <p>A start that throws (an unreachable database, a wrong password: the service names the
 * setting) makes the service not live; a standalone process then exits with status 1.
 */
@Context
@Requires(beans = ManagedService.class)
public final class ServiceRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceRunner.class);

    /** Where the runner is with its service. */
    public enum Phase { WAITING, STARTING, RUNNING, START_FAILED, STOPPING, STOPPED }

    private final ManagedService service;
    private final RuntimeSettings settings;
    private volatile Phase phase = Phase.WAITING;
    private volatile Throwable startFailure;

    ServiceRunner(ManagedService service, RuntimeSettings settings) {
        this.service = service;
        this.settings = settings;
    }

    public String name() {
        return service.name();
    }

    public Phase phase() {
        return phase;
    }

    @EventListener
    void onServerStarted(ServerStartupEvent event) {
        start();
    }

    /** Starts the service on its own thread, once. */
    public synchronized void start() {
        if (phase != Phase.WAITING) {
            return;
        }
        phase = Phase.STARTING;
        Thread starter = new Thread(this::startService, "medallion-start");
        starter.setDaemon(true);
        starter.start();
    }

    private void startService() {
        LOG.info("Starting {}", service.name());
        try {
            service.start();
            synchronized (this) {
                if (phase == Phase.STARTING) {
                    phase = Phase.RUNNING;
                }
            }
            LOG.info("{} started", service.name());
        } catch (Throwable e) {
            startFailure = e;
            synchronized (this) {
                if (phase == Phase.STARTING) {
                    phase = Phase.START_FAILED;
                }
            }
            LOG.error("{} failed to start: {}", service.name(), e.getMessage(), e);
            if (settings.standalone()) {
                System.exit(1);
            }
        }
    }

    /** The service's own health, not ready before its start returned and not live if the start failed. */
    public Health health() {
        Health h = service.health();
        Phase p = phase;
        Map<String, Object> details = new LinkedHashMap<>(h.details());
        details.put("phase", p.name());
        Throwable failed = startFailure;
        if (failed != null) {
            details.put("error", String.valueOf(failed.getMessage()));
            return new Health(false, false, h.state(), details);
        }
        return new Health(h.live(), h.ready() && p == Phase.RUNNING, h.state(), details);
    }

    /**
     * Stops the service (flush, commit, offsets), waiting at most the stop budget. A stop that
     * overruns is reported and left to the JVM's exit.
     */
    @PreDestroy
    public void close() {
        synchronized (this) {
            if (phase == Phase.STOPPING || phase == Phase.STOPPED) {
                return;
            }
            phase = Phase.STOPPING;
        }
        Duration budget = settings.serviceStopBudget();
        LOG.info("Stopping {} (at most {})", service.name(), budget);
        long began = System.nanoTime();
        Thread stopper = new Thread(this::closeService, "medallion-stop");
        stopper.start();
        try {
            stopper.join(budget.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stopper.isAlive()) {
            LOG.error("{} did not stop within {}; leaving it to the process exit (a restart resumes from the last commit)",
                    service.name(), budget);
        } else {
            LOG.info("{} stopped in {} ms", service.name(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
        }
        phase = Phase.STOPPED;
    }

    private void closeService() {
        try {
            service.close();
        } catch (RuntimeException e) {
            LOG.error("{} failed while stopping", service.name(), e);
        }
    }
}
