package io.medallion.bench.fleet.measure;

import io.medallion.bench.fleet.load.LoadDriver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Samples lags, processes and the load driver on a fixed interval, on its own thread. */
public final class Sampler implements AutoCloseable {

    private final LagProbe lags;
    private final ProcessProbe processes;
    private final LoadDriver load;
    private final List<Sample> samples = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "harness-sampler");
        t.setDaemon(true);
        return t;
    });

    public Sampler(LagProbe lags, ProcessProbe processes, LoadDriver load, Duration every) {
        this.lags = lags;
        this.processes = processes;
        this.load = load;
        timer.scheduleAtFixedRate(this::sample, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sample() {
        try {
            Map<String, Long> l = new HashMap<>(lags.read());
            long wal = l.containsKey("wal") ? l.remove("wal") : -1;
            Sample s = new Sample(System.currentTimeMillis(), l, processes.read(), load.events(),
                    load.behindSchedule().toMillis(), wal, ProcStat.machineTicks()[0]);
            synchronized (samples) {
                samples.add(s);
            }
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(Sampler.class).warn("sampling failed", e);
        }
    }

    public List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    /** Samples taken in [fromMs, toMs]. */
    public List<Sample> between(long fromMs, long toMs) {
        return samples().stream().filter(s -> s.atMs() >= fromMs && s.atMs() <= toMs).toList();
    }

    /** The latest sample, if any. */
    public java.util.Optional<Sample> latest() {
        synchronized (samples) {
            return samples.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(samples.get(samples.size() - 1));
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
