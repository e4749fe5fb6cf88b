package io.medallion.capture.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.medallion.capture.CaptureConfig;
import io.medallion.capture.CaptureService;
import io.medallion.capture.EngineState;
import io.medallion.capture.metrics.CaptureMetrics;
import io.medallion.capture.wal.WalGapException;
import io.medallion.common.config.ConfigException;
import io.medallion.common.config.Settings;
import io.medallion.registry.client.SchemaRegistryClient;
import io.medallion.registry.client.SchemaRegistryClients;
import io.medallion.testkit.LocalResources;
import io.medallion.testkit.node.NodeInterop;
import io.medallion.testkit.postgres.EmbeddedPostgresServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** cdc-capture against real PostgreSQL (pgoutput), a real broker and the project's registry. */
class CaptureIT {

    private final List<CaptureService> started = new ArrayList<>();

    @AfterEach
    void stopServices() {
        started.forEach(CaptureService::close);
    }

    @Test
    void snapshotThenInsertUpdateDeleteFollowTheContract() throws Exception {
        CaptureFixture f = CaptureFixture.create("flow");
        f.sql("""
                INSERT INTO shop.suppliers (name, country) VALUES ('Acme', 'DE');
                INSERT INTO shop.products (sku, name, category, supplier_id, unit_price) VALUES ('SKU-1', 'Mug', 'kitchen', 1, 19.99);
                INSERT INTO shop.web_events (event_id, user_id, event_type, price, quantity, ts)
                    VALUES ('e-1', 'u-1', 'page_view', 19.990, 1, '2024-05-01T10:00:00.123456Z');
                """);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        CaptureService capture = start(f, meters);

        List<TopicContents.Decoded> snapshot = awaitRecords(f, "products", 1);
        f.sql("""
                INSERT INTO shop.customers (first_name, last_name, email, country, segment) VALUES ('Ann', 'Lee', 'ann@example.com', 'FR', 'consumer');
                UPDATE shop.products SET unit_price = 21.50 WHERE sku = 'SKU-1';
                DELETE FROM shop.products WHERE sku = 'SKU-1';
                """);
        List<TopicContents.Decoded> products = awaitRecords(f, "products", 3);

        TopicContents.Decoded read = snapshot.get(0);
        assertThat(read.op()).isEqualTo("r");
        assertThat(read.before()).isNull();
        assertThat(read.source().get("snapshot").toString()).isIn("true", "first", "last", "first_in_data_collection", "last_in_data_collection");
        assertThat(decimal(read.after().get("unit_price"), 2)).isEqualByComparingTo("19.99");
        assertThat(read.key().getSchema().getFullName()).isEqualTo(f.topic("products") + ".Key");
        assertThat(read.key().getSchema().getFields()).extracting(Schema.Field::name).containsExactly("product_id");
        assertThat(read.value().getSchema().getFullName()).isEqualTo(f.topic("products") + ".Envelope");
        assertThat(read.source().getSchema().getFullName()).isEqualTo("io.medallion.cdc.Source");
        assertThat(read.source().getSchema().getFields()).extracting(Schema.Field::name)
                .containsExactly("db", "schema", "table", "lsn", "tx_id", "ts_ms", "snapshot");

        TopicContents.Decoded update = products.get(1);
        assertThat(update.op()).isEqualTo("u");
        assertThat(decimal(update.before().get("unit_price"), 2)).isEqualByComparingTo("19.99");
        assertThat(decimal(update.after().get("unit_price"), 2)).isEqualByComparingTo("21.50");
        assertThat(update.source().get("snapshot").toString()).isEqualTo("false");
        assertThat(update.source().get("db").toString()).isEqualTo(f.database);
        assertThat(update.source().get("table").toString()).isEqualTo("products");
        assertThat((Long) update.source().get("lsn")).isPositive();
        assertThat(update.key().get("product_id")).isEqualTo(1L);

        TopicContents.Decoded delete = products.get(2);
        assertThat(delete.op()).isEqualTo("d");
        assertThat(delete.after()).isNull();
        assertThat(delete.before().get("sku").toString()).isEqualTo("SKU-1");
        assertThat(delete.before().get("name").toString()).isEqualTo("Mug");
        assertThat(products).allSatisfy(r -> assertThat(r.rawValue()).isNotNull());

        TopicContents.Decoded event = awaitRecords(f, "web_events", 1).get(0);
        // Plain decimal text of the exact value; Debezium drops trailing zeros of an unconstrained numeric.
        assertThat(new BigDecimal(event.after().get("price").toString())).isEqualByComparingTo("19.990");
        assertThat(event.after().get("price").toString()).matches("-?\\d+(\\.\\d+)?");
        assertThat(event.after().get("ts")).isEqualTo(micros(Instant.parse("2024-05-01T10:00:00.123456Z")));
        Schema ts = nonNull(event.after().getSchema().getField("ts").schema());
        assertThat(ts.getLogicalType().getName()).isEqualTo("timestamp-micros");

        TopicContents.Decoded customer = awaitRecords(f, "customers", 1).get(0);
        assertThat(customer.op()).isEqualTo("c");
        assertThat(customer.after().get("country").toString()).isEqualTo("FR");
        assertThat(nonNull(customer.after().getSchema().getField("created_at").schema()).getLogicalType().getName())
                .isEqualTo("timestamp-micros");

        try (SchemaRegistryClient registry = SchemaRegistryClients.create(Map.of("schema.registry.url", CaptureFixture.registryUrl()))) {
            assertThat(registry.getSubjects()).contains(f.topic("products") + "-key", f.topic("products") + "-value",
                    f.topic("web_events") + "-value", f.topic("customers") + "-value");
        }

        List<TopicContents.Decoded> heartbeats = await().atMost(Duration.ofSeconds(30)).until(
                () -> TopicContents.read(f.kafka.bootstrapServers(), CaptureFixture.registryUrl(), "__debezium-heartbeat." + f.name),
                l -> !l.isEmpty());
        assertThat(heartbeats.get(0).key().get("serverName").toString()).isEqualTo(f.name);
        assertThat((Long) heartbeats.get(0).value().get("ts_ms")).isPositive();

        assertThat(capture.health().ready()).isTrue();
        assertThat(capture.stats().state()).isEqualTo(EngineState.STREAMING);
        assertThat(capture.stats().changesPerTable()).containsEntry("shop.products", 3L).containsEntry("shop.customers", 1L);
        assertThat(meters.get(CaptureMetrics.RECORDS).tag("table", "shop.products").counter().count()).isEqualTo(3.0);
        assertThat(meters.get(CaptureMetrics.LAG).timer().count()).isGreaterThanOrEqualTo(3);
        await().atMost(Duration.ofSeconds(10)).until(() -> capture.stats().slotLagBytes() >= 0);
        assertThat(meters.get(CaptureMetrics.SLOT_RETAINED_WAL).gauge().value()).isGreaterThanOrEqualTo(0.0);

        List<TopicContents.Decoded> all = new ArrayList<>(products);
        all.add(event);
        all.add(customer);
        assertDecodableByConfluentNodeClient(all);
    }

