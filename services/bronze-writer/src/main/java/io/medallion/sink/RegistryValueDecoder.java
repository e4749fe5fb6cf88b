package io.medallion.sink;

import io.medallion.registry.client.SchemaRegistryException;
import io.medallion.registry.serde.AvroSerdeConfig;
import io.medallion.registry.serde.KafkaAvroDeserializer;
import io.medallion.registry.client.RegistryClientConfig;
import org.apache.avro.generic.GenericRecord;

import java.util.HashMap;
import java.util.Map;

/**
 * {@link ValueDecoder} on the project's registry serde, reading with each record's writer
 * schema. Logical types stay raw (longs, byte buffers): the sink converts them itself, which
 * saves an object per value.
 */
final class RegistryValueDecoder implements ValueDecoder {

    private final KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();

    private RegistryValueDecoder(Map<String, Object> configs) {
        deserializer.configure(configs, false);
    }

    static ValueDecoder create(SinkConfig config) {
        Map<String, Object> configs = new HashMap<>(config.registry());
        configs.put(RegistryClientConfig.URL, config.registryUrl());
        configs.put(AvroSerdeConfig.USE_LOGICAL_TYPE_CONVERTERS, false);
        return new RegistryValueDecoder(configs);
    }

    @Override
    public GenericRecord decode(String topic, byte[] value) {
        Object decoded;
        try {
            decoded = deserializer.deserialize(topic, value);
        } catch (RuntimeException e) {
            if (registryUnavailable(e)) {
                throw new RegistryUnavailableException("schema registry unavailable while decoding " + topic, e);
            }
            throw e;
        }
        if (decoded instanceof GenericRecord r) {
            return r;
        }
        throw new IllegalArgumentException("value is a bare " + (decoded == null ? "null" : decoded.getClass().getSimpleName())
                + ", not a record");
    }

    @Override
    public void close() {
        deserializer.close();
    }

    /** An outage (as opposed to an unknown schema id): retrying later helps, dead-lettering would be wrong. */
    private static boolean registryUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SchemaRegistryException s && s.retriable()) {
                return true;
            }
        }
        return false;
    }
}
