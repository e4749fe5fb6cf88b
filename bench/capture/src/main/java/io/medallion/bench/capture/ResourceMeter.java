package io.medallion.bench.capture;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * CPU and memory of this JVM and of the PostgreSQL processes (the embedded server runs as child
 * processes, invisible to the JVM's own counters), read from the JVM and from /proc.
 */
final class ResourceMeter {

    /** Linux reports process CPU in clock ticks; 100 per second on every common kernel config. */
    private static final double TICKS_PER_SECOND = 100.0;

    record Sample(long wallNanos, long jvmCpuNanos, long postgresCpuTicks) {
    }

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    Sample sample() {
        return new Sample(System.nanoTime(), os.getProcessCpuTime(), postgresCpuTicks());
    }

    /** Average cores busy between two samples, JVM and PostgreSQL, and the memory in use now. */
    String describe(Sample from, Sample to) {
        double wall = (to.wallNanos() - from.wallNanos()) / 1e9;
        double jvmCores = (to.jvmCpuNanos() - from.jvmCpuNanos()) / 1e9 / wall;
        double pgCores = (to.postgresCpuTicks() - from.postgresCpuTicks()) / TICKS_PER_SECOND / wall;
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return String.format(Locale.ROOT,
                "CPU: JVM (capture + broker + registry) %.2f cores, PostgreSQL %.2f cores, of %d | memory: JVM heap %d MiB used of %d MiB,"
                        + " JVM RSS %d MiB, PostgreSQL RSS %d MiB (shared buffers counted per process)",
                jvmCores, pgCores, Runtime.getRuntime().availableProcessors(), heap.getUsed() >> 20, heap.getCommitted() >> 20,
                rssKib(Path.of("/proc/self/status")) >> 10, postgresRssKib() >> 10);
    }

    private static long postgresCpuTicks() {
        return postgresPids().mapToLong(pid -> {
            try {
                String stat = Files.readString(Path.of("/proc", pid, "stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(f[11]) + Long.parseLong(f[12]);
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }).sum();
    }

    private static long postgresRssKib() {
        return postgresPids().mapToLong(pid -> rssKib(Path.of("/proc", pid, "status"))).sum();
    }

    private static Stream<String> postgresPids() {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            List<String> pids = procs.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                    .filter(pid -> {
                        try {
                            return Files.readString(Path.of("/proc", pid, "comm")).trim().equals("postgres");
                        } catch (IOException e) {
                            return false;
                        }
                    }).toList();
            return pids.stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    private static long rssKib(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
