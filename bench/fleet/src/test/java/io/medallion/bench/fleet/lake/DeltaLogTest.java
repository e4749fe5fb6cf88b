package io.medallion.bench.fleet.lake;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DeltaLogTest {

    @Test
    void readsCommitTimeAddsAndTheirRecordCounts() {
        DeltaCommit c = DeltaLog.parse(3, List.of(
                "{\"commitInfo\":{\"timestamp\":1763900000123,\"operation\":\"WRITE\"}}",
                "{\"txn\":{\"appId\":\"g:t:0\",\"version\":41}}",
                "{\"add\":{\"path\":\"_ingestion_date=2026-11-23/part%20a.parquet\",\"size\":100,\"modificationTime\":5,"
                        + "\"dataChange\":true,\"stats\":\"{\\\"numRecords\\\":7}\"}}",
                "{\"add\":{\"path\":\"b.parquet\",\"size\":9,\"modificationTime\":6,\"dataChange\":false}}",
                "{\"remove\":{\"path\":\"c.parquet\",\"dataChange\":false}}"), 99);
        assertThat(c.version()).isEqualTo(3);
        assertThat(c.timestampMs()).isEqualTo(1763900000123L);
        assertThat(c.operation()).isEqualTo("WRITE");
        assertThat(c.adds()).containsExactly(new AddedFile("_ingestion_date=2026-11-23/part a.parquet", 100, 5, true, 7),
                new AddedFile("b.parquet", 9, 6, false, -1));
        assertThat(c.removes()).isEqualTo(1);
        assertThat(c.newRows()).as("the compaction rewrite is not new data").isEqualTo(7);
    }

    @Test
    void withoutCommitInfoTheFileTimeIsTheCommitTime() {
        assertThat(DeltaLog.parse(0, List.of("{\"protocol\":{}}"), 42).timestampMs()).isEqualTo(42);
    }

    @Test
    void readsEveryJsonVersionInOrderAndIgnoresCheckpoints(@TempDir Path table) throws Exception {
        Path log = Files.createDirectories(table.resolve("_delta_log"));
        Files.writeString(log.resolve("00000000000000000001.json"), "{\"commitInfo\":{\"timestamp\":2}}\n");
        Files.writeString(log.resolve("00000000000000000000.json"), "{\"commitInfo\":{\"timestamp\":1}}\n");
        Files.writeString(log.resolve("00000000000000000001.checkpoint.parquet"), "not json");
        Files.writeString(log.resolve("_last_checkpoint"), "{}");
        assertThat(DeltaLog.read(table)).extracting(DeltaCommit::version).containsExactly(0L, 1L);
        assertThat(DeltaLog.read(table.resolve("nothing"))).isEmpty();
    }

    @Test
    void lakeTablesMapBackToTheirTopics() {
        assertThat(ShopTables.topicOf("bronze", "shop_order_details")).contains("cdc.shop.order_details");
        assertThat(ShopTables.topicOf("silver", "quarantine")).contains("silver.quarantine");
        assertThat(ShopTables.topicOf("gold", "kpi_1m")).contains("gold.kpi_1m");
        assertThat(ShopTables.topicOf("gold", "_sink_dead_letters")).isEmpty();
        assertThat(ShopTables.keyColumn("order_details")).isEqualTo("order_detail_id");
        assertThat(ShopTables.keyColumn("web_events")).isEqualTo("id");
    }
}
