package io.medallion.sink;

import io.medallion.common.config.ConfigException;
import io.medallion.common.config.Settings;
import io.medallion.sink.delta.VacuumResult;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code SinkMaintenanceCli compact|vacuum|checkpoint <table>|--all [key=value ...]} and
 * {@code SinkMaintenanceCli list}. Settings come from {@code MEDALLION_SINK_*} environment
 * variables, overridden by {@code medallion.sink.*=value} arguments.
 */
public final class SinkMaintenanceCli {

    private SinkMaintenanceCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length < 1) {
            err.println("usage: compact|vacuum|checkpoint <table>|--all [medallion.sink.key=value ...] | list");
            return 2;
        }
        String command = args[0];
        boolean list = command.equals("list");
        int firstSetting = list ? 1 : 2;
        if (!list && args.length < 2) {
            err.println("usage: " + command + " <table>|--all [medallion.sink.key=value ...]");
            return 2;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String a : Arrays.copyOfRange(args, firstSetting, args.length)) {
            int eq = a.indexOf('=');
            if (eq < 1) {
                err.println("not a setting (key=value): " + a);
                return 2;
            }
            values.put(a.substring(0, eq), a.substring(eq + 1));
        }
        try {
            StorageConfig config = StorageConfig.from(Settings.empty().withEnvironment(env, StorageConfig.KEYS).with(values));
            SinkMaintenance m = SinkMaintenance.open(config);
            if (list) {
                m.tables().forEach(out::println);
                return 0;
            }
            List<String> tables = args[1].equals("--all") ? m.tables() : List.of(args[1]);
            for (String t : tables) {
                switch (command) {
                    case "compact" -> {
                        SinkMaintenance.CompactionResult r = m.compact(t);
                        out.println(r.table() + ": compacted " + r.filesRemoved() + " files into " + r.filesAdded()
                                + r.version().map(v -> " (version " + v + ")").orElse(""));
                    }
                    case "vacuum" -> {
                        VacuumResult r = m.vacuum(t);
                        out.println(m.qualified(t) + ": deleted " + r.deletedFiles() + " files (" + r.deletedBytes()
                                + " bytes), " + r.referencedFiles() + " referenced");
                    }
                    case "checkpoint" -> {
                        m.checkpoint(t);
                        out.println(m.qualified(t) + ": checkpoint written");
                    }
                    default -> {
                        err.println("unknown command '" + command + "': compact, vacuum, checkpoint or list");
                        return 2;
                    }
                }
            }
            return 0;
        } catch (ConfigException | IllegalArgumentException e) {
            err.println(e.getMessage());
            return 1;
        }
    }
}
