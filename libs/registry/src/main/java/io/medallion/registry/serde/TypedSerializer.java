package io.medallion.registry.serde;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

import java.util.Map;

/** A {@link KafkaAvroSerializer} seen as a serializer of one type. */
final class TypedSerializer<T> implements Serializer<T> {

    private final KafkaAvroSerializer inner;

    TypedSerializer(KafkaAvroSerializer inner) {
        this.inner = inner;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        inner.configure(configs, isKey);
    }

    @Override
    public byte[] serialize(String topic, T data) {
        return inner.serialize(topic, data);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, T data) {
        return inner.serialize(topic, headers, data);
    }

    @Override
    public void close() {
        inner.close();
    }
}
