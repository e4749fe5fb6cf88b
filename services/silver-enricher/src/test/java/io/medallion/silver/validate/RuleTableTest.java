package io.medallion.silver.validate;

import io.medallion.silver.entity.Entities;
import io.medallion.silver.fixtures.Cdc;
import io.medallion.silver.fixtures.Samples;
import io.medallion.silver.source.ChangeEvent;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The envelope checks every entity shares, and the every-reason promise. */
class RuleTableTest {

    private static final Entities ENTITIES = new Entities(Duration.ofMinutes(5));

    private static List<String> violations(String table, GenericRecord envelope) {
        return ENTITIES.get(table).rules().violations(RowContext.of(ChangeEvent.of(envelope, new byte[0])));
    }

    @Test
    void aValidRowHasNoViolations() {
        assertThat(violations("orders", Cdc.insert("orders", Samples.avroRow("orders", 1), 10L, Samples.COMMIT))).isEmpty();
    }

    @Test
    void everyBrokenRuleIsReportedNotOnlyTheFirst() {
        Map<String, Object> row = Samples.row("orders", 1);
        row.put("status", "lost-in-space");
        row.put("currency", "ZZZ");
        row.put("total_amount", new BigDecimal("-5.00"));

        assertThat(violations("orders", Cdc.insert("orders", Cdc.row("orders", row), 10L, Samples.COMMIT))).containsExactly(
                "status: must be one of [pending, paid, shipped, delivered, cancelled, returned], was 'lost-in-space'",
                "currency: must be an ISO 4217 currency code, was 'ZZZ'",
                "total_amount: must not be negative, was '-5.00'");
    }

    @Test
    void anUnknownOpIsTheOnlyReason() {
        assertThat(violations("orders", Cdc.envelope("orders", "x", null, Samples.avroRow("orders", 1), 10L, Samples.COMMIT)))
                .containsExactly("op: must be one of c, u, d, r, was 'x'");
    }

    @Test
    void aMissingImageIsReportedForItsOp() {
        assertThat(violations("orders", Cdc.envelope("orders", "u", null, null, 10L, Samples.COMMIT)))
                .containsExactly("after: is required for op u");
        assertThat(violations("orders", Cdc.envelope("orders", "d", null, null, 10L, Samples.COMMIT)))
                .containsExactly("before: is required for op d");
    }

    @Test
    void aChangeWithoutLsnIsInvalid() {
        assertThat(violations("orders", Cdc.envelope("orders", "c", null, Samples.avroRow("orders", 1), null, Samples.COMMIT)))
                .containsExactly("source.lsn: is required (silver deduplicates and orders changes by it)");
    }

    @Test
    void aDeleteCarryingTheWholeRowIsValidatedLikeAnyRow() {
        assertThat(violations("orders", Cdc.delete("orders", Samples.avroRow("orders", 1), 10L, Samples.COMMIT))).isEmpty();
    }

    @Test
    void aKeyOnlyDeleteOfAReplicaIdentityDefaultTableGetsOneClearReason() {
        GenericRecord keyOnly = Cdc.row("web_events", Map.of("id", 9L));

        assertThat(violations("web_events", Cdc.delete("web_events", keyOnly, 10L, Samples.COMMIT))).containsExactly(
                "before: carries only the primary key (the table has REPLICA IDENTITY DEFAULT), so the deleted row cannot be rebuilt");
    }
}
