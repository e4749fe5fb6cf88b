package io.medallion.local;

import io.medallion.common.config.ConfigException;
import io.medallion.common.config.Settings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The options of {@code ./medallion local}.
 *
 * @param rate     events per second the load generator drives; 0 runs no generator
 * @param duration how long the stack runs before it stops by itself
 * @param data     folder everything is written under (embedded PostgreSQL, Kafka, logs)
 * @param seed     the load generator's seed: same seed, same traffic
 * @param postgres an existing PostgreSQL to capture instead of the embedded one
 */
public record LaunchOptions(int rate, Duration duration, Path data, long seed, Optional<ExternalPostgres> postgres) {

    public static final int DEFAULT_RATE = 100;
    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(90);
    public static final Path DEFAULT_DATA = Path.of("medallion-data");
    public static final long DEFAULT_SEED = 42;
    private static final java.util.Set<String> OPTIONS = java.util.Set.of(
            "--rate", "--duration", "--data", "--seed", "--pg-url", "--pg-user", "--pg-password");

    public static final String USAGE = """
            Usage: ./medallion local [--rate EVENTS_PER_S] [--duration 90s|5m] [--data DIR] [--seed N]
                                     [--pg-url URL --pg-user U --pg-password P]

            Runs the whole fleet in one process: PostgreSQL (embedded, or the one given with --pg-url),
            a Kafka broker, the schema registry, the load generator and every service.

              --rate N         events per second the load generator drives (default 100; 0 = no generator)
              --duration D     how long to run: 90s, 5m, 1h (default 90s); Ctrl-C stops earlier
              --data DIR       where everything is written (default ./medallion-data)
              --seed N         load generator seed (default 42)
              --pg-url URL     capture this PostgreSQL (jdbc:postgresql://host:port/db) instead of the
                               embedded one; the shop DDL is applied only where tables are missing
              --pg-user U      its user (required with --pg-url; needs the REPLICATION attribute)
              --pg-password P  its password
            """;

    /** A PostgreSQL that is not started by the launcher. */
    public record ExternalPostgres(String jdbcUrl, String user, String password) {
        @Override
        public String toString() {
            return "ExternalPostgres[" + user + "@" + jdbcUrl + "]";
        }
    }

    /** The command line was wrong: the launcher prints the message and {@link #USAGE}, and exits with 2. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }

    /** Whether the arguments ask for help. */
    public static boolean wantsHelp(String[] args) {
        for (String a : args) {
            if (a.equals("-h") || a.equals("--help")) {
                return true;
            }
        }
        return false;
    }

    public static LaunchOptions parse(String[] args) {
        int rate = DEFAULT_RATE;
        Duration duration = DEFAULT_DURATION;
        Path data = DEFAULT_DATA;
        long seed = DEFAULT_SEED;
        String pgUrl = null;
        String pgUser = null;
        String pgPassword = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (!name.startsWith("--")) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            if (!OPTIONS.contains(name)) {
                throw new UsageException("unknown option " + name);
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException(name + " needs a value");
                }
                value = args[++i];
            }
            switch (name) {
                case "--rate" -> rate = (int) number(name, value, 0, 1_000_000);
                case "--duration" -> duration = duration(value);
                case "--data" -> data = Path.of(value);
                case "--seed" -> seed = number(name, value, Long.MIN_VALUE, Long.MAX_VALUE);
                case "--pg-url" -> pgUrl = value;
                case "--pg-user" -> pgUser = value;
                case "--pg-password" -> pgPassword = value;
                default -> throw new IllegalStateException("option " + name + " is listed but not parsed");
            }
        }
        Optional<ExternalPostgres> postgres = Optional.empty();
        if (pgUrl != null) {
            if (!pgUrl.startsWith("jdbc:postgresql://")) {
                throw new UsageException("--pg-url must look like jdbc:postgresql://host:port/database, was '" + pgUrl + "'");
            }
            if (pgUser == null) {
                throw new UsageException("--pg-url needs --pg-user");
            }
            postgres = Optional.of(new ExternalPostgres(pgUrl, pgUser, pgPassword == null ? "" : pgPassword));
        } else if (pgUser != null || pgPassword != null) {
            throw new UsageException("--pg-user and --pg-password only go with --pg-url");
        }
        return new LaunchOptions(rate, duration, data, seed, postgres);
    }

    private static long number(String option, String value, long min, long max) {
        try {
            long n = Long.parseLong(value.replace("_", ""));
            if (n < min || n > max) {
                throw new UsageException(option + " must be between " + min + " and " + max + ", was " + value);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(option + " must be a whole number, was '" + value + "'");
        }
    }

    private static Duration duration(String value) {
        try {
            return Settings.of(Map.of("duration", value))
                    .duration("duration", DEFAULT_DURATION, Duration.ofSeconds(1), Duration.ofDays(365));
        } catch (ConfigException e) {
            throw new UsageException("--duration must be like 90s, 5m or 1h (at least 1s), was '" + value + "'");
        }
    }
}
