package io.medallion.registry.serde;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WireFormatTest {

    @Test
    void theHeaderIsMagicByteZeroThenTheIdBigEndian() {
        byte[] header = new byte[5];
        WireFormat.writeHeader(header, 0, 0x01020304);
        assertThat(header).containsExactly(0, 1, 2, 3, 4);
        assertThat(WireFormat.schemaId("t", false, header)).isEqualTo(0x01020304);

        WireFormat.writeHeader(header, 0, Integer.MAX_VALUE);
        assertThat(WireFormat.schemaId("t", false, header)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void tooShortNamesTopicAndReason() {
        assertThatThrownBy(() -> WireFormat.schemaId("orders", true, new byte[] {0, 0, 1}))
                .isInstanceOfSatisfying(WireFormatException.class, e -> {
                    assertThat(e.reason()).isEqualTo(WireFormatException.Reason.TOO_SHORT);
                    assertThat(e.topic()).isEqualTo("orders");
                    assertThat(e.isKey()).isTrue();
                    assertThat(e.schemaId()).isEmpty();
                    assertThat(e.getMessage()).contains("key of topic 'orders'", "3 bytes");
                });
    }

    @Test
    void aWrongMagicByteIsNotTheWireFormat() {
        byte[] json = "{\"id\":1}".getBytes();
        assertThatThrownBy(() -> WireFormat.schemaId("orders", false, json))
                .isInstanceOfSatisfying(WireFormatException.class, e -> {
                    assertThat(e.reason()).isEqualTo(WireFormatException.Reason.UNKNOWN_MAGIC_BYTE);
                    assertThat(e.getMessage()).contains("value of topic 'orders'", "0x7b");
                });
    }
}
