package io.medallion.common.deadletter;

import io.medallion.avro.common.DeadLetter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.record.TimestampType;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one way to build a {@link DeadLetter}: a factory per failure kind, each keeping the raw
 * bytes, the reason and the record's coordinates so nothing is lost and it can be replayed.
 */
public final class DeadLetters {

    private DeadLetters() {
    }

    public static DeadLetter deserialization(String service, ConsumerRecord<byte[], byte[]> record, Throwable error, Instant now) {
        return of(FailureKind.DESERIALIZATION, service, record, reason(error), error, now);
    }

    public static DeadLetter processing(String service, ConsumerRecord<byte[], byte[]> record, Throwable error, Instant now) {
        return of(FailureKind.PROCESSING, service, record, reason(error), error, now);
    }

    public static DeadLetter production(String service, ConsumerRecord<byte[], byte[]> record, Throwable error, Instant now) {
        return of(FailureKind.PRODUCTION, service, record, reason(error), error, now);
    }

    public static DeadLetter mapping(String service, ConsumerRecord<byte[], byte[]> record, String reason, Instant now) {
        return of(FailureKind.MAPPING, service, record, reason, null, now);
    }

    public static DeadLetter schemaIncompatible(String service, ConsumerRecord<byte[], byte[]> record, String reason, Instant now) {
        return of(FailureKind.SCHEMA_INCOMPATIBLE, service, record, reason, null, now);
    }

    /** The general form, for callers that hold the coordinates but not a {@link ConsumerRecord}. */
    public static DeadLetter of(FailureKind kind, String service, String topic, int partition, long offset,
                                Long timestampMs, byte[] key, byte[] value, Headers headers,
                                String reason, Throwable error, Instant now) {
        return DeadLetter.newBuilder()
                .setFailureKind(kind.wireName())
                .setReason(reason == null ? "(no message)" : reason)
                .setExceptionClass(error == null ? null : error.getClass().getName())
                .setService(service)
                .setSourceTopic(topic)
                .setSourcePartition(partition)
                .setSourceOffset(offset)
                .setSourceTimestamp(timestampMs == null || timestampMs < 0 ? null : Instant.ofEpochMilli(timestampMs))
                .setKey(key == null ? null : ByteBuffer.wrap(key))
                .setValue(value == null ? null : ByteBuffer.wrap(value))
                .setHeaders(headers(headers))
                .setFailedAt(now)
                .build();
    }

    private static DeadLetter of(FailureKind kind, String service, ConsumerRecord<byte[], byte[]> r,
                                 String reason, Throwable error, Instant now) {
        Long ts = r.timestampType() == TimestampType.NO_TIMESTAMP_TYPE ? null : r.timestamp();
        return of(kind, service, r.topic(), r.partition(), r.offset(), ts, r.key(), r.value(), r.headers(),
                reason, error, now);
    }

    /** The message of the error and of its causes, so the root cause is never hidden. */
    static String reason(Throwable error) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (!sb.isEmpty()) {
                sb.append(" <- ");
            }
            sb.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                sb.append(": ").append(t.getMessage());
            }
        }
        return sb.toString();
    }

    private static Map<String, String> headers(Headers headers) {
        Map<String, String> out = new LinkedHashMap<>();
        if (headers != null) {
            for (Header h : headers) {
                out.put(h.key(), h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
