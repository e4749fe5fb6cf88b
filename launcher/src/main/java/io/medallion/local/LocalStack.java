package io.medallion.local;

import io.medallion.common.lifecycle.Health;
import io.medallion.local.StackComponent.Role;
import io.medallion.sink.Layer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The whole fleet in one process. Components start in the order of {@link #stages}, each from
 * what the earlier ones published; the stack prints where everything listens, shows a live
 * status line for the duration (or until {@link #requestStop()}, e.g. Ctrl-C), stops the
 * components and prints what each one did.
 *
 * <p>Stop order, so that a normal stop leaves every produced record in Delta: the load generator
 * first; then the services in data-flow (start) order, each first {@link StackComponent#drain
 * draining} what the stopped services before it produced (capture: everything committed in
 * PostgreSQL is on Kafka; a sink: its tables hold every record of its topics; a Streams service:
 * it committed past every record of its inputs); the infrastructure last, in reverse start
 * order. After a failure nothing is drained: every component is just closed in that order.
 */
public final class LocalStack {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);
    private static final Duration TICK = Duration.ofSeconds(1);
    private static final Duration PLAIN_STATUS_EVERY = Duration.ofSeconds(10);
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(2);
    /** Beyond the wait for gold-kpi's clock itself, when closing the open windows at stop. */
    private static final Duration WINDOW_CLOSE_MARGIN = Duration.ofSeconds(60);

    /** One step of the stack: builds its component from what earlier components published. */
    @FunctionalInterface
    public interface Stage {
        StackComponent create(StackContext context);
    }

    private final LaunchOptions options;
    private final PrintStream out;
    private final StatusLine status;
    private final StackTuning tuning;
    private final List<Stage> stages;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final List<StackComponent> running = new ArrayList<>();

    public LocalStack(LaunchOptions options, PrintStream out, boolean terminal) {
        this(options, out, terminal, StackTuning.NONE);
    }

    LocalStack(LaunchOptions options, PrintStream out, boolean terminal, StackTuning tuning) {
        this(options, out, terminal, tuning, stages(options));
    }

    LocalStack(LaunchOptions options, PrintStream out, boolean terminal, StackTuning tuning, List<Stage> stages) {
        this.options = options;
        this.out = out;
        this.status = new StatusLine(out, terminal, PLAIN_STATUS_EVERY);
        this.tuning = tuning;
        this.stages = List.copyOf(stages);
    }

    /**
     * The components in start order: source database and its schema, broker, registry, then the
     * pipeline in data-flow order (capture, bronze sink, silver-enricher, silver sink, gold-kpi,
     * gold sink), then the load generator.
     */
    static List<Stage> stages(LaunchOptions options) {
        List<Stage> stages = new ArrayList<>();
        stages.add(options.postgres().isPresent() ? ExternalPostgresComponent::new : EmbeddedPostgresComponent::new);
        stages.add(SourceSchemaComponent::new);
        stages.add(KafkaComponent::new);
        stages.add(RegistryComponent::new);
        stages.add(CaptureComponent::new);
        stages.add(ctx -> new SinkComponent(ctx, Layer.BRONZE));
        stages.add(SilverComponent::new);
        stages.add(ctx -> new SinkComponent(ctx, Layer.SILVER));
        stages.add(GoldComponent::new);
        stages.add(ctx -> new SinkComponent(ctx, Layer.GOLD));
        if (options.rate() > 0) {
            stages.add(LoadComponent::new);
        }
        return stages;
    }

    /** Asks a running stack to stop (the duration loop ends; components stop in reverse order). */
    public void requestStop() {
        stopRequested.countDown();
    }

    /** The running (or, after {@link #run()}, stopped) component of a type. */
    public <T extends StackComponent> Optional<T> component(Class<T> type) {
        synchronized (running) {
            return running.stream().filter(type::isInstance).map(type::cast).findFirst();
        }
    }

    /** Runs the stack to the end; 0 when it ran and stopped cleanly, 1 when a component failed. */
    public int run() {
        out.printf("Medallion local stack: %s for %s, data in %s%n",
                options.rate() > 0 ? options.rate() + " events/s (seed " + options.seed() + ")" : "no load generator",
                Formats.clock(options.duration()), options.data().toAbsolutePath());
        int code = 0;
        try {
            startAll();
            if (stopRequested.getCount() > 0) {
                printEndpoints();
                code = runFor(options.duration());
            }
        } catch (RuntimeException e) {
            status.finish();
            LOG.error("Local stack failed", e);
            out.println("FAILED: " + e.getMessage());
            code = 1;
        } finally {
            status.finish();
            if (!stopAll(code == 0)) {
                code = 1;
            }
            printSummary();
        }
        return code;
    }

    private void startAll() {
        StackContext context = new StackContext(options, tuning.serviceSettings(), status::printAbove);
        for (Stage stage : stages) {
            if (stopRequested.getCount() == 0) {
                return;
            }
            StackComponent component = stage.create(context);
            out.println("starting " + component.name() + " ...");
            long began = System.nanoTime();
            component.start();
            synchronized (running) {
                running.add(component);
            }
            LOG.info("{} started in {} ms", component.name(), (System.nanoTime() - began) / 1_000_000);
        }
    }

    private void printEndpoints() {
        out.println();
        for (StackComponent c : running) {
            c.endpoints().forEach(line -> out.println("  " + line));
        }
        out.println();
    }

    private int runFor(Duration total) {
        long began = System.nanoTime();
        while (true) {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - began);
            for (StackComponent c : running) {
                Health h = c.health();
                if (!h.live()) {
                    status.finish();
                    out.println("FAILED: " + c.name() + " is " + h.state() + " " + h.details());
                    return 1;
                }
            }
            boolean over = elapsed.compareTo(total) >= 0;
            List<String> fragments = running.stream().map(StackComponent::status).flatMap(Optional::stream).toList();
            status.show(StatusLine.render(over ? total : elapsed, total, fragments), over);
            if (over) {
                return 0;
            }
            try {
                long left = total.minus(elapsed).toMillis();
                if (stopRequested.await(Math.min(TICK.toMillis(), Math.max(1, left)), TimeUnit.MILLISECONDS)) {
                    status.finish();
                    out.println("stop requested");
                    return 0;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        }
    }

    /**
     * Stops every component (see the class comment for the order); each gets its close even
     * when another fails.
     *
     * @param drain whether services drain before they close (a normal stop)
     * @return whether everything drained and stopped cleanly
     */
    private boolean stopAll(boolean drain) {
        List<StackComponent> started;
        synchronized (running) {
            started = new ArrayList<>(running);
        }
        boolean clean = true;
        for (StackComponent c : withRole(started, Role.SOURCE)) {
            clean &= stop(c, false);
        }
        Instant sourcesStopped = Instant.now();
        if (drain && tuning.closeWindowsAtStop()) {
            closeOpenWindows(sourcesStopped);
        }
        for (StackComponent c : withRole(started, Role.SERVICE)) {
            clean &= stop(c, drain);
        }
        List<StackComponent> infrastructure = withRole(started, Role.INFRASTRUCTURE);
        Collections.reverse(infrastructure);
        for (StackComponent c : infrastructure) {
            clean &= stop(c, false);
        }
        return clean;
    }

    private static List<StackComponent> withRole(List<StackComponent> components, Role role) {
        return new ArrayList<>(components.stream().filter(c -> c.role() == role).toList());
    }

    private boolean stop(StackComponent c, boolean drain) {
        out.println("stopping " + c.name() + " ...");
        boolean clean = true;
        if (drain && c.health().live()) {
            long began = System.nanoTime();
            try {
                c.drain(DRAIN_TIMEOUT);
                LOG.info("{} drained in {} ms", c.name(), (System.nanoTime() - began) / 1_000_000);
            } catch (RuntimeException e) {
                clean = false;
                LOG.error("{} did not drain", c.name(), e);
                out.println("  " + c.name() + " did not drain: " + e.getMessage());
            }
        }
        try {
            c.close();
        } catch (RuntimeException e) {
            clean = false;
            LOG.error("{} did not stop cleanly", c.name(), e);
            out.println("  " + c.name() + " did not stop cleanly: " + e.getMessage());
        }
        return clean;
    }

    /**
     * Keeps capture (and its heartbeats, gold-kpi's clock when no events flow) running until
     * gold-kpi's clock passed the close of the window holding the last generated event.
     */
    private void closeOpenWindows(Instant lastEvent) {
        Optional<GoldComponent> gold = component(GoldComponent.class);
        Optional<CaptureComponent> capture = component(CaptureComponent.class);
        if (gold.isEmpty() || capture.isEmpty() || !capture.get().health().live()) {
            return;
        }
        Instant closesAt = gold.get().lastWindowClosesAt(lastEvent);
        out.println("closing the open KPI windows (waiting for a capture heartbeat after " + closesAt + ") ...");
        Duration timeout = Duration.between(Instant.now(), closesAt).plus(WINDOW_CLOSE_MARGIN);
        if (!capture.get().awaitHeartbeatAfter(closesAt, timeout)) {
            out.println("  no capture heartbeat after " + closesAt + " within " + Formats.duration(timeout)
                    + ": the last windows stay open");
        }
    }

    private void printSummary() {
        List<String> lines = new ArrayList<>();
        for (StackComponent c : running) {
            lines.addAll(c.summary());
        }
        if (!lines.isEmpty()) {
            out.println();
            out.println("Summary");
            lines.forEach(l -> out.println("  " + l));
        }
    }
}
