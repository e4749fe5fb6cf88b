package io.medallion.bench.gold;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings of one benchmark run, from {@code --name=value} arguments.
 *
 * @param rate              silver events per second, sent open loop (on schedule, never waiting for the broker)
 * @param duration          how long events are sent
 * @param windowSize        KPI window size
 * @param grace             KPI grace period
 * @param partitions        by-user partitions of gold-kpi
 * @param silverPartitions  partitions of silver.web_events
 * @param heartbeatInterval capture heartbeat interval (0 for none)
 * @param users             distinct user ids in the traffic
 * @param warmup            windows ending before this much feeding are left out of the steady-state figures
 * @param goldSettings      further gold-kpi settings, from {@code --gold.<key>=value} ({@code medallion.gold.<key>})
 */
record BenchOptions(int rate, Duration duration, Duration windowSize, Duration grace, int partitions,
                    int silverPartitions, Duration heartbeatInterval, int users, Duration warmup,
                    Map<String, String> goldSettings) {

    static BenchOptions parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        Map<String, String> gold = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("arguments look like --rate=10000, was '" + arg + "'");
            }
            String name = arg.substring(2, arg.indexOf('='));
            String value = arg.substring(arg.indexOf('=') + 1);
            if (name.startsWith("gold.")) {
                gold.put("medallion." + name, value);
            } else {
                values.put(name, value);
            }
        }
        BenchOptions options = new BenchOptions(
                Integer.parseInt(values.getOrDefault("rate", "10000")),
                Duration.parse(values.getOrDefault("duration", "PT6M")),
                Duration.parse(values.getOrDefault("window", "PT1M")),
                Duration.parse(values.getOrDefault("grace", "PT15S")),
                Integer.parseInt(values.getOrDefault("partitions", "4")),
                Integer.parseInt(values.getOrDefault("silver-partitions", "2")),
                Duration.parse(values.getOrDefault("heartbeat", "PT1S")),
                Integer.parseInt(values.getOrDefault("users", "10000")),
                Duration.parse(values.getOrDefault("warmup", "PT30S")),
                Map.copyOf(gold));
        values.keySet().removeAll(List.of("rate", "duration", "window", "grace", "partitions",
                "silver-partitions", "heartbeat", "users", "warmup"));
        if (!values.isEmpty()) {
            throw new IllegalArgumentException("unknown arguments " + values.keySet());
        }
        return options;
    }
}