    @Test
    void changesOfOneTransactionShareItsTxId() throws Exception {
        CaptureFixture f = CaptureFixture.create("tx");
        f.sql("""
                INSERT INTO shop.customers (first_name, last_name, email, country, segment) VALUES ('Ann', 'Lee', 'a@x', 'FR', 'consumer');
                INSERT INTO shop.products (sku, name, category, unit_price) VALUES ('A', 'a', 'c', 1.00), ('B', 'b', 'c', 2.00);
                """);
        start(f, new SimpleMeterRegistry());
        awaitRecords(f, "products", 2);

        try (Connection c = f.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("INSERT INTO shop.orders (customer_id, status, currency, total_amount) VALUES (1, 'pending', 'EUR', 3.00)");
            s.execute("INSERT INTO shop.order_details (order_id, product_id, quantity, unit_price) VALUES (1, 1, 1, 1.00), (1, 2, 1, 2.00)");
            s.execute("UPDATE shop.products SET active = false WHERE sku = 'A'");
            c.commit();
            s.execute("INSERT INTO shop.orders (customer_id, status, currency, total_amount) VALUES (1, 'paid', 'EUR', 9.00)");
            c.commit();
        }

        List<TopicContents.Decoded> orders = awaitRecords(f, "orders", 2);
        List<TopicContents.Decoded> details = awaitRecords(f, "order_details", 2);
        List<TopicContents.Decoded> productUpdates = awaitRecords(f, "products", 3).stream().filter(r -> r.op().equals("u")).toList();

        Object txId = orders.get(0).source().get("tx_id");
        assertThat(txId).isNotNull();
        assertThat(details).extracting(r -> r.source().get("tx_id")).containsOnly(txId);
        assertThat(productUpdates).extracting(r -> r.source().get("tx_id")).containsExactly(txId);
        assertThat(orders.get(1).source().get("tx_id")).isNotEqualTo(txId);
        assertThat(orders.get(0).source().get("ts_ms")).isEqualTo(details.get(0).source().get("ts_ms"));
    }

