package io.medallion.avro;

import org.apache.avro.Schema;
import org.apache.avro.AvroRuntimeException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Loads the hand-written contracts from {@code src/main/avro}, resolving references between files. */
final class Contracts {

    static final Path SOURCE_DIR = Path.of("src/main/avro");
    static final Path HISTORY_DIR = Path.of("src/test/resources/history");

    private Contracts() {
    }

    /** Every contract by full name, in an order where each file's references are defined first. */
    static Map<String, Schema> load() {
        List<Path> pending = avscFiles();
        Map<String, Schema> known = new LinkedHashMap<>();
        while (!pending.isEmpty()) {
            List<Path> unresolved = new ArrayList<>();
            AvroRuntimeException last = null;
            for (Path file : pending) {
                try {
                    Schema.Parser parser = new Schema.Parser();
                    parser.addTypes(known.values());
                    Schema schema = parser.parse(file.toFile());
                    known.put(schema.getFullName(), schema);
                } catch (AvroRuntimeException e) {
                    unresolved.add(file);
                    last = e;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            if (unresolved.size() == pending.size()) {
                throw new IllegalStateException("Cannot resolve contracts " + unresolved, last);
            }
            pending = unresolved;
        }
        return known;
    }

    private static List<Path> avscFiles() {
        try (Stream<Path> files = Files.walk(SOURCE_DIR)) {
            return files.filter(p -> p.toString().endsWith(".avsc")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
