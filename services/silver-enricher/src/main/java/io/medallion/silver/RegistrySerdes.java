package io.medallion.silver;

import io.medallion.registry.serde.AvroSerdes;
import io.medallion.silver.topology.AvroSerdeFactory;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

import java.util.Map;

/** The topic catalogue's serdes from the fleet's schema registry library (Confluent wire format). */
public final class RegistrySerdes implements AvroSerdeFactory {

    private final Map<String, ?> config;

    /** @param config serde configuration, at least {@code schema.registry.url} */
    public RegistrySerdes(Map<String, ?> config) {
        this.config = Map.copyOf(config);
    }

    @Override
    public <T extends SpecificRecord> Serde<T> specific(Class<T> type, boolean isKey) {
        return AvroSerdes.specific(type, config, isKey);
    }

    @Override
    public Serde<GenericRecord> generic(boolean isKey) {
        return AvroSerdes.generic(config, isKey);
    }

    @Override
    public <T> Serde<T> primitive(Class<T> type, boolean isKey) {
        return AvroSerdes.primitive(type, config, isKey);
    }
}
