package io.medallion.bench.capture;

import io.medallion.capture.CaptureConfig;
import io.medallion.capture.CaptureService;
import io.medallion.capture.metrics.CaptureMetrics;
import io.medallion.common.config.Settings;
import io.medallion.registry.server.RegistryServer;
import io.medallion.registry.server.RegistryServerConfig;
import io.medallion.testkit.kafka.EmbeddedKafkaBroker;
import io.medallion.testkit.postgres.EmbeddedPostgresServer;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How fast cdc-capture moves changes from PostgreSQL into Kafka on this machine, with database,
 * broker and registry all local.
 *
 * <ol>
 *   <li>Throughput: {@code --rows} clickstream rows are committed while capture is stopped (its
 *   slot holds the WAL), then capture starts and drains them; the rate is rows over the time from
 *   the first to the last acknowledged change.</li>
 *   <li>Latency: an open-loop writer commits at {@code --latency-rate} rows/s (default: half the
 *   measured throughput) for {@code --latency-seconds}; capture's own timer gives source commit to
 *   Kafka acknowledgement, p50 and p99.</li>
 * </ol>
 * Prints the figures with CPU and memory; asserts nothing. {@code --profile} samples the
 * throughput phase with JFR and prints the hottest frames.
 */
public final class CaptureBench {

    private static final String DB = "bench";
    private static final String INSERT_BATCH = "INSERT INTO shop.web_events"
            + " (event_id, user_id, product_id, event_type, price, quantity, currency, ts, country, device, campaign)"
            + " SELECT 'ev-' || g, 'user-' || (g % 5000), 'p-' || (g % 300), 'page_view', 19.990, 1 + g % 3, 'EUR',"
            + " now(), 'DE', 'mobile', 'spring' FROM generate_series(?::bigint, ?::bigint) g";

    private CaptureBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = parse(args);
        long rows = Long.parseLong(opts.getOrDefault("rows", "400000"));
        int txRows = Integer.parseInt(opts.getOrDefault("tx-rows", "1000"));
        int latencySeconds = Integer.parseInt(opts.getOrDefault("latency-seconds", "30"));
        boolean profile = opts.containsKey("profile");
        ResourceMeter meter = new ResourceMeter();

