package io.medallion.silver.quarantine;

import io.medallion.silver.fixtures.Cdc;
import io.medallion.silver.fixtures.Samples;
import io.medallion.silver.pii.HmacKey;
import io.medallion.silver.pii.PiiKind;
import io.medallion.silver.pii.PiiTokenizer;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RowJsonTest {

    private static final PiiTokenizer TOKENIZER = new PiiTokenizer(HmacKey.of("k".repeat(32)));

    @Test
    void rendersEveryColumnInSchemaOrderWithReadableLogicalTypes() {
        String json = RowJson.plain(Samples.avroRow("products", 3));

        assertThat(json).isEqualTo("{\"product_id\":3,\"sku\":\"SKU-3\",\"name\":\"Cordless drill 3\",\"category\":\"tools\","
                + "\"brand\":\"Acme\",\"supplier_id\":null,\"unit_price\":89.90,\"currency\":\"EUR\",\"active\":true,"
                + "\"created_at\":\"2025-06-01T11:00:00Z\",\"updated_at\":\"2025-06-01T12:00:00Z\"}");
    }

    @Test
    void rendersKeys() {
        assertThat(RowJson.plain(Cdc.key("orders", 42))).isEqualTo("{\"order_id\":42}");
    }

    @Test
    void escapesText() {
        assertThat(RowJson.plain(Samples.with("web_events", 1, "campaign", "say \"hi\"\n")))
                .contains("\"campaign\":\"say \\\"hi\\\"\\n\"");
    }

    @Test
    void personalColumnsAppearOnlyAsTokens() {
        RowJson json = new RowJson(Map.of("email", PiiKind.EMAIL, "phone", PiiKind.PHONE), TOKENIZER);

        String rendered = json.render(Samples.avroRow("customers", 1));

        assertThat(rendered).doesNotContain("Wilhelmina.Zwanenburg@Example.org", "555-0199")
                .contains("\"email\":\"token:" + TOKENIZER.token(PiiKind.EMAIL, "wilhelmina.zwanenburg@example.org") + "\"")
                .contains("\"first_name\":\"Wilhelmina\"");
    }

    @Test
    void aMissingRowIsNull() {
        assertThat(RowJson.plain(null)).isEqualTo("null");
    }
}
