package io.medallion.testkit.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampType;
import io.delta.standalone.actions.AddFile;
import io.medallion.testkit.delta.StandaloneFixtureTable.FixtureRow;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeltaKernelReaderIT {

    private static final Instant TS = Instant.parse("2026-03-01T12:34:56.123456Z");

    private final DeltaKernelReader reader = new DeltaKernelReader();

    @Test
    void readsEveryColumnKindAsPlainJavaValues(@TempDir Path table) throws Exception {
        StandaloneFixtureTable fixture = new StandaloneFixtureTable(table);
        fixture.commit(List.of(
                new FixtureRow(1, "anna", 3, true, new BigDecimal("19.99"), TS, LocalDate.of(2026, 3, 1),
                        "raw".getBytes(StandardCharsets.UTF_8), List.of("a", "b"), Map.of("views", 7L),
                        "Lyon", 69001, "FR"),
                new FixtureRow(2, null, 0, false, new BigDecimal("-0.50"), TS.plusSeconds(1), LocalDate.of(1999, 12, 31),
                        new byte[] {0, (byte) 0xff}, List.of(), Map.of(), null, null, "DE")),
                Optional.empty(), 0);

        DeltaTableSnapshot snapshot = reader.read(table);

        assertThat(snapshot.version()).isZero();
        assertThat(snapshot.partitionColumns()).containsExactly("country");
        assertThat(snapshot.columnNames()).containsExactly("id", "name", "qty", "active", "price", "ts", "day",
                "payload", "tags", "attrs", "address", "country");
        assertThat(snapshot.columnType("id")).isEqualTo(LongType.LONG);
        assertThat(snapshot.columnType("price")).isEqualTo(new DecimalType(10, 2));
        assertThat(snapshot.columnType("ts")).isEqualTo(TimestampType.TIMESTAMP);
        assertThat(snapshot.columnType("address")).isInstanceOf(StructType.class);

        List<Map<String, Object>> rows = sortedById(snapshot);
        Map<String, Object> first = rows.get(0);
        assertThat(first).containsEntry("id", 1L).containsEntry("name", "anna").containsEntry("qty", 3)
                .containsEntry("active", true).containsEntry("price", new BigDecimal("19.99"))
                .containsEntry("ts", TS).containsEntry("day", LocalDate.of(2026, 3, 1))
                .containsEntry("tags", List.of("a", "b")).containsEntry("attrs", Map.of("views", 7L))
                .containsEntry("address", Map.of("city", "Lyon", "zip", 69001))
                .containsEntry("country", "FR");
        assertThat((byte[]) first.get("payload")).isEqualTo("raw".getBytes(StandardCharsets.UTF_8));

        Map<String, Object> second = rows.get(1);
        assertThat(second).containsEntry("name", null).containsEntry("address", null)
                .containsEntry("price", new BigDecimal("-0.50")).containsEntry("day", LocalDate.of(1999, 12, 31))
                .containsEntry("tags", List.of()).containsEntry("attrs", Map.of()).containsEntry("country", "DE");
        assertThat((byte[]) second.get("payload")).containsExactly(0, (byte) 0xff);
    }

    @Test
    void followsVersionsRemovedFilesAndTransactionVersions(@TempDir Path table) throws Exception {
        StandaloneFixtureTable fixture = new StandaloneFixtureTable(table);
        List<AddFile> v0 = fixture.commit(List.of(row(1, "FR"), row(2, "FR")), Optional.of("sink-app"), 7);
        fixture.commit(List.of(row(3, "DE")), Optional.of("sink-app"), 9);
        fixture.remove(v0);

        assertThat(reader.latestVersion(table)).isEqualTo(2);
        assertThat(reader.latestTransactionVersion(table, "sink-app")).contains(9L);
        assertThat(reader.latestTransactionVersion(table, "another-app")).isEmpty();
        assertThat(ids(reader.read(table))).containsExactly(3L);
        assertThat(reader.rowCount(table)).isEqualTo(1);
        assertThat(ids(reader.read(table, 1))).containsExactly(1L, 2L, 3L);
        assertThat(ids(reader.read(table, 0))).containsExactly(1L, 2L);
    }

    @Test
    void aDirectoryWithoutDeltaLogIsNotATable(@TempDir Path empty) {
        assertThatThrownBy(() -> reader.read(empty)).isInstanceOf(TableNotFoundException.class);
    }

    private static FixtureRow row(long id, String country) {
        return new FixtureRow(id, "n" + id, 1, true, new BigDecimal("1.00"), TS, LocalDate.of(2026, 1, 1),
                new byte[] {1}, List.of("t"), Map.of("k", id), "c", 1, country);
    }

    private static List<Map<String, Object>> sortedById(DeltaTableSnapshot snapshot) {
        return snapshot.rows().stream().sorted(Comparator.comparing(r -> (Long) r.get("id"))).toList();
    }

    private static List<Long> ids(DeltaTableSnapshot snapshot) {
        return sortedById(snapshot).stream().map(r -> (Long) r.get("id")).toList();
    }
}
