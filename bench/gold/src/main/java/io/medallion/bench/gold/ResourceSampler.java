package io.medallion.bench.gold;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU and memory of this JVM, which also runs the broker, the feeder and the watcher; the CPU
 * of gold-kpi's own stream threads is measured apart (threads named {@code *StreamThread-*}).
 */
final class ResourceSampler {

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long startWallNanos;
    private long startProcessCpuNanos;
    private long startStreamCpuNanos;
    private long peakHeapBytes;
    private long peakRssKb;
    private double loadSum;
    private double peakLoad;
    private int loadSamples;

    void start() {
        startWallNanos = System.nanoTime();
        startProcessCpuNanos = os.getProcessCpuTime();
        startStreamCpuNanos = streamThreadCpuNanos();
    }

    void sample() {
        Runtime rt = Runtime.getRuntime();
        peakHeapBytes = Math.max(peakHeapBytes, rt.totalMemory() - rt.freeMemory());
        peakRssKb = Math.max(peakRssKb, rssKb());
        double load = os.getSystemLoadAverage();
        if (load >= 0) {
            loadSum += load;
            loadSamples++;
            peakLoad = Math.max(peakLoad, load);
        }
    }

    /** Mean and peak of the machine's 1-minute load average: other work on the same cores skews every figure. */
    double[] systemLoad() {
        return new double[]{loadSamples == 0 ? -1 : loadSum / loadSamples, peakLoad};
    }

    /** CPU cores used on average since {@link #start()}, by the whole process and by the stream threads. */
    double[] coresUsed() {
        double wall = System.nanoTime() - startWallNanos;
        return new double[]{(os.getProcessCpuTime() - startProcessCpuNanos) / wall,
                (streamThreadCpuNanos() - startStreamCpuNanos) / wall};
    }

    long peakHeapBytes() {
        return peakHeapBytes;
    }

    long peakRssKb() {
        return peakRssKb;
    }

    private long streamThreadCpuNanos() {
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains("StreamThread-")) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                total += Math.max(cpu, 0);
            }
        }
        return total;
    }

    private static long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
