package io.medallion.silver.entity;

import io.medallion.avro.silver.Customer;
import io.medallion.avro.silver.CustomerSegment;
import io.medallion.avro.silver.EventType;
import io.medallion.avro.silver.Order;
import io.medallion.avro.silver.OrderStatus;
import io.medallion.avro.silver.WebEvent;
import io.medallion.silver.fixtures.Cdc;
import io.medallion.silver.fixtures.Samples;
import io.medallion.silver.pii.HmacKey;
import io.medallion.silver.pii.PiiKind;
import io.medallion.silver.pii.PiiTokenizer;
import io.medallion.silver.source.ChangeEvent;
import io.medallion.silver.validate.RowContext;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContractMapperTest {

    private static final Entities ENTITIES = new Entities(Duration.ofMinutes(5));
    private static final PiiTokenizer TOKENIZER = new PiiTokenizer(HmacKey.of("k".repeat(32)));
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:05Z");

    private static RowContext insert(String table, GenericRecord row, long lsn) {
        return RowContext.of(ChangeEvent.of(Cdc.insert(table, row, lsn, Samples.COMMIT), new byte[0]));
    }

    @Test
    void mapsAClickstreamRowToItsTypedContract() {
        Map<String, Object> row = Samples.row("web_events", 3);
        row.put("event_id", "6F9619FF-8B86-D011-B42D-00C04FC964FF");
        row.put("product_id", " 42 ");
        row.put("event_type", "purchase");
        row.put("price", "19.9");
        ContractMapper<String, WebEvent> mapper = new ContractMapper<>(ENTITIES.clickstream());

        WebEvent e = mapper.map(insert("web_events", Cdc.row("web_events", row), 500L), NOW, TOKENIZER);

        assertThat(e.getId()).isEqualTo(3L);
        assertThat(e.getEventId()).isEqualTo("6f9619ff-8b86-d011-b42d-00c04fc964ff");
        assertThat(mapper.key(e)).isEqualTo(e.getEventId());
        assertThat(e.getProductId()).isEqualTo(42L);
        assertThat(e.getEventType()).isEqualTo(EventType.purchase);
        assertThat(e.getPrice()).isEqualTo(new BigDecimal("19.90"));
        assertThat(e.getQuantity()).isEqualTo(1);
        assertThat(e.getTs()).isEqualTo(Samples.T0);
        assertThat(e.getProductCategory()).isNull();
        assertThat(e.getOp()).isEqualTo("c");
        assertThat(e.getSourceLsn()).isEqualTo(500L);
        assertThat(e.getSourceTs()).isEqualTo(Samples.COMMIT);
        assertThat(e.getProcessingTs()).isEqualTo(NOW);
        assertThat(e.getWarnings()).isEmpty();
    }

    @Test
    void replacesPersonalColumnsByTokensAndKeepsTheEmailDomain() {
        @SuppressWarnings("unchecked")
        Entity<Long, Customer> customers = (Entity<Long, Customer>) ENTITIES.get("customers");

        Customer c = new ContractMapper<>(customers).map(insert("customers", Samples.avroRow("customers", 8), 9L), NOW, TOKENIZER);

        assertThat(c.getCustomerId()).isEqualTo(8L);
        assertThat(c.getFirstNameToken()).isEqualTo(TOKENIZER.token(PiiKind.NAME, "Wilhelmina"));
        assertThat(c.getLastNameToken()).isEqualTo(TOKENIZER.token(PiiKind.NAME, "Zwanenburg"));
        assertThat(c.getEmailToken()).isEqualTo(TOKENIZER.token(PiiKind.EMAIL, "wilhelmina.zwanenburg@example.org"));
        assertThat(c.getEmailDomain()).isEqualTo("example.org");
        assertThat(c.getPhoneToken()).isEqualTo(TOKENIZER.token(PiiKind.PHONE, "31205550199"));
        assertThat(c.getSegment()).isEqualTo(CustomerSegment.consumer);
        assertThat(c.toString()).doesNotContain("Wilhelmina", "Zwanenburg", "555");
    }

    @Test
    void aDeleteMapsItsBeforeImageWithOpD() {
        @SuppressWarnings("unchecked")
        Entity<Long, Order> orders = (Entity<Long, Order>) ENTITIES.get("orders");
        RowContext delete = RowContext.of(ChangeEvent.of(Cdc.delete("orders", Samples.avroRow("orders", 4), 77L, Samples.COMMIT), new byte[0]));

        Order o = new ContractMapper<>(orders).map(delete, NOW, TOKENIZER);

        assertThat(o.getOp()).isEqualTo("d");
        assertThat(o.getOrderId()).isEqualTo(4L);
        assertThat(o.getStatus()).isEqualTo(OrderStatus.paid);
        assertThat(o.getTotalAmount()).isEqualTo(new BigDecimal("179.80"));
    }

    @Test
    void aColumnWhoseTypeDriftedFailsTheMappingNamingFieldAndTypes() {
        Schema drifted = SchemaBuilder.record("Value").namespace("cdc.shop.web_events").fields()
                .requiredString("id").requiredString("event_id").requiredString("user_id").requiredString("event_type")
                .name("ts").type(LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG))).noDefault()
                .endRecord();
        GenericRecord row = Cdc.row(drifted, Map.of("id", "seven", "event_id", Samples.eventId(7), "user_id", "u",
                "event_type", "page_view", "ts", Cdc.micros(Samples.T0)));
        ContractMapper<String, WebEvent> mapper = new ContractMapper<>(ENTITIES.clickstream());

        assertThatThrownBy(() -> mapper.map(insert("web_events", row, 1L), NOW, TOKENIZER))
                .isInstanceOf(MappingException.class)
                .hasMessage("web_events.id: expected a whole number, got String");
    }

    @Test
    void aRequiredContractFieldWithoutValueFailsTheMapping() {
        ContractMapper<String, WebEvent> mapper = new ContractMapper<>(ENTITIES.clickstream());

        assertThatThrownBy(() -> mapper.map(insert("web_events", Samples.with("web_events", 1, "user_id", null), 1L), NOW, TOKENIZER))
                .isInstanceOf(MappingException.class)
                .hasMessage("web_events.user_id: no value for a required contract field");
    }
}
