package io.medallion.bench.fleet.lake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the JSON commits of a Delta table's {@code _delta_log} directly: when each version was
 * committed and which files it added. What a streaming reader sees as "new data at time T", and
 * the basis of the harness's freshness figures (source commit to Delta commit). Checkpoints do
 * not replace the JSON files (log retention is 30 days), so every version is there.
 */
public final class DeltaLog {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern COMMIT_FILE = Pattern.compile("\\d{20}\\.json");

    private DeltaLog() {
    }

    /** Every commit in version order; empty when the directory holds no Delta log. */
    public static List<DeltaCommit> read(Path table) {
        Path log = table.resolve("_delta_log");
        if (!Files.isDirectory(log)) {
            return List.of();
        }
        List<DeltaCommit> commits = new ArrayList<>();
        try (Stream<Path> files = Files.list(log)) {
            for (Path f : files.filter(p -> COMMIT_FILE.matcher(p.getFileName().toString()).matches()).sorted().toList()) {
                long version = Long.parseLong(f.getFileName().toString().substring(0, 20));
                commits.add(parse(version, Files.readAllLines(f), Files.getLastModifiedTime(f).toMillis()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the Delta log of " + table, e);
        }
        return commits;
    }

    /** One commit file's lines (one action per line). */
    static DeltaCommit parse(long version, List<String> lines, long fileModifiedMs) {
        long timestamp = fileModifiedMs;
        String operation = "";
        List<AddedFile> adds = new ArrayList<>();
        int removes = 0;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode action;
            try {
                action = JSON.readTree(line);
            } catch (IOException e) {
                throw new IllegalStateException("version " + version + " holds a line that is not JSON: " + line, e);
            }
            if (action.has("commitInfo")) {
                JsonNode info = action.get("commitInfo");
                if (info.hasNonNull("timestamp")) {
                    timestamp = info.get("timestamp").asLong();
                }
                operation = info.path("operation").asText("");
            } else if (action.has("add")) {
                JsonNode add = action.get("add");
                adds.add(new AddedFile(URI.create(add.get("path").asText()).getPath(), add.path("size").asLong(),
                        add.path("modificationTime").asLong(), add.path("dataChange").asBoolean(true), numRecords(add)));
            } else if (action.has("remove")) {
                removes++;
            }
        }
        return new DeltaCommit(version, timestamp, operation, adds, removes);
    }

    private static long numRecords(JsonNode add) {
        JsonNode stats = add.get("stats");
        if (stats == null || stats.isNull()) {
            return -1;
        }
        try {
            JsonNode parsed = stats.isTextual() ? JSON.readTree(stats.asText()) : stats;
            return parsed.path("numRecords").asLong(-1);
        } catch (IOException e) {
            return -1;
        }
    }
}
