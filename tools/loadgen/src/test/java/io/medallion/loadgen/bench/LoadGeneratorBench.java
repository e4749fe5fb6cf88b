package io.medallion.loadgen.bench;

import io.medallion.common.config.Settings;
import io.medallion.loadgen.LoadConfig;
import io.medallion.loadgen.LoadGenerator;
import io.medallion.loadgen.LoadStats;
import io.medallion.loadgen.model.ShopTable;
import io.medallion.testkit.postgres.EmbeddedPostgresServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How fast the generator writes into the embedded PostgreSQL on this machine. Prints figures,
 * asserts nothing. Arguments: target rates in events/s (default 10000 20000 30000), then
 * {@code --seconds N} (default 20), {@code --lanes N} (clickstream lanes, default 2) and
 * {@code --inventory-share X} (default 0.2).
 *
 * <pre>
 * mvn -q -o -pl tools/loadgen test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.medallion.loadgen.bench.LoadGeneratorBench -Dexec.args="20000 --seconds 20"
 * </pre>
 */
public final class LoadGeneratorBench {

    private LoadGeneratorBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = 20;
        int lanes = 2;
        String inventoryShare = "0.2";
        List<Integer> rates = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--lanes" -> lanes = Integer.parseInt(args[++i]);
                case "--inventory-share" -> inventoryShare = args[++i];
                default -> rates.add(Integer.parseInt(args[i]));
            }
        }
        if (rates.isEmpty()) {
            rates = List.of(10_000, 20_000, 30_000);
        }
        System.out.printf("%-10s %-6s %12s %12s %12s %14s %16s%n", "target/s", "lanes", "events/s", "rows/s",
                "web rows/s", "behind now ms", "max behind ms");
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.builder().start()) {
            for (int rate : rates) {
                String db = "bench_" + rate + "_" + lanes + "_" + inventoryShare.replace('.', '_');
                pg.createDatabase(db);
                LoadConfig config = LoadConfig.from(Settings.of(Map.of(
                        LoadConfig.JDBC_URL, pg.jdbcUrl(db),
                        LoadConfig.USER, pg.user(),
                        LoadConfig.PASSWORD, pg.password(),
                        LoadConfig.RATE, Integer.toString(rate),
                        LoadConfig.DURATION, seconds + "s",
                        LoadConfig.CLICKSTREAM_LANES, Integer.toString(lanes),
                        LoadConfig.INVENTORY_SHARE, inventoryShare)));
                LoadGenerator generator = new LoadGenerator(config);
                generator.start();
                LoadStats seeded = generator.stats();
                long began = System.nanoTime();
                // Measured until the schedule is met or a generous limit; a backlog means the
                // database could not keep up with the target.
                generator.awaitFinished(Duration.ofSeconds(seconds * 3L));
                double elapsed = (System.nanoTime() - began) / 1e9;
                LoadStats s = generator.stats();
                generator.close();
                long rows = totalRows(s) - totalRows(seeded);
                System.out.printf("%-10d %-6d %12.0f %12.0f %12.0f %14d %16d%n", rate, lanes, s.events() / elapsed,
                        rows / elapsed, s.table(ShopTable.WEB_EVENTS).inserted() / elapsed,
                        s.behindSchedule().toMillis(), s.maxBehindSchedule().toMillis());
            }
        }
    }

    private static long totalRows(LoadStats s) {
        return s.tables().values().stream().mapToLong(c -> c.inserted() + c.updated() + c.deleted()).sum();
    }
}
