package io.medallion.registry.serde;

import org.apache.avro.specific.SpecificRecord;

import java.util.Map;

/**
 * Configured Avro serdes in one call, for topic catalogues:
 * {@code AvroSerdes.specific(WebEvent.class, registryConfig, false)}.
 */
public final class AvroSerdes {

    private AvroSerdes() {
    }

    /** Reads every message into {@code type}, writes its instances. */
    public static <T extends SpecificRecord> SpecificAvroSerde<T> specific(Class<T> type, Map<String, ?> config, boolean isKey) {
        SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type);
        serde.configure(config, isKey);
        return serde;
    }

    public static GenericAvroSerde generic(Map<String, ?> config, boolean isKey) {
        GenericAvroSerde serde = new GenericAvroSerde();
        serde.configure(config, isKey);
        return serde;
    }

    /** {@code String}, {@code Integer}, {@code Long}, {@code Float}, {@code Double}, {@code Boolean} or {@code byte[]}. */
    public static <T> PrimitiveAvroSerde<T> primitive(Class<T> type, Map<String, ?> config, boolean isKey) {
        PrimitiveAvroSerde<T> serde = new PrimitiveAvroSerde<>(type);
        serde.configure(config, isKey);
        return serde;
    }
}
