package io.medallion.silver.entity;

import io.medallion.common.topics.TopicNames;
import io.medallion.silver.fixtures.Cdc;
import io.medallion.silver.fixtures.Samples;
import io.medallion.silver.pii.HmacKey;
import io.medallion.silver.pii.PiiTokenizer;
import io.medallion.silver.source.ChangeEvent;
import io.medallion.silver.validate.RowContext;
import org.apache.avro.Schema;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The rule tables agree with the contracts: what the contract requires, the rules require. */
class EntitiesTest {

    private static final Entities ENTITIES = new Entities(Duration.ofMinutes(5));
    private static final PiiTokenizer TOKENIZER = new PiiTokenizer(HmacKey.of("k".repeat(32)));

    private static List<String> violations(Entity<?, ?> entity, Map<String, Object> row) {
        return entity.rules().violations(RowContext.of(ChangeEvent.of(
                Cdc.insert(entity.table(), Cdc.row(entity.table(), row), 1L, Samples.COMMIT), new byte[0])));
    }

    @Test
    void thereIsOneEntityPerCapturedTable() {
        assertThat(ENTITIES.all()).extracting(Entity::table).containsExactlyElementsOf(TopicNames.SHOP_TABLES);
        assertThat(ENTITIES.clickstream().silverTopic()).isEqualTo("silver.web_events");
        assertThat(ENTITIES.get("orders").sourceTopic()).isEqualTo("cdc.shop.orders");
    }

    @TestFactory
    Stream<DynamicTest> theSampleRowOfEveryTableIsValidAndMaps() {
        return ENTITIES.all().stream().map(entity -> DynamicTest.dynamicTest(entity.table(), () -> {
            assertThat(violations(entity, Samples.row(entity.table(), 1))).isEmpty();
            RowContext in = RowContext.of(ChangeEvent.of(Cdc.insert(entity.table(), Samples.avroRow(entity.table(), 1), 1L, Samples.COMMIT), new byte[0]));
            assertThat(new ContractMapper<>(entity).map(in, Instant.EPOCH, TOKENIZER)).isNotNull();
        }));
    }

    /**
     * For every contract field that cannot be null and is copied from a same-named column, a
     * null column is a rule violation: validation, not a mapping failure, rejects it.
     */
    @TestFactory
    Stream<DynamicTest> everyRequiredContractColumnHasARequiredRule() {
        return ENTITIES.all().stream().flatMap(entity -> entity.schema().getFields().stream()
                .filter(f -> !f.name().startsWith("_") && f.schema().getType() != Schema.Type.UNION)
                .filter(f -> !entity.derivations().containsKey(f.name()))
                .filter(f -> Cdc.columns(entity.table()).contains(f.name()))
                .map(f -> DynamicTest.dynamicTest(entity.table() + "." + f.name(), () -> {
                    Map<String, Object> row = Samples.row(entity.table(), 1);
                    row.put(f.name(), null);
                    assertThat(violations(entity, row)).contains(f.name() + ": is required");
                })));
    }

    @Test
    void theColumnsBehindRequiredTokensAreRequired() {
        Entity<?, ?> customers = ENTITIES.get("customers");
        for (String column : List.of("first_name", "last_name", "email")) {
            Map<String, Object> row = Samples.row("customers", 1);
            row.put(column, null);
            assertThat(violations(customers, row)).contains(column + ": is required");
        }
    }

    @Test
    void onlyCustomersAndSuppliersHoldPersonalData() {
        assertThat(ENTITIES.all().stream().filter(Entity::holdsPersonalData).map(Entity::table))
                .containsExactly("customers", "suppliers");
        assertThat(ENTITIES.get("customers").personalColumns()).containsOnlyKeys("first_name", "last_name", "email", "phone");
        assertThat(ENTITIES.get("suppliers").personalColumns()).containsOnlyKeys("contact_name", "contact_email", "contact_phone");
    }

    @Test
    void everyReferenceTargetsAnEntityKeyedByLong() {
        ENTITIES.all().forEach(entity -> entity.references().forEach(ref -> {
            assertThat(ENTITIES.get(ref.table()).keyType()).isEqualTo(Long.class);
            assertThat(entity.schema().getField(ref.field())).as(entity + "." + ref.field()).isNotNull();
        }));
    }
}
