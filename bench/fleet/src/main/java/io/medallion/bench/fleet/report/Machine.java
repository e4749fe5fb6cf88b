package io.medallion.bench.fleet.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What the figures were measured on: CPU, cores, memory, OS, Java, and how busy the machine was. */
public record Machine(String cpu, int cores, long memoryMib, String os, String java) {

    public static Machine describe() {
        String cpu = "unknown CPU";
        long memKib = 0;
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(cpu);
            memKib = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElse(0);
        } catch (IOException | RuntimeException e) {
            // Not Linux: keep the defaults.
        }
        return new Machine(cpu, Runtime.getRuntime().availableProcessors(), memKib / 1024,
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    }

    /** The 1-minute load average now (other work on the same cores skews every figure). */
    public static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    public String line() {
        return String.format(Locale.ROOT, "%s, %d cores, %,d MiB RAM, %s, %s", cpu, cores, memoryMib, os, java);
    }
}
