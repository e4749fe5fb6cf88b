package io.medallion.bench.fleet.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU time and memory of a process from Linux's /proc: {@code stat} (utime + stime, clock
 * ticks), {@code status} (VmRSS, VmHWM = peak RSS) and {@code smaps_rollup} (Pss: shared pages
 * divided among the processes sharing them, so a sum over processes is not inflated by
 * PostgreSQL's shared buffers).
 */
public final class ProcStat {

    /** Clock ticks per second ({@code getconf CLK_TCK}): 100 on every common Linux configuration. */
    public static final double TICKS_PER_SECOND = 100.0;

    /** One reading of one process; memory in KiB. */
    public record Reading(long cpuTicks, long rssKib, long peakRssKib, long pssKib) {

        public static final Reading NONE = new Reading(0, 0, 0, 0);

        public Reading plus(Reading o) {
            return new Reading(cpuTicks + o.cpuTicks, rssKib + o.rssKib, peakRssKib + o.peakRssKib, pssKib + o.pssKib);
        }
    }

    private ProcStat() {
    }

    public static Optional<Reading> read(long pid) {
        Path dir = Path.of("/proc", Long.toString(pid));
        try {
            long ticks = cpuTicks(Files.readString(dir.resolve("stat")));
            String status = Files.readString(dir.resolve("status"));
            long pss = 0;
            try {
                pss = kib(Files.readString(dir.resolve("smaps_rollup")), "Pss:");
            } catch (IOException e) {
                pss = kib(status, "VmRSS:");
            }
            return Optional.of(new Reading(ticks, kib(status, "VmRSS:"), kib(status, "VmHWM:"), pss));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** utime + stime of a {@code /proc/<pid>/stat} line (fields 14 and 15; the command may hold spaces). */
    static long cpuTicks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** Parent pid of a {@code /proc/<pid>/stat} line (field 4). */
    static long parentPid(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        return Long.parseLong(f[1]);
    }

    /** A {@code Key:   1234 kB} value of a status or smaps_rollup file, 0 when absent. */
    static long kib(String text, String key) {
        for (String line : text.split("\n")) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.substring(key.length()).replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    /** The machine's CPU ticks so far, busy and in total (first line of /proc/stat), or zeros when unreadable. */
    public static long[] machineTicks() {
        try {
            return machineTicks(Files.readAllLines(Path.of("/proc/stat")).get(0));
        } catch (IOException | RuntimeException e) {
            return new long[]{0, 0};
        }
    }

    /** {@code cpu user nice system idle iowait irq softirq steal ...}: busy excludes idle and iowait. */
    static long[] machineTicks(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        long total = 0;
        long idle = 0;
        for (int i = 1; i < Math.min(f.length, 9); i++) {
            long v = Long.parseLong(f[i]);
            total += v;
            if (i == 4 || i == 5) {
                idle += v;
            }
        }
        return new long[]{total - idle, total};
    }

    /** A process and every descendant (PostgreSQL's postmaster and its backends). */
    public static List<Long> withDescendants(long root) {
        List<long[]> pairs = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit)).forEach(n -> {
                try {
                    pairs.add(new long[]{Long.parseLong(n), parentPid(Files.readString(Path.of("/proc", n, "stat")))});
                } catch (IOException | RuntimeException e) {
                    // The process ended meanwhile.
                }
            });
        } catch (IOException e) {
            return List.of(root);
        }
        List<Long> tree = new ArrayList<>(List.of(root));
        for (int i = 0; i < tree.size(); i++) {
            long parent = tree.get(i);
            for (long[] p : pairs) {
                if (p[1] == parent) {
                    tree.add(p[0]);
                }
            }
        }
        return tree;
    }
}
