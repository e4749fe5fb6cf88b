package io.medallion.bench.fleet.fleet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * One JVM per role ({@link FleetProcess}), started with this JVM's classpath, the role's settings
 * in a file and its own log. {@link #kill} is SIGKILL ({@link Process#destroyForcibly()} on
 * Linux); a restart reuses the settings, hence the same ports and data folders.
 */
public final class ProcessHost implements Host {

    /** Told when a role's process starts and just before the harness ends it, e.g. to read its final CPU time. */
    public interface Listener {
        void started(Role role, long pid);

        void ending(Role role, long pid);
    }

    private static final Logger LOG = LoggerFactory.getLogger(ProcessHost.class);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);

    private final FleetLayout layout;
    private final List<String> jvmOptions;
    private final Listener listener;
    private final Map<Role, Process> processes = new LinkedHashMap<>();
    private int starts;

    public ProcessHost(FleetLayout layout, List<String> jvmOptions, Listener listener) {
        this.layout = layout;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.listener = listener;
    }

    @Override
    public HostKind kind() {
        return HostKind.PROCESSES;
    }

    @Override
    public void start(Role role) {
        Path settings = writeSettings(role);
        Path ready;
        Process process;
        synchronized (this) {
            Process old = processes.get(role);
            if (old != null && old.isAlive()) {
                throw new IllegalStateException(role.label() + " is already running (pid " + old.pid() + ")");
            }
            ready = layout.work().resolve("ready").resolve(role.label() + "." + (++starts));
            process = launch(role, settings, ready);
            processes.put(role, process);
        }
        listener.started(role, process.pid());
        awaitReady(role, process, ready);
    }

    private Process launch(Role role, Path settings, Path ready) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Dbench.log=" + log(role));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(FleetProcess.class.getName());
        command.add(role.label());
        command.add(settings.toString());
        command.add(ready.toString());
        try {
            Files.createDirectories(ready.getParent());
            Files.deleteIfExists(ready);
            Path out = layout.logs().resolve(role.label() + ".out");
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the " + role.label() + " process", e);
        }
    }

    private void awaitReady(Role role, Process process, Path ready) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!Files.exists(ready)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(role.label() + " exited with status " + process.exitValue()
                        + " while starting; see " + log(role) + " and " + layout.logs().resolve(role.label() + ".out"));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(role.label() + " did not start within " + START_TIMEOUT + "; see " + log(role));
            }
            sleep(50);
        }
        LOG.info("{} running as pid {}", role.label(), process.pid());
    }

    @Override
    public void stop(Role role) {
        Process p;
        synchronized (this) {
            p = processes.remove(role);
        }
        if (p == null) {
            return;
        }
        listener.ending(role, p.pid());
        p.destroy();
        try {
            if (!p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("{} did not stop within {} after SIGTERM; killing it", role.label(), STOP_TIMEOUT);
                p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }

    @Override
    public void kill(Role role) {
        Process p;
        synchronized (this) {
            p = processes.get(role);
        }
        if (p == null || !p.isAlive()) {
            throw new IllegalStateException(role.label() + " is not running");
        }
        listener.ending(role, p.pid());
        p.destroyForcibly();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(role.label() + " (pid " + p.pid() + ") survived SIGKILL for 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("{} (pid {}) killed with SIGKILL", role.label(), p.pid());
    }

    @Override
    public synchronized boolean alive(Role role) {
        Process p = processes.get(role);
        return p != null && p.isAlive();
    }

    @Override
    public synchronized OptionalLong pid(Role role) {
        Process p = processes.get(role);
        return p != null && p.isAlive() ? OptionalLong.of(p.pid()) : OptionalLong.empty();
    }

    @Override
    public synchronized List<Role> running() {
        return List.copyOf(processes.keySet());
    }

    @Override
    public void close() {
        List<Role> roles = new ArrayList<>(running());
        Collections.reverse(roles);
        for (Role role : roles) {
            stop(role);
        }
    }

    /** The role's log file (the service's own logging). */
    public Path log(Role role) {
        return layout.logs().resolve(role.label() + ".log");
    }

    private Path writeSettings(Role role) {
        Path file = layout.work().resolve("settings").resolve(role.label() + ".properties");
        Properties props = new Properties();
        props.putAll(layout.settings(role));
        try {
            Files.createDirectories(file.getParent());
            try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                props.store(out, role.label() + " settings, written by the harness");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
        return file;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
