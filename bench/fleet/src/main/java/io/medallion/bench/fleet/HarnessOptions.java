package io.medallion.bench.fleet;

import io.medallion.bench.fleet.fleet.HostKind;
import io.medallion.common.config.ConfigException;
import io.medallion.common.config.Settings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The command line of {@code bench/run}, typed and validated: a mode, then {@code --name value}
 * (or {@code --name=value}) options. A wrong or unknown option stops the harness at once with a
 * message naming it ({@code Invalid setting '--rate': ...}). Defaults depend on the mode.
 *
 * @param rate          offered events per second; 0 in perf and kafka-fed modes means "search the maximum"
 * @param duration      how long the load runs (correctness, kafka-fed and perf at a fixed rate)
 * @param warmup        start of a run left out of steady-state figures
 * @param window        gold window size
 * @param grace         gold grace period
 * @param partitions    partitions of the cdc and silver topics
 * @param host          every service in this JVM, or one process per service
 * @param reports       folder the run's report folder is created in
 * @param work          folder for PostgreSQL, Kafka, the lake and state (a fresh subfolder per run)
 * @param keepData      keep the run's data folder after the run
 * @param seed          load generator seed
 * @param stage         length of one stage of the maximum-rate search
 * @param startRate     first rate the search tries
 * @param maxRate       highest rate the search tries
 * @param maxStages     stages the search may use
 * @param measure       length of the runs at 50% and 80% of the maximum
 * @param flatTolerance a lag is flat when it grows by less than this share of the offered rate per second
 * @param killEvery     steady load between the recovery from one kill and the next kill (fault mode)
 * @param sampleEvery   sampling interval of lags and processes
 * @param jvmOptions    options of every service JVM (processes host)
 */
