package io.medallion.bench.fleet.mode;

import io.medallion.bench.fleet.HarnessOptions;
import io.medallion.bench.fleet.fleet.Fleet;
import io.medallion.bench.fleet.fleet.FleetLayout;
import io.medallion.bench.fleet.fleet.Host;
import io.medallion.bench.fleet.fleet.HostKind;
import io.medallion.bench.fleet.fleet.InProcessHost;
import io.medallion.bench.fleet.fleet.ProcessHost;
import io.medallion.bench.fleet.fleet.Role;
import io.medallion.bench.fleet.fleet.SourceEndpoint;
import io.medallion.bench.fleet.load.KafkaFeed;
import io.medallion.bench.fleet.load.LoadDriver;
import io.medallion.bench.fleet.load.PostgresLoad;
import io.medallion.bench.fleet.measure.LagProbe;
import io.medallion.bench.fleet.measure.ProcessProbe;
import io.medallion.bench.fleet.measure.Sample;
import io.medallion.bench.fleet.measure.Sampler;
import io.medallion.bench.fleet.report.Machine;
import io.medallion.bench.fleet.source.AuditSlot;
import io.medallion.bench.fleet.source.SourceDatabase;
import io.medallion.silver.SilverConfig;
import io.medallion.sink.Layer;
import io.medallion.testkit.LocalResources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Everything one run needs, started in order and closed in reverse: its report and data
 * folders, the source database (with the audit slot when the checks need it), the fleet on the
 * chosen host, the load driver and the sampler.
 */