        System.out.printf("cdc-capture benchmark: %,d rows (%,d per transaction), %d cores, Java %s%n",
                rows, txRows, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.builder().start();
             EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().start();
             RegistryServer registry = RegistryServer.start(RegistryServerConfig.inMemory())) {
            pg.createDatabase(DB);
            applyDdl(pg);
            Map<String, String> settings = settings(pg, kafka, registry);

            // Creates the slot and stores a streaming offset (one captured row), so the next start
            // streams the rows below from the slot's WAL instead of snapshotting them.
            try (CaptureService prime = new CaptureService(CaptureConfig.from(Settings.of(settings)), new SimpleMeterRegistry())) {
                prime.start();
                sql(pg, "INSERT INTO shop.warehouses (code, name, country, city, capacity) VALUES ('W0', 'bench', 'DE', 'Kiel', 1)");
                if (!prime.awaitCaughtUp(Duration.ofSeconds(120))) {
                    throw new IllegalStateException("capture did not reach streaming within 120 s");
                }
            }
            long loadStart = System.nanoTime();
            preload(pg, rows, txRows);
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            System.out.printf("preload: %,d rows committed in %.1f s (%,.0f rows/s) while capture was stopped%n",
                    rows, loadSeconds, rows / loadSeconds);

            double throughput = drain(settings, rows, meter, profile);

            long latencyRate = Long.parseLong(opts.getOrDefault("latency-rate", Long.toString(Math.round(throughput / 2))));
            latency(pg, settings, latencyRate, latencySeconds, meter);
        }
    }

    /** Phase 1: start capture on a full slot and time the drain. */
    private static double drain(Map<String, String> settings, long rows, ResourceMeter meter, boolean profile) throws Exception {
        Recording recording = profile ? startProfile() : null;
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ResourceMeter.Sample before = meter.sample();
        long firstNanos = 0;
        long lastNanos;
        long startNanos = System.nanoTime();
        try (CaptureService capture = new CaptureService(CaptureConfig.from(Settings.of(settings)), meters)) {
            capture.start();
            long startedNanos = System.nanoTime();
            while (true) {
                long n = capture.stats().changesPerTable().getOrDefault("shop.web_events", 0L);
                long now = System.nanoTime();
                if (n > 0 && firstNanos == 0) {
                    firstNanos = now;
                }
                if (n >= rows) {
                    lastNanos = now;
                    break;
                }
                if (now - startNanos > TimeUnit.MINUTES.toNanos(15)) {
                    throw new IllegalStateException("capture did not drain " + rows + " rows in 15 minutes (got " + n + ")");
                }
                Thread.sleep(20);
            }
            ResourceMeter.Sample after = meter.sample();
            double drainSeconds = (lastNanos - firstNanos) / 1e9;
            double rate = rows / drainSeconds;
            System.out.printf("THROUGHPUT: %,.0f changes/s PostgreSQL -> Kafka (%,d changes in %.2f s, first to last ack;"
                            + " engine start took %.2f s; %,.0f/s including start) target >= 20,000/s%n",
                    rate, rows, drainSeconds, (startedNanos - startNanos) / 1e9, rows / ((lastNanos - startNanos) / 1e9));
            System.out.println("  " + meter.describe(before, after));
        }
        if (recording != null) {
            printProfile(recording);
        }
        return rows / ((lastNanos - firstNanos) / 1e9);
    }

    /** Phase 2: open-loop writes at a fixed rate; capture's timer measures commit to ack. */
    private static void latency(EmbeddedPostgresServer pg, Map<String, String> settings, long rate, int seconds, ResourceMeter meter)
            throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (CaptureService capture = new CaptureService(CaptureConfig.from(Settings.of(settings)), meters)) {
            capture.start();
            capture.awaitCaughtUp(Duration.ofSeconds(60));
            long before = capture.stats().changes();
            ResourceMeter.Sample start = meter.sample();
            AtomicLong written = new AtomicLong();
            AtomicBoolean behind = new AtomicBoolean();
            writeOpenLoop(pg, rate, Duration.ofSeconds(seconds), written, behind);
            capture.awaitCaughtUp(Duration.ofSeconds(60));
            ResourceMeter.Sample end = meter.sample();
            Timer lag = meters.get(CaptureMetrics.LAG).timer();
            double p50 = 0;
            double p99 = 0;
            for (ValueAtPercentile v : lag.takeSnapshot().percentileValues()) {
                if (v.percentile() == 0.5) {
                    p50 = v.value(TimeUnit.MILLISECONDS);
                } else if (v.percentile() == 0.99) {
                    p99 = v.value(TimeUnit.MILLISECONDS);
                }
            }
            System.out.printf("LATENCY at %,d rows/s offered (%,d written in %d s%s, %,d captured): source commit -> Kafka ack"
                            + " p50 %.0f ms, p99 %.0f ms, max %.0f ms over %,d changes; target p99 < 500 ms%n",
                    rate, written.get(), seconds, behind.get() ? ", the writer fell behind its schedule" : "",
                    capture.stats().changes() - before, p50, p99, lag.max(TimeUnit.MILLISECONDS), lag.count());
            System.out.println("  " + meter.describe(start, end));
        }
    }

    /**
     * Commits every 10 ms the rows due by then: open loop, the schedule does not wait for the
     * database (a late tick is made up at once, so a slow database sees the same demand).
     */
    private static void writeOpenLoop(EmbeddedPostgresServer pg, long rate, Duration duration, AtomicLong written,
                                      AtomicBoolean behind) throws SQLException, InterruptedException {
        long tickNanos = TimeUnit.MILLISECONDS.toNanos(10);
        long begin = System.nanoTime();
        long end = begin + duration.toNanos();
        long next = 1_000_000_000L;
        try (Connection c = pg.connect(DB); PreparedStatement ps = c.prepareStatement(INSERT_BATCH)) {
            c.setAutoCommit(false);
            for (long tick = 1; ; tick++) {
                long due = begin + tick * tickNanos;
                if (due > end) {
                    return;
                }
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } else if (-wait > 10 * tickNanos) {
                    behind.set(true);
                }
                long target = rate * (due - begin) / 1_000_000_000L;
                long n = target - written.get();
                if (n > 0) {
                    ps.setLong(1, next);
                    ps.setLong(2, next + n - 1);
                    ps.executeUpdate();
                    c.commit();
                    next += n;
                    written.addAndGet(n);
                }
            }
        }
    }

    private static void preload(EmbeddedPostgresServer pg, long rows, int txRows) throws SQLException {
        try (Connection c = pg.connect(DB); PreparedStatement ps = c.prepareStatement(INSERT_BATCH)) {
            c.setAutoCommit(false);
            for (long from = 1; from <= rows; from += txRows) {
                ps.setLong(1, from);
                ps.setLong(2, Math.min(rows, from + txRows - 1));
                ps.executeUpdate();
                c.commit();
            }
        }
    }

    private static void sql(EmbeddedPostgresServer pg, String sql) throws SQLException {
        try (Connection c = pg.connect(DB); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static Map<String, String> settings(EmbeddedPostgresServer pg, EmbeddedKafkaBroker kafka, RegistryServer registry) {
        Map<String, String> m = new HashMap<>();
        m.put(CaptureConfig.HOST, pg.host());
        m.put(CaptureConfig.PORT, Integer.toString(pg.port()));
        m.put(CaptureConfig.NAME, DB);
        m.put(CaptureConfig.USER, pg.user());
        m.put(CaptureConfig.PASSWORD, pg.password());
        m.put(CaptureConfig.KAFKA_BOOTSTRAP, kafka.bootstrapServers());
        m.put(CaptureConfig.REGISTRY_URL, registry.url().toString());
        m.put(CaptureConfig.HEARTBEAT_INTERVAL, "1s");
        return m;
    }

    private static void applyDdl(EmbeddedPostgresServer pg) throws IOException, SQLException {
        try (InputStream in = CaptureBench.class.getResourceAsStream("/db/shop-schema.sql");
             Connection c = pg.connect(DB); Statement s = c.createStatement()) {
            if (in == null) {
                throw new IllegalStateException("db/shop-schema.sql (medallion-loadgen) not on the classpath");
            }
            s.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static Recording startProfile() {
        Recording r = new Recording();
        r.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
        r.start();
        return r;
    }

    /** Top frames of the sampled threads: where the throughput phase spent its CPU. */
    private static void printProfile(Recording recording) throws IOException {
        recording.stop();
        Path file = Files.createTempFile("capture-bench-", ".jfr");
        recording.dump(file);
        recording.close();
        Map<String, Long> topFrames = new HashMap<>();
        Map<String, Long> threads = new HashMap<>();
        long total = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null
                    || e.getStackTrace().getFrames().isEmpty()) {
                continue;
            }
            total++;
            RecordedFrame top = e.getStackTrace().getFrames().get(0);
            topFrames.merge(top.getMethod().getType().getName() + "." + top.getMethod().getName(), 1L, Long::sum);
            String thread = e.getThread("sampledThread") == null ? "?" : e.getThread("sampledThread").getJavaName();
            threads.merge(thread == null ? "?" : thread.replaceAll("-\\d+$", "-N"), 1L, Long::sum);
        }
        long samples = total;
        System.out.printf("PROFILE (JFR, %,d samples; %s)%n  busiest threads:%n", samples, file);
        threads.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                .forEach(en -> System.out.printf(Locale.ROOT, "    %5.1f%%  %s%n", 100.0 * en.getValue() / samples, en.getKey()));
        System.out.println("  hottest methods (self):");
        topFrames.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(15)
                .forEach(en -> System.out.printf(Locale.ROOT, "    %5.1f%%  %s%n", 100.0 * en.getValue() / samples, en.getKey()));
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]
                        + "; options: --rows N --tx-rows N --latency-rate N --latency-seconds N --profile");
            }
            String name = args[i].substring(2);
            if (name.equals("profile")) {
                m.put(name, "true");
            } else {
                m.put(name, args[++i]);
            }
        }
        return m;
    }
}