    @Test
    void addedColumnRegistersACompatibleVersionAndFlowsWithoutRestart() {
        CaptureFixture f = CaptureFixture.create("evolve");
        CaptureService capture = start(f, new SimpleMeterRegistry());
        f.sql("INSERT INTO shop.customers (first_name, last_name, email, country, segment) VALUES ('Ann', 'Lee', 'a@x', 'FR', 'consumer')");
        awaitRecords(f, "customers", 1);

        f.sql("ALTER TABLE shop.customers ADD COLUMN loyalty_tier text");
        f.sql("INSERT INTO shop.customers (first_name, last_name, email, country, segment, loyalty_tier) VALUES ('Bo', 'Ek', 'b@x', 'SE', 'consumer', 'gold')");
        List<TopicContents.Decoded> customers = awaitRecords(f, "customers", 2);

        assertThat(customers.get(0).after().getSchema().getField("loyalty_tier")).isNull();
        assertThat(customers.get(1).after().get("loyalty_tier").toString()).isEqualTo("gold");
        Schema.Field added = customers.get(1).after().getSchema().getField("loyalty_tier");
        assertThat(added.schema().getType()).isEqualTo(Schema.Type.UNION);
        assertThat(added.hasDefaultValue()).isTrue();
        try (SchemaRegistryClient registry = SchemaRegistryClients.create(Map.of("schema.registry.url", CaptureFixture.registryUrl()))) {
            String subject = f.topic("customers") + "-value";
            assertThat(registry.getVersions(subject)).hasSize(2);
            assertThat(org.apache.avro.SchemaCompatibility.checkReaderWriterCompatibility(
                    registry.getSchema(subject, 2).schema(), registry.getSchema(subject, 1).schema()).getType())
                    .isEqualTo(org.apache.avro.SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
        }
        assertThat(capture.stats().state()).isEqualTo(EngineState.STREAMING);
    }

    @Test
    void restartResumesFromStoredOffsetsWithoutSnapshottingAgain() {
        CaptureFixture f = CaptureFixture.create("resume");
        f.sql("INSERT INTO shop.warehouses (code, name, country, city, capacity) VALUES ('W1', 'North', 'DE', 'Kiel', 100)");
        CaptureService first = start(f, new SimpleMeterRegistry());
        awaitRecords(f, "warehouses", 1);
        assertThat(first.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
        first.close();

        f.sql("INSERT INTO shop.warehouses (code, name, country, city, capacity) VALUES ('W2', 'South', 'DE', 'Ulm', 50)");
        start(f, new SimpleMeterRegistry());
        List<TopicContents.Decoded> records = awaitRecords(f, "warehouses", 2);

        assertThat(records).extracting(TopicContents.Decoded::op).containsExactly("r", "c");
        assertThat(records.get(1).after().get("code").toString()).isEqualTo("W2");
    }

    @Test
    void refusesToStartWhenTheSlotIsGone() {
        CaptureFixture f = CaptureFixture.create("noslot");
        CaptureService first = start(f, new SimpleMeterRegistry());
        f.sql("INSERT INTO shop.warehouses (code, name, country, city, capacity) VALUES ('W1', 'North', 'DE', 'Kiel', 100)");
        awaitRecords(f, "warehouses", 1);
        assertThat(first.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
        first.close();
        f.sql("SELECT pg_drop_replication_slot('" + f.slot() + "')");

        CaptureService second = f.service(new SimpleMeterRegistry());
        started.add(second);
        assertThatThrownBy(second::start).isInstanceOf(WalGapException.class)
                .hasMessageContaining("'" + f.slot() + "'").hasMessageContaining("does not exist");
        assertThat(second.health().live()).isFalse();
        assertThat(second.stats().state()).isEqualTo(EngineState.FAILED);
    }

    @Test
    void refusesToStartWhenTheSlotMovedPastTheStoredOffsets() {
        CaptureFixture f = CaptureFixture.create("ahead");
        CaptureService first = start(f, new SimpleMeterRegistry());
        f.sql("INSERT INTO shop.warehouses (code, name, country, city, capacity) VALUES ('W1', 'North', 'DE', 'Kiel', 100)");
        awaitRecords(f, "warehouses", 1);
        assertThat(first.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
        first.close();
        f.sql("INSERT INTO shop.warehouses (code, name, country, city, capacity) VALUES ('W2', 'South', 'DE', 'Ulm', 50)");
        f.sql("SELECT pg_replication_slot_advance('" + f.slot() + "', pg_current_wal_lsn())");

        CaptureService second = f.service(new SimpleMeterRegistry());
        started.add(second);
        assertThatThrownBy(second::start).isInstanceOf(WalGapException.class)
                .hasMessageContaining("'" + f.slot() + "'").hasMessageContaining("is ahead of the stored offsets");
        assertThat(TopicContents.read(f.kafka.bootstrapServers(), CaptureFixture.registryUrl(), f.topic("warehouses"))).hasSize(1);
    }

    @Test
    void refusesToStartWhenTheSlotLostItsWal() throws Exception {
        // Its own server: a tiny max_slot_wal_keep_size would invalidate other tests' slots.
        try (EmbeddedPostgresServer small = EmbeddedPostgresServer.builder().serverConfig("max_slot_wal_keep_size", "1MB").start()) {
            CaptureFixture f = CaptureFixture.createOn(small, "lost");
            CaptureService first = start(f, new SimpleMeterRegistry());
            f.sql("INSERT INTO shop.warehouses (code, name, country, city, capacity) VALUES ('W1', 'North', 'DE', 'Kiel', 100)");
            awaitRecords(f, "warehouses", 1);
            assertThat(first.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
            first.close();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                f.sql("INSERT INTO shop.warehouses (code, name, country, city, capacity) SELECT 'X' || g, 'x', 'DE', 'y', 1 FROM generate_series(1, 2000) g"
                        + " ON CONFLICT DO NOTHING; SELECT pg_switch_wal(); CHECKPOINT;");
                return "lost".equals(walStatus(f));
            });

            CaptureService second = f.service(new SimpleMeterRegistry());
            started.add(second);
            assertThatThrownBy(second::start).isInstanceOf(WalGapException.class)
                    .hasMessageContaining("'" + f.slot() + "'").hasMessageContaining("wal_status 'lost'");
            second.close();
        }
    }

    @Test
    void badSettingsFailFastNamingTheSetting() {
        CaptureFixture f = CaptureFixture.create("bad");
        int closedPort = LocalResources.freePort();
        assertFailsNaming(f, Map.of(CaptureConfig.PORT, Integer.toString(closedPort)), CaptureConfig.HOST);
        assertFailsNaming(f, Map.of(CaptureConfig.NAME, "no_such_db"), CaptureConfig.NAME);
        assertFailsNaming(f, Map.of(CaptureConfig.USER, "nobody"), CaptureConfig.USER);
        assertFailsNaming(f, Map.of(CaptureConfig.PUBLICATION, "nopub"), CaptureConfig.PUBLICATION);
        assertFailsNaming(f, Map.of(CaptureConfig.TABLES, "shop.nope"), CaptureConfig.TABLES);
        assertFailsNaming(f, Map.of(CaptureConfig.REGISTRY_URL, "http://127.0.0.1:" + closedPort), CaptureConfig.REGISTRY_URL);
    }

    private void assertFailsNaming(CaptureFixture f, Map<String, String> override, String key) {
        Map<String, String> settings = new HashMap<>(f.settings());
        settings.putAll(override);
        CaptureService service = new CaptureService(CaptureConfig.from(Settings.of(settings)), new SimpleMeterRegistry());
        started.add(service);
        long began = System.nanoTime();
        assertThatThrownBy(service::start).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo(key));
        assertThat(Duration.ofNanos(System.nanoTime() - began)).as("fails fast").isLessThan(Duration.ofSeconds(30));
    }

    private CaptureService start(CaptureFixture f, SimpleMeterRegistry meters) {
        CaptureService service = f.service(meters);
        started.add(service);
        service.start();
        return service;
    }

    private static List<TopicContents.Decoded> awaitRecords(CaptureFixture f, String table, int count) {
        Predicate<List<TopicContents.Decoded>> enough = l -> l.size() >= count;
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> TopicContents.read(f.kafka.bootstrapServers(), CaptureFixture.registryUrl(), f.topic(table)), enough::test);
    }

    private static String walStatus(CaptureFixture f) throws Exception {
        try (Connection c = f.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT wal_status FROM pg_replication_slots WHERE slot_name = '" + f.slot() + "'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** Confluent's Node.js client decodes the same bytes to the same values (skips loudly without node). */
    private static void assertDecodableByConfluentNodeClient(List<TopicContents.Decoded> records) {
        NodeInterop node = NodeInterop.locate();
        List<NodeInterop.Payload> payloads = new ArrayList<>();
        for (TopicContents.Decoded r : records) {
            payloads.add(new NodeInterop.Payload(r.topic(), NodeInterop.Kind.KEY, r.rawKey()));
            payloads.add(new NodeInterop.Payload(r.topic(), NodeInterop.Kind.VALUE, r.rawValue()));
        }
        List<JsonNode> answers = node.decode(CaptureFixture.registryUrl(), payloads);
        for (int i = 0; i < records.size(); i++) {
            JsonNode key = answers.get(2 * i);
            JsonNode value = answers.get(2 * i + 1);
            assertThat(key.has("value")).as("key %s", key).isTrue();
            assertThat(value.has("value")).as("value %s", value).isTrue();
            assertThat(value.get("value").get("op").asText()).isEqualTo(records.get(i).op());
            assertThat(value.get("value").get("source").get("table").asText())
                    .isEqualTo(records.get(i).source().get("table").toString());
        }
        Set<String> topics = records.stream().map(TopicContents.Decoded::topic).collect(Collectors.toSet());
        assertThat(topics).hasSizeGreaterThan(1);
    }

    static BigDecimal decimal(Object avro, int scale) {
        if (avro instanceof BigDecimal d) {
            return d;
        }
        ByteBuffer b = ((ByteBuffer) avro).duplicate();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return new BigDecimal(new BigInteger(bytes), scale);
    }

    private static Schema nonNull(Schema s) {
        return s.getType() == Schema.Type.UNION ? s.getTypes().get(1) : s;
    }

    private static long micros(Instant i) {
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
    }
}
