package io.medallion.bench.fleet.load;

import io.medallion.loadgen.clickstream.WebEvent;
import io.medallion.registry.client.MockSchemaRegistry;
import io.medallion.registry.serde.KafkaAvroDeserializer;
import io.medallion.registry.serde.KafkaAvroSerializer;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WebEventEnvelopesTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00.123456Z");

    @Test
    void anInsertAsCaptureWritesIt() {
        WebEvent e = new WebEvent("6f1c-uuid", "user-000001", 4, null, "purchase", new BigDecimal("19.90"), 2, "EUR",
                Duration.ofSeconds(-5), "FR", "mobile", null);
        GenericRecord row = WebEventEnvelopes.row(17, e, NOW);
        assertThat(row.get("product_id")).as("the fifth seeded product").isEqualTo("5");
        assertThat(row.get("price")).isEqualTo("19.90");
        assertThat(row.get("ts")).isEqualTo(NOW.minusSeconds(5).getEpochSecond() * 1_000_000 + 123_456);
        GenericRecord envelope = WebEventEnvelopes.insert(row, 900, 12, NOW);
        assertThat(envelope.get("op").toString()).isEqualTo("c");
        assertThat(envelope.get("before")).isNull();
        GenericRecord source = (GenericRecord) envelope.get("source");
        assertThat(source.get("ts_ms")).isEqualTo(NOW.toEpochMilli());
        assertThat(source.get("lsn")).isEqualTo(900L);
        assertThat(source.get("table")).isEqualTo("web_events");
    }

    @Test
    void aRetryIsTheSameRowUnderANewId() {
        WebEvent e = new WebEvent("id", "u", null, "sku-x", "page_view", null, null, "EUR", null, "DE", "desktop", "newsletter");
        GenericRecord row = WebEventEnvelopes.row(1, e, NOW);
        assertThat(row.get("ts")).as("no event time").isNull();
        assertThat(row.get("product_id")).isEqualTo("sku-x");
        GenericRecord copy = WebEventEnvelopes.withId(row, 2);
        assertThat(copy.get("id")).isEqualTo(2L);
        assertThat(copy.get("event_id")).isEqualTo("id");
        assertThat(row.get("id")).isEqualTo(1L);
    }

    @Test
    void roundTripsThroughTheRegistrySerdes() {
        Map<String, Object> config = Map.of("schema.registry.url", MockSchemaRegistry.MOCK_URL_PREFIX + "envelopes-test");
        try (KafkaAvroSerializer ser = new KafkaAvroSerializer(); KafkaAvroDeserializer de = new KafkaAvroDeserializer()) {
            ser.configure(config, false);
            de.configure(config, false);
            GenericRecord envelope = WebEventEnvelopes.insert(WebEventEnvelopes.row(3, new WebEvent("e", "u", 0, null, "page_view",
                    null, null, "EUR", Duration.ZERO, "NL", "tablet", null), NOW), 1, 1, NOW);
            Object back = de.deserialize("cdc.shop.web_events", ser.serialize("cdc.shop.web_events", envelope));
            assertThat(((GenericRecord) ((GenericRecord) back).get("after")).get("user_id").toString()).isEqualTo("u");
        }
    }
}
