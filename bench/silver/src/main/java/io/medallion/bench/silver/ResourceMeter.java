package io.medallion.bench.silver;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/** CPU of the whole JVM and of the stream thread alone, GC time and memory, from JMX and /proc. */
final class ResourceMeter {

    record Sample(long wallNanos, long processCpuNanos, long streamThreadCpuNanos, long gcMillis) {
    }

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    Sample sample() {
        long gc = ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
        return new Sample(System.nanoTime(), os.getProcessCpuTime(), streamThreadCpuNanos(), gc);
    }

    private long streamThreadCpuNanos() {
        return Arrays.stream(threads.getThreadInfo(threads.getAllThreadIds()))
                .filter(i -> i != null && i.getThreadName().contains("StreamThread"))
                .mapToLong(ThreadInfo::getThreadId)
                .map(threads::getThreadCpuTime)
                .filter(t -> t > 0)
                .sum();
    }

    /**
     * CPU time per event, of the whole JVM and of the stream thread: a cost that other processes
     * on the machine inflate far less than they inflate the wall-clock rate.
     */
    String perEvent(Sample from, Sample to, long events) {
        return String.format(Locale.ROOT, "CPU per event: JVM %.1f us, stream thread %.1f us (one core at 100%% would give %,.0f events/s)",
                (to.processCpuNanos() - from.processCpuNanos()) / 1e3 / events,
                (to.streamThreadCpuNanos() - from.streamThreadCpuNanos()) / 1e3 / events,
                events * 1e9 / (to.streamThreadCpuNanos() - from.streamThreadCpuNanos()));
    }

    String describe(Sample from, Sample to) {
        double wall = (to.wallNanos() - from.wallNanos()) / 1e9;
        double processCores = (to.processCpuNanos() - from.processCpuNanos()) / 1e9 / wall;
        double streamThread = (to.streamThreadCpuNanos() - from.streamThreadCpuNanos()) / 1e9 / wall;
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return String.format(Locale.ROOT,
                "CPU: JVM (silver-enricher + in-process broker + producer-side tooling) %.2f cores of %d, stream thread %.0f%% of one core;"
                        + " GC %d ms | memory: heap %d MiB used of %d MiB committed, RSS %d MiB (RocksDB off-heap included)",
                processCores, Runtime.getRuntime().availableProcessors(), 100 * streamThread, to.gcMillis() - from.gcMillis(),
                heap.getUsed() >> 20, heap.getCommitted() >> 20, rssKib() >> 10);
    }

    private static long rssKib() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0);
        } catch (IOException e) {
            return 0;
        }
    }
}
