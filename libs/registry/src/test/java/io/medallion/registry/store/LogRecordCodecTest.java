package io.medallion.registry.store;

import io.medallion.registry.client.CompatibilityLevel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class LogRecordCodecTest {

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void schemaVersionsUseConfluentsKeyAndValueLayout() {
        LogRecord record = new LogRecord.SchemaVersion("orders-value", 3, 17, "\"string\"", false);
        LogRecordCodec.Encoded encoded = LogRecordCodec.encode(record);
        assertThat(text(encoded.key())).isEqualTo("{\"keytype\":\"SCHEMA\",\"subject\":\"orders-value\",\"version\":3,\"magic\":1}");
        assertThat(text(encoded.value())).isEqualTo(
                "{\"subject\":\"orders-value\",\"version\":3,\"id\":17,\"schema\":\"\\\"string\\\"\",\"deleted\":false}");
        assertThat(LogRecordCodec.decode(encoded.key(), encoded.value())).contains(record);
    }

    @Test
    void aRemovedVersionIsATombstoneOnTheSameKey() {
        LogRecordCodec.Encoded written = LogRecordCodec.encode(new LogRecord.SchemaVersion("s", 1, 1, "\"int\"", true));
        LogRecordCodec.Encoded removed = LogRecordCodec.encode(new LogRecord.SchemaVersionRemoved("s", 1));
        assertThat(removed.key()).isEqualTo(written.key());
        assertThat(removed.value()).isNull();
        assertThat(LogRecordCodec.decode(removed.key(), null)).contains(new LogRecord.SchemaVersionRemoved("s", 1));
    }

    @Test
    void configRecordsRoundTripForGlobalAndSubjectLevels() {
        for (LogRecord record : new LogRecord[] {
                new LogRecord.Compatibility(null, CompatibilityLevel.FULL),
                new LogRecord.Compatibility("s", CompatibilityLevel.NONE),
                new LogRecord.Compatibility("s", null)}) {
            LogRecordCodec.Encoded encoded = LogRecordCodec.encode(record);
            assertThat(LogRecordCodec.decode(encoded.key(), encoded.value())).contains(record);
        }
        assertThat(text(LogRecordCodec.encode(new LogRecord.Compatibility(null, CompatibilityLevel.FULL)).value()))
                .isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
    }

    @Test
    void recordsOfOtherKindsAreSkipped() {
        assertThat(LogRecordCodec.decode(bytes("{\"keytype\":\"NOOP\",\"magic\":0}"), null)).isEmpty();
        assertThat(LogRecordCodec.decode(bytes("{\"keytype\":\"SCHEMA\",\"subject\":\"p\",\"version\":1,\"magic\":1}"),
                bytes("{\"subject\":\"p\",\"version\":1,\"id\":4,\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax = \\\"proto3\\\";\",\"deleted\":false}")))
                .isEmpty();
    }
}
