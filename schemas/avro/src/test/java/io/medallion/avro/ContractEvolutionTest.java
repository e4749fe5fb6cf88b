package io.medallion.avro;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every contract must read data written with each of its committed versions (BACKWARD,
 * checked transitively), and every change must be committed as a new version under
 * {@code src/test/resources/history/<full name>/v<N>.avsc}, so an incompatible edit fails the
 * build rather than a consumer in production.
 */
class ContractEvolutionTest {

    private static final Map<String, Schema> CURRENT = Contracts.load();

    @TestFactory
    Stream<DynamicTest> everyContractReadsEveryCommittedVersion() {
        return CURRENT.values().stream().map(current -> DynamicTest.dynamicTest(current.getFullName(), () -> {
            List<Path> versions = history(current.getFullName());
            assertThat(versions)
                    .as("committed versions of %s (add %s/v1.avsc)", current.getFullName(), historyDir(current.getFullName()))
                    .isNotEmpty();
            for (Path version : versions) {
                Schema writer = new Schema.Parser().parse(version.toFile());
                SchemaCompatibility.SchemaPairCompatibility result =
                        SchemaCompatibility.checkReaderWriterCompatibility(current, writer);
                if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
                    fail("%s cannot read data written with %s: %s", current.getFullName(), version,
                            result.getResult().getIncompatibilities().stream()
                                    .map(i -> i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")")
                                    .toList());
                }
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyChangeIsCommittedAsANewVersion() {
        return CURRENT.values().stream().map(current -> DynamicTest.dynamicTest(current.getFullName(), () -> {
            List<Path> versions = history(current.getFullName());
            assertThat(versions).isNotEmpty();
            Path latest = versions.get(versions.size() - 1);
            Schema committed = new Schema.Parser().parse(latest.toFile());
            if (!SchemaNormalization.toParsingForm(committed).equals(SchemaNormalization.toParsingForm(current))
                    || !committed.equals(current)) {
                fail("%s differs from its latest committed version %s. Once it is compatible, commit it as %s/v%d.avsc:%n%s",
                        current.getFullName(), latest, historyDir(current.getFullName()), versions.size() + 1,
                        current.toString(true));
            }
        }));
    }

    @Test
    void anIncompatibleEditIsDetected() {
        Schema webEvent = CURRENT.get("io.medallion.avro.silver.WebEvent");
        // A new required field without a default cannot read old data.
        String edited = webEvent.toString().replaceFirst("\\[\\{",
                "[{\"name\":\"session_id\",\"type\":\"string\"},{");
        Schema incompatible = new Schema.Parser().parse(edited);
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(incompatible, webEvent).getType())
                .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    }

    private static Path historyDir(String fullName) {
        return Contracts.HISTORY_DIR.resolve(fullName);
    }

    private static List<Path> history(String fullName) throws IOException {
        Path dir = historyDir(fullName);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("v\\d+\\.avsc"))
                    .sorted(Comparator.comparingInt(ContractEvolutionTest::versionNumber))
                    .toList();
        }
    }

    private static int versionNumber(Path p) {
        String name = p.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.length() - ".avsc".length()));
    }
}
