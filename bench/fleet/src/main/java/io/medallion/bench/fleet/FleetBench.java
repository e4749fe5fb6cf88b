package io.medallion.bench.fleet;

import io.medallion.bench.fleet.mode.Console;
import io.medallion.bench.fleet.mode.CorrectnessMode;
import io.medallion.bench.fleet.mode.FaultMode;
import io.medallion.bench.fleet.mode.PerfMode;
import io.medallion.common.config.ConfigException;

import java.util.List;

/**
 * {@code bench/run <mode> [options]}: the end-to-end harness (see bench/README.md). Exit status
 * 0 when the run passed (correctness and faults: every check PASS), 1 when it did not, 2 on a
 * usage error.
 */
public final class FleetBench {

    private FleetBench() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || List.of("-h", "--help", "help").contains(args[0])) {
            System.out.println(HarnessOptions.usage());
            System.exit(args.length == 0 ? 2 : 0);
        }
        HarnessOptions options;
        try {
            options = HarnessOptions.parse(args);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.err.println();
            System.err.println(HarnessOptions.usage());
            System.exit(2);
            return;
        }
        String name = options.runName(java.time.LocalDateTime.now());
        // Before the first logger exists: the harness's own log goes next to its report.
        if (System.getProperty("bench.log") == null) {
            System.setProperty("bench.log", options.reports().resolve(name).resolve("logs/harness.log").toAbsolutePath().toString());
        }
        Console console = new Console(System.out);
        int status;
        try {
            status = switch (options.mode()) {
                case CORRECTNESS -> CorrectnessMode.run(options, name, console);
                case KAFKA_FED, PERF -> PerfMode.run(options, name, console);
                case FAULTS -> FaultMode.run(options, name, console);
            };
        } catch (Exception e) {
            e.printStackTrace();
            console.println("FAILED: " + e);
            status = 1;
        }
        System.exit(status);
    }
}