public final class RunContext implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunContext.class);
    /** Capture's default replication slot. */
    static final String CAPTURE_SLOT = "medallion";
    /** gold-kpi's default application id (GoldConfig has no constant for it). */
    static final String GOLD_APPLICATION_ID = "medallion-gold-kpi";

    final HarnessOptions options;
    final Console console;
    final Path reportDir;
    final Path work;
    final Machine machine = Machine.describe();
    final long startedAtMs = System.currentTimeMillis();
    final double loadAtStart = Machine.loadAverage();
    private final Thread shutdownHook = new Thread(this::close, "harness-shutdown");
    private boolean closed;
    SourceDatabase source;
    Connection sourceConnection;
    private Connection lagConnection;
    FleetLayout layout;
    Host host;
    Fleet fleet;
    ProcessProbe processes = new ProcessProbe();
    LoadDriver load;
    LagProbe lags;
    Sampler sampler;

    RunContext(HarnessOptions options, String name, Console console) {
        this.options = options;
        this.console = console;
        this.reportDir = options.reports().resolve(name).toAbsolutePath();
        this.work = options.work().resolve("medallion-bench-" + name).toAbsolutePath();
        try {
            Files.createDirectories(reportDir);
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create " + reportDir + " or " + work, e);
        }
        // Ctrl-C or SIGTERM: stop the child processes and PostgreSQL rather than orphan them.
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts the source (if any), the fleet, the load driver and the sampler. */
    void start(boolean withSource, boolean auditSlot) throws SQLException {
        console.progress("machine: " + machine.line() + "; load average " + String.format("%.1f", loadAtStart));
        console.progress("report in " + reportDir + ", data in " + work);
        Optional<SourceEndpoint> endpoint = Optional.empty();
        if (withSource) {
            console.progress("starting PostgreSQL and installing the shop schema ...");
            source = SourceDatabase.start(work.resolve("postgres"));
            sourceConnection = source.connect();
            if (auditSlot) {
                AuditSlot.create(sourceConnection);
            }
            endpoint = Optional.of(source.endpoint());
        }
        layout = FleetLayout.create(work, reportDir.resolve("logs"), options.partitions(), options.window(), options.grace(), endpoint);
        host = options.host() == HostKind.PROCESSES ? new ProcessHost(layout, options.jvmOptions(), processes) : new InProcessHost(layout);
        processes.attach(host, () -> source == null ? java.util.OptionalLong.empty() : source.postmasterPid());
        fleet = new Fleet(host, withSource ? Fleet.FROM_POSTGRES : Fleet.FROM_KAFKA);
        console.progress("starting the fleet (" + (host.kind() == HostKind.PROCESSES ? "one process per service" : "in this JVM")
                + "): " + fleet.roles().stream().map(Role::label).toList() + " ...");
        long began = System.nanoTime();
        fleet.start();
        console.progress("fleet running after " + (System.nanoTime() - began) / 1_000_000_000 + " s");
        load = withSource ? new PostgresLoad(source.endpoint(), Map.of()) : new KafkaFeed(layout.bootstrapServers(), layout.registryUrl());
        lagConnection = withSource ? source.connect() : null;
        lags = new LagProbe(layout.bootstrapServers(), groups(), lagConnection, CAPTURE_SLOT);
        sampler = new Sampler(lags, processes, load, options.sampleEvery());
    }

    /** Consumer groups by label: the Streams applications and the three sinks. */
    static Map<String, String> groups() {
        Map<String, String> g = new LinkedHashMap<>();
        g.put("silver", SilverConfig.DEFAULT_APPLICATION_ID);
        g.put("gold", GOLD_APPLICATION_ID);
        for (Layer layer : Layer.values()) {
            g.put("sink-" + layer.directory(), layer.defaultGroupId());
        }
        return g;
    }

    /** The lags of the latest sample, e.g. for a status line. */
    String lagLine() {
        return sampler.latest().map(s -> {
            StringBuilder b = new StringBuilder();
            s.lags().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> b.append(e.getKey()).append(' ')
                    .append(e.getKey().equals(Sample.SLOT) ? (e.getValue() / 1024) + " KiB" : String.format("%,d", e.getValue())).append(", "));
            return b.length() > 2 ? b.substring(0, b.length() - 2) : "no lags yet";
        }).orElse("no lags yet");
    }

    /**
     * Runs the load to its end, printing a status line every 10 s.
     *
     * @return false when the load driver failed
     */
    boolean runLoad(int rate, Duration duration, long seed, String label) {
        console.progress(label + ": " + String.format("%,d", rate) + " events/s for " + duration.toSeconds() + " s");
        load.start(rate, duration, seed);
        long began = System.currentTimeMillis();
        long lastStatus = began;
        while (!load.finished()) {
            if (load.failure().isPresent()) {
                console.progress("load generation failed: " + load.failure().get());
                return false;
            }
            sleep(200);
            long now = System.currentTimeMillis();
            if (now - lastStatus >= 10_000) {
                lastStatus = now;
                console.progress(String.format("  %3d s: %,d events, behind schedule %d ms | lag: %s", (now - began) / 1000,
                        load.events(), load.behindSchedule().toMillis(), lagLine()));
            }
        }
        return load.failure().isEmpty();
    }

    /** Waits until every consumer group's lag is at most {@code slack} on three samples in a row. */
    boolean awaitLagsBelow(long slack, Duration timeout) {
        return await(timeout, () -> {
            List<Sample> last = sampler.samples();
            if (last.size() < 3) {
                return false;
            }
            for (Sample s : last.subList(last.size() - 3, last.size())) {
                for (String group : groups().keySet()) {
                    Long lag = s.lags().get(group);
                    if (lag == null || lag > slack) {
                        return false;
                    }
                }
            }
            return true;
        });
    }

    /** Waits until capture has confirmed everything written to the WAL so far. */
    boolean awaitCaptureCaughtUp(Duration timeout) throws SQLException {
        long target;
        try (var s = sourceConnection.createStatement(); var rs = s.executeQuery("SELECT (pg_current_wal_lsn() - '0/0'::pg_lsn)::bigint")) {
            rs.next();
            target = rs.getLong(1);
        }
        return await(timeout, () -> {
            try (var ps = sourceConnection.prepareStatement("SELECT (confirmed_flush_lsn - '0/0'::pg_lsn)::bigint FROM pg_replication_slots WHERE slot_name = ?")) {
                ps.setString(1, CAPTURE_SLOT);
                try (var rs = ps.executeQuery()) {
                    return rs.next() && rs.getLong(1) >= target;
                }
            } catch (SQLException e) {
                return false;
            }
        });
    }

    static boolean await(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            sleep(500);
        }
        return condition.getAsBoolean();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    Path lake() {
        return layout.lake();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // Already shutting down: this is the hook.
        }
        if (sampler != null) {
            sampler.close();
        }
        if (load != null) {
            load.close();
        }
        if (fleet != null) {
            try {
                fleet.close();
            } catch (RuntimeException e) {
                LOG.warn("fleet did not stop cleanly", e);
            }
        }
        if (lags != null) {
            lags.close();
        }
        for (Connection c : new Connection[]{sourceConnection, lagConnection}) {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException e) {
                    LOG.debug("closing a source connection", e);
                }
            }
        }
        if (source != null) {
            source.close();
        }
        if (!options.keepData()) {
            LocalResources.deleteRecursively(work);
        }
    }
}
