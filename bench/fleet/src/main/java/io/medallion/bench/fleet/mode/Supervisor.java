package io.medallion.bench.fleet.mode;

import io.medallion.bench.fleet.fleet.Host;
import io.medallion.bench.fleet.fleet.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Restarts any role whose process has exited, as Kubernetes restarts a pod: the harness's own
 * kills and services that gave up on their own (a FleetProcess exits when its service stays not
 * live, e.g. while the broker is down). Every restart is recorded. A restart that fails (the
 * service cannot start yet, e.g. its broker is still down) is retried until the supervisor closes.
 */
final class Supervisor implements AutoCloseable {

    /** One restart: when the process was found gone, when its replacement was ready. */
    record Restart(Role role, long foundDeadMs, long readyMs, boolean planned) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);
    private static final long RETRY_MS = 2_000;

    private final Host host;
    private final List<Role> roles;
    private final Console console;
    private final List<Restart> restarts = new ArrayList<>();
    private final List<Role> plannedKills = new ArrayList<>();
    private final java.util.Set<Role> restarting = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final List<Thread> workers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    Supervisor(Host host, List<Role> roles, Console console) {
        this.host = host;
        this.roles = List.copyOf(roles);
        this.console = console;
        this.thread = new Thread(this::watch, "harness-supervisor");
        thread.setDaemon(true);
        thread.start();
    }

    /** Kills a role with SIGKILL; the supervisor restarts it. */
    void kill(Role role) {
        synchronized (plannedKills) {
            plannedKills.add(role);
        }
        host.kill(role);
    }

    private void watch() {
        while (running) {
            for (Role role : roles) {
                if (!running) {
                    return;
                }
                // Each restart on its own thread: a JVM takes 10-20 s to start on a busy machine, and
                // one slow restart must not delay the next (after a broker kill several exit at once).
                if (!host.alive(role) && restarting.add(role)) {
                    Thread worker = new Thread(() -> {
                        try {
                            restart(role);
                        } finally {
                            restarting.remove(role);
                        }
                    }, "harness-restart-" + role.label());
                    worker.setDaemon(true);
                    workers.add(worker);
                    worker.start();
                }
            }
            sleep(250);
        }
    }

    private void restart(Role role) {
        long found = System.currentTimeMillis();
        boolean planned;
        synchronized (plannedKills) {
            planned = plannedKills.remove(role);
        }
        if (!planned) {
            console.progress("  " + role.label() + " exited on its own; restarting it");
        }
        while (running) {
            try {
                host.start(role);
                long ready = System.currentTimeMillis();
                synchronized (restarts) {
                    restarts.add(new Restart(role, found, ready, planned));
                }
                console.progress(String.format("  %s restarted, ready %.1f s after it was found gone", role.label(), (ready - found) / 1000.0));
                return;
            } catch (RuntimeException e) {
                LOG.warn("restarting {} failed; retrying", role.label(), e);
                console.progress("  restarting " + role.label() + " failed (" + e.getMessage() + "); retrying");
                sleep(RETRY_MS);
            }
        }
    }

    List<Restart> restarts() {
        synchronized (restarts) {
            return List.copyOf(restarts);
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(10_000);
            for (Thread w : workers) {
                w.join(200_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
