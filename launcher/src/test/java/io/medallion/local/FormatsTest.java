package io.medallion.local;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class FormatsTest {

    @Test
    void countsBytesAndClocks() {
        assertThat(Formats.count(1_234_567)).isEqualTo("1,234,567");
        assertThat(Formats.bytes(-1)).isEqualTo("?");
        assertThat(Formats.bytes(512)).isEqualTo("512 B");
        assertThat(Formats.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(Formats.bytes(3L << 30)).isEqualTo("3.0 GiB");
        assertThat(Formats.clock(Duration.ofSeconds(90))).isEqualTo("1:30");
        assertThat(Formats.clock(Duration.ofSeconds(3723))).isEqualTo("1:02:03");
    }

    @Test
    void durationsAsSettingsWriteThem() {
        assertThat(Formats.duration(Duration.ofMinutes(1))).isEqualTo("1m");
        assertThat(Formats.duration(Duration.ofSeconds(15))).isEqualTo("15s");
        assertThat(Formats.duration(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(Formats.duration(Duration.ofHours(2))).isEqualTo("2h");
        assertThat(Formats.duration(Duration.ofMillis(250))).isEqualTo("250ms");
        assertThat(Formats.duration(Duration.ZERO)).isEqualTo("0s");
    }
}
