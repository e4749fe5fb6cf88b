package io.medallion.local;

import io.medallion.testkit.delta.DeltaKernelReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Delta tables of one layer as a reader finds them: listed from the folder, counted with
 * Delta Kernel (not with the sink's own code), for the final summary.
 */
final class DeltaTables {

    private DeltaTables() {
    }

    /** The tables directly under a layer's folder (folders holding a {@code _delta_log}), by name. */
    static List<Path> under(Path layerDirectory) {
        if (!Files.isDirectory(layerDirectory)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(layerDirectory)) {
            return children.filter(p -> Files.isDirectory(p.resolve("_delta_log"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + layerDirectory, e);
        }
    }

    /** {@code <service>: rows per Delta table ... (<folder>)}, then one line per table. */
    static List<String> summary(String service, Path layerDirectory) {
        List<Path> tables = under(layerDirectory);
        List<String> lines = new ArrayList<>();
        if (tables.isEmpty()) {
            lines.add(service + ": no Delta tables yet in " + layerDirectory);
            return lines;
        }
        lines.add(service + ": rows per Delta table, read back with Delta Kernel (" + layerDirectory + ")");
        DeltaKernelReader reader = new DeltaKernelReader();
        String layer = layerDirectory.getFileName().toString();
        for (Path table : tables) {
            String name = layer + "/" + table.getFileName();
            String rows;
            try {
                rows = Formats.count(reader.rowCount(table));
            } catch (RuntimeException e) {
                rows = "unreadable: " + e.getMessage();
            }
            lines.add(String.format("  %-28s %12s", name, rows));
        }
        return lines;
    }
}