public record HarnessOptions(Mode mode, int rate, Duration duration, Duration warmup, Duration window, Duration grace,
                             int partitions, HostKind host, Path reports, Path work, boolean keepData, long seed,
                             Duration stage, int startRate, int maxRate, int maxStages, Duration measure,
                             double flatTolerance, Duration killEvery, Duration sampleEvery, List<String> jvmOptions) {

    /** What the harness does. */
    public enum Mode {
        CORRECTNESS("correctness"), KAFKA_FED("kafka-fed"), PERF("perf"), FAULTS("faults");

        private final String word;

        Mode(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }

        static Mode of(String word) {
            for (Mode m : values()) {
                if (m.word.equals(word)) {
                    return m;
                }
            }
            throw new ConfigException("mode", "must be one of correctness, kafka-fed, perf, faults; was '" + word + "'");
        }
    }

    private static final Set<String> FLAGS = Set.of("--keep-data");
    private static final List<String> KNOWN = List.of("--rate", "--duration", "--warmup", "--window", "--grace",
            "--partitions", "--host", "--reports", "--work", "--keep-data", "--seed", "--stage", "--start-rate",
            "--max-rate", "--max-stages", "--measure", "--flat-tolerance", "--kill-every", "--sample-every", "--jvm-options");

    private static final java.time.format.DateTimeFormatter STAMP = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /** The run's folder name under {@link #reports()} (and its data folder's under {@link #work()}). */
    public String runName(java.time.LocalDateTime at) {
        return at.format(STAMP) + "-" + mode.word();
    }

    public static String usage() {
        return """
                Usage: bench/run <mode> [options]

                Modes:
                  correctness   whole fleet on a generated workload, then six checks printed PASS/FAIL (exit 1 on a FAIL)
                  perf          --rate N: freshness, throughput, CPU and memory at N events/s for --duration;
                                without --rate: search the maximum sustainable rate, then measure at 50% and 80% of it
                  kafka-fed     as perf, but change envelopes for shop.web_events go straight into Kafka (no PostgreSQL,
                                no capture): silver, gold and the three sinks alone
                  faults        one process per service; SIGKILL each service in turn and the broker once, then the checks

                Options (defaults depend on the mode):
                  --rate N             offered events per second
                  --duration D         load duration (90s, 5m); fault mode runs until every kill is recovered from
                  --warmup D           left out of steady-state figures (30s)
                  --window D --grace D gold windows (1m, 15s)
                  --partitions N       partitions of the cdc and silver topics (1)
                  --host in-process|processes
                  --reports DIR        report folder parent (bench/reports)
                  --work DIR           data folder parent (system temp)
                  --keep-data          keep PostgreSQL, Kafka and the lake after the run
                  --seed N             generator seed (42)
                  --stage D            stage length of the rate search (60s)
                  --start-rate N --max-rate N --max-stages N   rate search bounds (1000, 64000, 7)
                  --measure D          runs at 50% and 80% of the maximum (2m)
                  --flat-tolerance X   lag growth allowed, as a share of the offered rate per second (0.03),
                                       on top of 2 s of input over the stage
                  --kill-every D       fault mode: steady load after a recovery before the next kill (20s)
                  --sample-every D     lag and process sampling interval (1s)
                  --jvm-options "..."  options of each service JVM (-Xmx768m -XX:+UseSerialGC)
                """;
    }

    public static HarnessOptions parse(String[] args) {
        if (args.length == 0) {
            throw new ConfigException("mode", "is required (correctness, kafka-fed, perf or faults)");
        }
        Mode mode = Mode.of(args[0]);
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new ConfigException(arg, "is not an option (options start with --)");
            }
            String name = arg;
            String value;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            } else if (FLAGS.contains(arg)) {
                value = "true";
            } else {
                if (i + 1 >= args.length) {
                    throw new ConfigException(arg, "needs a value");
                }
                value = args[++i];
            }
            if (!KNOWN.contains(name)) {
                throw new ConfigException(name, "is not a known option; bench/run --help lists them");
            }
            values.put(name, value);
        }
        return from(mode, Settings.of(values));
    }

    static HarnessOptions from(Mode mode, Settings s) {
        int defaultRate = switch (mode) {
            case CORRECTNESS -> 300;
            case KAFKA_FED, PERF -> 0;
            case FAULTS -> 500;
        };
        Duration defaultDuration = switch (mode) {
            case CORRECTNESS -> Duration.ofSeconds(60);
            case KAFKA_FED, PERF -> Duration.ofMinutes(3);
            case FAULTS -> Duration.ofMinutes(6);
        };
        HostKind defaultHost = mode == Mode.CORRECTNESS ? HostKind.IN_PROCESS : HostKind.PROCESSES;
        Duration min = Duration.ofSeconds(1);
        Duration day = Duration.ofDays(1);
        boolean searchable = mode == Mode.PERF || mode == Mode.KAFKA_FED;
        int rate = s.intValue("--rate", defaultRate, searchable ? 0 : 1, 1_000_000);
        HostKind host = s.parsed("--host", "in-process or processes",
                v -> HostKind.valueOf(v.toUpperCase(Locale.ROOT).replace('-', '_'))).orElse(defaultHost);
        if (mode == Mode.FAULTS && host != HostKind.PROCESSES) {
            throw new ConfigException("--host", "must be processes in fault mode: only a separate process can be killed with SIGKILL");
        }
        Duration window = s.duration("--window", Duration.ofMinutes(1), min, Duration.ofHours(1));
        int startRate = s.intValue("--start-rate", 1_000, 10, 1_000_000);
        int maxRate = s.intValue("--max-rate", 64_000, 10, 1_000_000);
        if (maxRate < startRate) {
            throw new ConfigException("--max-rate", "must not be below --start-rate (" + startRate + "), was " + maxRate);
        }
        String jvm = s.string("--jvm-options", "-Xmx768m -XX:+UseSerialGC");
        return new HarnessOptions(mode, rate,
                s.duration("--duration", defaultDuration, min, day),
                s.duration("--warmup", Duration.ofSeconds(30), Duration.ZERO, Duration.ofHours(1)),
                window,
                s.duration("--grace", Duration.ofSeconds(15), Duration.ZERO, Duration.ofHours(1)),
                s.intValue("--partitions", 1, 1, 64),
                host,
                Path.of(s.string("--reports", "bench/reports")),
                Path.of(s.string("--work", System.getProperty("java.io.tmpdir"))),
                s.bool("--keep-data", false),
                s.longValue("--seed", 42, Long.MIN_VALUE, Long.MAX_VALUE),
                s.duration("--stage", Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofHours(1)),
                startRate, maxRate,
                s.intValue("--max-stages", 7, 1, 100),
                s.duration("--measure", Duration.ofMinutes(2), Duration.ofSeconds(10), day),
                s.parsed("--flat-tolerance", "a share between 0 and 1, e.g. 0.03", HarnessOptions::share).orElse(0.03),
                s.duration("--kill-every", Duration.ofSeconds(20), Duration.ofSeconds(5), Duration.ofHours(1)),
                s.duration("--sample-every", Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofMinutes(1)),
                List.of(jvm.trim().split("\\s+")));
    }

    private static double share(String v) {
        double d = Double.parseDouble(v);
        if (!(d > 0 && d < 1)) {
            throw new IllegalArgumentException("out of range");
        }
        return d;
    }
}
