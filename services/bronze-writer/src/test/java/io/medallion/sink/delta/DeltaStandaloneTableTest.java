package io.medallion.sink.delta;

import io.medallion.sink.TestTables;
import io.medallion.sink.schema.Column;
import io.medallion.sink.schema.ColumnType;
import io.medallion.sink.schema.TableSchema;
import io.medallion.testkit.delta.DeltaKernelReader;
import io.medallion.testkit.delta.DeltaTableSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

import static io.medallion.sink.schema.ColumnType.Primitive.BINARY;
import static io.medallion.sink.schema.ColumnType.Primitive.BOOLEAN;
import static io.medallion.sink.schema.ColumnType.Primitive.DATE;
import static io.medallion.sink.schema.ColumnType.Primitive.DOUBLE;
import static io.medallion.sink.schema.ColumnType.Primitive.FLOAT;
import static io.medallion.sink.schema.ColumnType.Primitive.INT;
import static io.medallion.sink.schema.ColumnType.Primitive.LONG;
import static io.medallion.sink.schema.ColumnType.Primitive.STRING;
import static io.medallion.sink.schema.ColumnType.Primitive.TIMESTAMP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeltaStandaloneTableTest {

    @TempDir
    Path dir;

    private final DeltaKernelReader kernel = new DeltaKernelReader();

    static final TableSchema ALL_TYPES = TableSchema.unpartitioned(List.of(
            Column.optional("s", STRING), Column.optional("l", LONG), Column.optional("i", INT),
            Column.optional("b", BOOLEAN), Column.optional("d", DOUBLE), Column.optional("f", FLOAT),
            Column.optional("bin", BINARY), Column.optional("day", DATE), Column.optional("ts", TIMESTAMP),
            Column.optional("dec_small", new ColumnType.Decimal(7, 4)),
            Column.optional("dec", new ColumnType.Decimal(12, 2)),
            Column.optional("dec_big", new ColumnType.Decimal(30, 5)),
            Column.optional("tags", new ColumnType.ArrayOf(STRING)),
            Column.optional("attrs", new ColumnType.MapOf(STRING, LONG)),
            Column.optional("nested", new ColumnType.Struct(List.of(Column.optional("x", INT), Column.optional("y", STRING))))));

    static Object[] allTypesRow(int n) {
        return new Object[]{"row-" + n, 10_000_000_000L + n, n, n % 2 == 0, n + 0.5, n + 0.25f,
                new byte[]{(byte) n, 2, 3}, (int) LocalDate.of(2024, 5, 1).toEpochDay() + n,
                1_714_521_600_123_456L + n, new BigDecimal("0.1234"), new BigDecimal("-12345.67"),
                new BigDecimal("1234567890123456789012345.12345"), List.of("a", "b" + n),
                Map.of("k", (long) n), new Object[]{n, "y" + n}};
    }

    @Test
    void every_column_type_round_trips_through_delta_kernel() {
        LakehouseTable table = TestTables.storage(dir).open("silver/all_types");
        List<Object[]> rows = List.of(allTypesRow(1), allTypesRow(2), new Object[ALL_TYPES.columns().size()]);
        DataFile file = TestTables.dataFile(table.location(), ALL_TYPES, rows);

        OptionalLong version = table.commit((offsets, schema) -> Optional.of(
                new TableCommit(List.of(file), Optional.of(ALL_TYPES), Map.of("g:t:0", 41L), Map.of("service", "test"))));

        assertThat(version).hasValue(0);
        DeltaTableSnapshot snap = kernel.read(dir.resolve("silver/all_types"));
        assertThat(snap.columnNames()).containsExactly("s", "l", "i", "b", "d", "f", "bin", "day", "ts", "dec_small",
                "dec", "dec_big", "tags", "attrs", "nested");
        assertThat(snap.columnType("dec").toString()).contains("12", "2");
        Map<String, Object> r1 = snap.rows().stream().filter(r -> "row-1".equals(r.get("s"))).findFirst().orElseThrow();
        assertThat(r1.get("l")).isEqualTo(10_000_000_001L);
        assertThat(r1.get("i")).isEqualTo(1);
        assertThat(r1.get("b")).isEqualTo(false);
        assertThat(r1.get("d")).isEqualTo(1.5);
        assertThat(r1.get("f")).isEqualTo(1.25f);
        assertThat((byte[]) r1.get("bin")).containsExactly(1, 2, 3);
        assertThat(r1.get("day")).isEqualTo(LocalDate.of(2024, 5, 2));
        assertThat(r1.get("ts")).isEqualTo(Instant.parse("2024-05-01T00:00:00.123457Z"));
        assertThat(r1.get("dec_small")).isEqualTo(new BigDecimal("0.1234"));
        assertThat(r1.get("dec")).isEqualTo(new BigDecimal("-12345.67"));
        assertThat(r1.get("dec_big")).isEqualTo(new BigDecimal("1234567890123456789012345.12345"));
        assertThat(r1.get("tags")).isEqualTo(List.of("a", "b1"));
        assertThat(r1.get("attrs")).isEqualTo(Map.of("k", 1L));
        assertThat(r1.get("nested")).isEqualTo(Map.of("x", 1, "y", "y1"));
        Map<String, Object> empty = snap.rows().stream().filter(r -> r.get("s") == null).findFirst().orElseThrow();
        assertThat(empty.values()).allMatch(v -> v == null);
        assertThat(kernel.latestTransactionVersion(dir.resolve("silver/all_types"), "g:t:0")).contains(41L);
        assertThat(table.committedOffset("g:t:0")).hasValue(41);
        assertThat(table.committedOffset("g:t:1")).isEmpty();
    }

    @Test
    void stats_and_commit_info_are_written_as_delta_expects() throws IOException {
        LakehouseTable table = TestTables.storage(dir).open("t");
        DataFile file = TestTables.dataFile(table.location(), ALL_TYPES, List.of(allTypesRow(1), allTypesRow(5)));
        table.commit((offsets, schema) -> Optional.of(new TableCommit(List.of(file), Optional.of(ALL_TYPES),
                Map.of("g:t:0", 7L), Map.of("service", "bronze-writer[bronze]", "offsets", "{\"g:t:0\":7}"))));

        String log = Files.readString(dir.resolve("t/_delta_log/00000000000000000000.json"));
        // stats is a JSON string inside the add action, not a nested object (delta-io/connectors#380)
        assertThat(log).contains("\"stats\":\"{\\\"numRecords\\\":2,");
        assertThat(log).contains("\\\"minValues\\\":{\\\"s\\\":\\\"row-1\\\",\\\"l\\\":10000000001");
        assertThat(log).contains("\\\"maxValues\\\":{\\\"s\\\":\\\"row-5\\\"");
        assertThat(log).contains("\"txn\":{\"appId\":\"g:t:0\",\"version\":7");
        assertThat(log).contains("\"operation\":\"STREAMING UPDATE\"");
        assertThat(log).contains("bronze-writer[bronze]");
        assertThat(log).contains("medallion-test");
        assertThat(kernel.rowCount(dir.resolve("t"))).isEqualTo(2);
    }

    @Test
    void a_concurrent_commit_of_the_same_app_id_makes_the_attempt_run_again_with_the_winners_offsets() {
        LakehouseTable mine = TestTables.storage(dir).open("t");
        LakehouseTable theirs = TestTables.storage(dir).open("t");
        TableSchema schema = TableSchema.unpartitioned(List.of(Column.optional("n", LONG)));
        mine.commit((o, s) -> Optional.of(new TableCommit(List.of(), Optional.of(schema), Map.of("app", 9L), Map.of())));

        List<OptionalLong> seen = new ArrayList<>();
        OptionalLong version = mine.commit((offsets, s) -> {
            seen.add(offsets.apply("app"));
            if (seen.size() == 1) {
                // Another writer commits the same partition between our read and our commit.
                theirs.commit((o2, s2) -> Optional.of(new TableCommit(List.of(), Optional.empty(), Map.of("app", 20L), Map.of())));
            }
            long c = offsets.apply("app").orElse(-1);
            return c >= 15 ? Optional.empty() : Optional.of(new TableCommit(List.of(), Optional.empty(), Map.of("app", 15L), Map.of()));
        });

        assertThat(seen).containsExactly(OptionalLong.of(9), OptionalLong.of(20));
        assertThat(version).isEmpty();
        assertThat(kernel.latestTransactionVersion(dir.resolve("t"), "app")).contains(20L);
    }

    @Test
    void a_schema_change_is_a_metadata_update_in_the_same_commit() {
        LakehouseTable table = TestTables.storage(dir).open("t");
        TableSchema v1 = TableSchema.unpartitioned(List.of(Column.optional("a", LONG)));
        TableSchema v2 = v1.plus(List.of(Column.optional("b", STRING)));
        table.commit((o, s) -> Optional.of(new TableCommit(List.of(TestTables.dataFile(table.location(), v1,
                List.<Object[]>of(new Object[]{1L}))), Optional.of(v1), Map.of(), Map.of())));
        table.commit((o, s) -> {
            assertThat(s).contains(v1);
            return Optional.of(new TableCommit(List.of(TestTables.dataFile(table.location(), v2,
                    List.<Object[]>of(new Object[]{2L, "two"}))), Optional.of(v2), Map.of(), Map.of()));
        });

        assertThat(table.schema()).contains(v2);
        DeltaTableSnapshot snap = kernel.read(dir.resolve("t"));
        assertThat(snap.columnNames()).containsExactly("a", "b");
        assertThat(snap.rows()).extracting(r -> r.get("a") + "/" + r.get("b")).containsExactlyInAnyOrder("1/null", "2/two");
    }

    @Test
    void vacuum_deletes_only_unreferenced_files_older_than_the_retention() throws IOException {
        LakehouseTable table = TestTables.storage(dir).open("t");
        TableSchema schema = TableSchema.unpartitioned(List.of(Column.optional("a", LONG)));
        DataFile kept = TestTables.dataFile(table.location(), schema, List.<Object[]>of(new Object[]{1L}));
        table.commit((o, s) -> Optional.of(new TableCommit(List.of(kept), Optional.of(schema), Map.of(), Map.of())));
        DataFile orphan = TestTables.dataFile(table.location(), schema, List.<Object[]>of(new Object[]{2L}));

        VacuumResult young = table.vacuum(Duration.ofHours(1), Instant.now());
        assertThat(young.deletedFiles()).isZero();
        assertThat(dir.resolve("t").resolve(orphan.path())).exists();

        VacuumResult result = table.vacuum(Duration.ZERO, Instant.now().plusSeconds(1));
        assertThat(result.deletedFiles()).isEqualTo(1);
        assertThat(dir.resolve("t").resolve(orphan.path())).doesNotExist();
        assertThat(dir.resolve("t").resolve(kept.path())).exists();
        assertThat(dir.resolve("t/_delta_log/00000000000000000000.json")).exists();
        assertThat(kernel.rowCount(dir.resolve("t"))).isEqualTo(1);
    }

    @Test
    void rewrite_replaces_files_without_changing_rows_and_vacuum_keeps_recently_removed_files() {
        LakehouseTable table = TestTables.storage(dir).open("t");
        TableSchema schema = TableSchema.unpartitioned(List.of(Column.optional("a", LONG)));
        DataFile f1 = TestTables.dataFile(table.location(), schema, List.<Object[]>of(new Object[]{1L}));
        DataFile f2 = TestTables.dataFile(table.location(), schema, List.<Object[]>of(new Object[]{2L}));
        table.commit((o, s) -> Optional.of(new TableCommit(List.of(f1, f2), Optional.of(schema), Map.of("app", 3L), Map.of())));
        DataFile merged = TestTables.dataFile(table.location(), schema, List.<Object[]>of(new Object[]{1L}, new Object[]{2L}));

        table.rewrite(table.files(), List.of(merged), Map.of("operation", "compaction"));

        assertThat(table.files()).extracting(TableFile::path).containsExactly(merged.path());
        assertThat(kernel.read(dir.resolve("t")).rows()).extracting(r -> r.get("a")).containsExactlyInAnyOrder(1L, 2L);
        assertThat(table.committedOffset("app")).hasValue(3);
        // Removed a moment ago: readers of version 0 may still need them.
        assertThat(table.vacuum(Duration.ofHours(1), Instant.now().plus(Duration.ofMinutes(30))).deletedFiles()).isZero();
        assertThat(table.vacuum(Duration.ZERO, Instant.now().plusSeconds(1)).deletedFiles()).isEqualTo(2);
        assertThat(kernel.read(dir.resolve("t")).rows()).extracting(r -> r.get("a")).containsExactlyInAnyOrder(1L, 2L);
    }

    @Test
    void rewrite_of_files_another_writer_already_removed_fails() {
        LakehouseTable table = TestTables.storage(dir).open("t");
        TableSchema schema = TableSchema.unpartitioned(List.of(Column.optional("a", LONG)));
        DataFile f1 = TestTables.dataFile(table.location(), schema, List.<Object[]>of(new Object[]{1L}));
        table.commit((o, s) -> Optional.of(new TableCommit(List.of(f1), Optional.of(schema), Map.of(), Map.of())));
        List<TableFile> files = table.files();
        DataFile a = TestTables.dataFile(table.location(), schema, List.<Object[]>of(new Object[]{1L}));
        table.rewrite(files, List.of(a), Map.of());
        DataFile b = TestTables.dataFile(table.location(), schema, List.<Object[]>of(new Object[]{1L}));

        assertThatThrownBy(() -> table.rewrite(files, List.of(b), Map.of())).isInstanceOf(RuntimeException.class);
        assertThat(kernel.rowCount(dir.resolve("t"))).isEqualTo(1);
    }

    @Test
    void automatic_checkpoints_every_ten_commits_and_a_forced_one_coexist() throws IOException {
        LakehouseTable table = TestTables.storage(dir).open("t");
        TableSchema schema = TableSchema.unpartitioned(List.of(Column.optional("a", LONG)));
        for (long i = 0; i < 25; i++) {
            long n = i;
            table.commit((o, s) -> Optional.of(new TableCommit(List.of(TestTables.dataFile(table.location(), schema,
                    List.<Object[]>of(new Object[]{n}))), Optional.of(schema), Map.of("app", n), Map.of())));
        }
        table.checkpoint();
        table.checkpoint();

        try (Stream<Path> files = Files.list(dir.resolve("t/_delta_log"))) {
            assertThat(files.map(p -> p.getFileName().toString())).contains("00000000000000000010.checkpoint.parquet",
                    "00000000000000000020.checkpoint.parquet", "00000000000000000024.checkpoint.parquet");
        }
        assertThat(Files.readString(dir.resolve("t/_delta_log/_last_checkpoint"))).contains("\"version\":24");
        assertThat(kernel.rowCount(dir.resolve("t"))).isEqualTo(25);
        assertThat(kernel.latestTransactionVersion(dir.resolve("t"), "app")).contains(24L);
    }

    @Test
    void checkpoint_writes_a_parquet_checkpoint_kernel_reads() throws IOException {
        LakehouseTable table = TestTables.storage(dir).open("t");
        TableSchema schema = TableSchema.unpartitioned(List.of(Column.optional("a", LONG)));
        for (long i = 0; i < 3; i++) {
            long n = i;
            table.commit((o, s) -> Optional.of(new TableCommit(List.of(TestTables.dataFile(table.location(), schema,
                    List.<Object[]>of(new Object[]{n}))), Optional.of(schema), Map.of("app", n), Map.of())));
        }
        table.checkpoint();

        try (Stream<Path> files = Files.list(dir.resolve("t/_delta_log"))) {
            assertThat(files.map(p -> p.getFileName().toString())).contains("00000000000000000002.checkpoint.parquet");
        }
        assertThat(kernel.rowCount(dir.resolve("t"))).isEqualTo(3);
        assertThat(kernel.latestTransactionVersion(dir.resolve("t"), "app")).contains(2L);
        assertThat(Arrays.asList(table.version())).containsExactly(2L);
    }
    @Test
    void checkpoints_racing_a_writers_automatic_checkpoints_neither_fail_nor_lose_a_commit() throws Exception {
        // Two handles on one table, as two processes would have: one appends (checkpointing itself
        // every tenth commit), the other forces checkpoints as the maintenance schedule does.
        LakehouseTable writer = TestTables.storage(dir).open("t");
        LakehouseTable maintenance = TestTables.storage(dir).open("t");
        TableSchema schema = TableSchema.unpartitioned(List.of(Column.optional("a", LONG)));
        writer.commit((o, s) -> Optional.of(new TableCommit(List.of(TestTables.dataFile(writer.location(), schema,
                List.<Object[]>of(new Object[]{0L}))), Optional.of(schema), Map.of("app", 0L), Map.of())));
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.CompletableFuture<Integer> checkpoints = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            int n = 0;
            while (!done.get()) {
                maintenance.checkpoint();
                n++;
            }
            return n;
        });
        try {
            for (long i = 1; i < 60; i++) {
                long n = i;
                writer.commit((o, s) -> Optional.of(new TableCommit(List.of(TestTables.dataFile(writer.location(), schema,
                        List.<Object[]>of(new Object[]{n}))), Optional.empty(), Map.of("app", n), Map.of())));
            }
        } finally {
            done.set(true);
        }
        assertThat(checkpoints.get(60, java.util.concurrent.TimeUnit.SECONDS)).isPositive();
        maintenance.checkpoint();

        assertThat(writer.version()).isEqualTo(59);
        assertThat(kernel.rowCount(dir.resolve("t"))).isEqualTo(60);
        assertThat(kernel.latestTransactionVersion(dir.resolve("t"), "app")).contains(59L);
        assertThat(Files.readString(dir.resolve("t/_delta_log/_last_checkpoint"))).contains("\"version\":59");
    }
}
