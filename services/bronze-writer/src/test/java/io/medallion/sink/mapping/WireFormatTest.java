package io.medallion.sink.mapping;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WireFormatTest {

    @Test
    void reads_the_big_endian_schema_id_after_the_magic_byte() {
        assertThat(WireFormat.schemaId(new byte[]{0, 0, 0, 1, 2, 42})).isEqualTo(258);
        assertThat(WireFormat.schemaId(new byte[]{0, (byte) 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff})).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void rejects_what_is_not_the_wire_format() {
        assertThatThrownBy(() -> WireFormat.schemaId("{\"json\":1}".getBytes())).hasMessageContaining("magic byte");
        assertThatThrownBy(() -> WireFormat.schemaId(new byte[]{0, 1})).hasMessageContaining("2 bytes");
        assertThatThrownBy(() -> WireFormat.schemaId(null)).hasMessageContaining("no value");
    }
}
