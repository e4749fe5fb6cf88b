package io.medallion.bench.fleet.measure;

import io.medallion.bench.fleet.fleet.Host;
import io.medallion.bench.fleet.fleet.HostKind;
import io.medallion.bench.fleet.fleet.ProcessHost;
import io.medallion.bench.fleet.fleet.Role;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * CPU and memory per process of the run: each role's JVM (a killed and restarted role keeps the
 * CPU of its earlier processes and the highest peak RSS among them), PostgreSQL (postmaster and
 * backends, summed; a backend that ended keeps its CPU) and the harness JVM (load generator, sampler). With every role in one JVM,
 * that JVM is one line.
 */
public final class ProcessProbe implements ProcessHost.Listener {

    public static final String POSTGRES = "postgresql";
    public static final String HARNESS = "harness (loadgen)";
    public static final String IN_PROCESS = "fleet JVM (every service, loadgen)";

    private final Map<Role, ProcStat.Reading> ended = new ConcurrentHashMap<>();
    /** Last CPU ticks of every PostgreSQL process seen: a backend that ends keeps its share. */
    private final Map<Long, Long> postgresTicks = new ConcurrentHashMap<>();
    private volatile Host host;
    private volatile Supplier<OptionalLong> postmaster = OptionalLong::empty;

    public void attach(Host host, Supplier<OptionalLong> postmaster) {
        this.host = host;
        this.postmaster = postmaster;
    }

    @Override
    public void started(Role role, long pid) {
        // Nothing to do: readings start with the process.
    }

    /** Keeps the final CPU time and peak of a process that is about to end. */
    @Override
    public void ending(Role role, long pid) {
        ProcStat.read(pid).ifPresent(r -> ended.merge(role, new ProcStat.Reading(r.cpuTicks(), 0, r.peakRssKib(), 0),
                (a, b) -> new ProcStat.Reading(a.cpuTicks() + b.cpuTicks(), 0, Math.max(a.peakRssKib(), b.peakRssKib()), 0)));
    }

    public Map<String, ProcStat.Reading> read() {
        Map<String, ProcStat.Reading> out = new LinkedHashMap<>();
        Host h = host;
        long self = ProcessHandle.current().pid();
        if (h != null && h.kind() == HostKind.PROCESSES) {
            for (Role role : Role.values()) {
                ProcStat.Reading before = ended.getOrDefault(role, ProcStat.Reading.NONE);
                OptionalLong pid = h.pid(role);
                ProcStat.Reading now = pid.isPresent() ? ProcStat.read(pid.getAsLong()).orElse(ProcStat.Reading.NONE) : ProcStat.Reading.NONE;
                if (pid.isPresent() || ended.containsKey(role)) {
                    out.put(role.label(), new ProcStat.Reading(before.cpuTicks() + now.cpuTicks(), now.rssKib(),
                            Math.max(before.peakRssKib(), now.peakRssKib()), now.pssKib()));
                }
            }
            ProcStat.read(self).ifPresent(r -> out.put(HARNESS, r));
        } else {
            ProcStat.read(self).ifPresent(r -> out.put(IN_PROCESS, r));
        }
        OptionalLong pm = postmaster.get();
        if (pm.isPresent()) {
            ProcStat.Reading sum = ProcStat.Reading.NONE;
            for (long pid : ProcStat.withDescendants(pm.getAsLong())) {
                ProcStat.Reading r = ProcStat.read(pid).orElse(ProcStat.Reading.NONE);
                postgresTicks.merge(pid, r.cpuTicks(), Math::max);
                sum = sum.plus(new ProcStat.Reading(0, r.rssKib(), r.peakRssKib(), r.pssKib()));
            }
            long ticks = postgresTicks.values().stream().mapToLong(Long::longValue).sum();
            out.put(POSTGRES, new ProcStat.Reading(ticks, sum.rssKib(), sum.peakRssKib(), sum.pssKib()));
        }
        return out;
    }
}
