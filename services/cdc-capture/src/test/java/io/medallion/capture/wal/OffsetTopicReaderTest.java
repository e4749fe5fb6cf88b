package io.medallion.capture.wal;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class OffsetTopicReaderTest {

    @Test
    void recognisesKafkaConnectOffsetKeysOfThisEngineAndServer() {
        assertThat(OffsetTopicReader.isOurs(bytes("[\"capture\",{\"server\":\"cdc\"}]"), "capture", "cdc")).isTrue();
        assertThat(OffsetTopicReader.isOurs(bytes("[\"other\",{\"server\":\"cdc\"}]"), "capture", "cdc")).isFalse();
        assertThat(OffsetTopicReader.isOurs(bytes("[\"capture\",{\"server\":\"x\"}]"), "capture", "cdc")).isFalse();
        assertThat(OffsetTopicReader.isOurs(bytes("not json"), "capture", "cdc")).isFalse();
    }

    @Test
    void readsTheOffsetMap() {
        StoredOffset offset = StoredOffset.fromOffsetMap(OffsetTopicReader.parseValue(
                bytes("{\"lsn_proc\":24023128,\"lsn\":24023128,\"txId\":750,\"ts_usec\":1700000000000000,\"lsn_commit\":24023000}")));
        assertThat(offset.lsn()).isEqualTo(24023128L);
        assertThat(offset.resumeLsn()).isEqualTo(24023000L);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
