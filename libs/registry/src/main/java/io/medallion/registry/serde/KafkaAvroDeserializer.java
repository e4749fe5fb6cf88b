package io.medallion.registry.serde;

import io.medallion.registry.client.ErrorCodes;
import io.medallion.registry.client.SchemaRegistryClient;
import io.medallion.registry.client.SchemaRegistryClients;
import io.medallion.registry.client.SchemaRegistryException;
import io.medallion.registry.serde.WireFormatException.Reason;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.util.Utf8;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Confluent-framed bytes to Avro values. Reads with the writer's schema (fetched by the id in
 * the header, once) and resolves to the reader's schema: the generated class's with
 * {@code specific.avro.reader=true}, the subject's latest version with
 * {@code use.latest.version=true}, else the writer's own. Generic records carry logical types as
 * Java types ({@code BigDecimal}, {@code Instant}, ...) unless
 * {@code avro.use.logical.type.converters=false}; a bare string value comes back as a
 * {@code String}, a bare bytes value as {@code byte[]}.
 *
 * <p>Bytes that are not a readable message throw a {@link WireFormatException} naming the topic
 * and the {@link Reason}; a registry outage throws a {@link SerializationException} caused by a
 * retriable {@link SchemaRegistryException}. Null bytes (a tombstone) give null.
 */
public class KafkaAvroDeserializer implements Deserializer<Object> {

    /** The schema and model a writer schema is read into. */
    private record Reading(Schema reader, GenericData model) {
    }

    private record ReaderKey(Schema writer, Schema reader, GenericData model) {
    }

    private static final ThreadLocal<BinaryDecoder> DECODER = new ThreadLocal<>();

    private SchemaRegistryClient client;
    private boolean ownsClient;
    private boolean isKey;
    private AvroSerdeConfig config;
    private SubjectNameStrategy strategy;
    private GenericData genericData;
    private LatestSchemas latest;
    /** Set for a serde of one generated class: every message is read into it. */
    private Class<?> readerClass;
    private final ConcurrentMap<Integer, Schema> writers = new ConcurrentHashMap<>();
    private final ConcurrentMap<Schema, Reading> readings = new ConcurrentHashMap<>();
    private final ConcurrentMap<ReaderKey, DatumReader<Object>> readers = new ConcurrentHashMap<>();

    public KafkaAvroDeserializer() {
    }

    /** Uses the given client (not closed by {@link #close()}); still needs {@link #configure}. */
    public KafkaAvroDeserializer(SchemaRegistryClient client) {
        this.client = client;
    }

    /** Reads every message into the generated class, whatever {@code specific.avro.reader} says. */
    KafkaAvroDeserializer readingInto(Class<?> type) {
        this.readerClass = type;
        return this;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.config = AvroSerdeConfig.from(configs);
        if (client == null) {
            client = SchemaRegistryClients.create(configs);
            ownsClient = true;
        }
        this.isKey = isKey;
        this.strategy = config.strategy(isKey);
        this.genericData = config.useLogicalTypeConverters() ? AvroData.genericWithLogicalTypes() : AvroData.genericRaw();
        this.latest = new LatestSchemas(client, config.latestCacheTtl());
        writers.clear();
        readings.clear();
        readers.clear();
    }

    @Override
    public Object deserialize(String topic, byte[] data) {
        return read(topic, data, null);
    }

    @Override
    public Object deserialize(String topic, Headers headers, byte[] data) {
        return read(topic, data, null);
    }

    /** Reads the message into the given reader schema (generic, or specific with {@code specific.avro.reader}). */
    public Object deserialize(String topic, Headers headers, byte[] data, Schema readerSchema) {
        return read(topic, data, readerSchema);
    }

    @Override
    public void close() {
        if (ownsClient && client != null) {
            client.close();
        }
    }

    private Object read(String topic, byte[] data, Schema explicitReader) {
        if (data == null) {
            return null;
        }
        if (config == null) {
            throw new IllegalStateException("KafkaAvroDeserializer used before configure()");
        }
        int id = WireFormat.schemaId(topic, isKey, data);
        Schema writer = writerSchema(topic, id);
        Reading reading = explicitReader == null ? reading(topic, writer)
                : config.specificAvroReader() ? specificReading(explicitReader) : new Reading(explicitReader, genericData);
        if (writer.getType() == Schema.Type.BYTES) {
            return rawBytes(topic, id, data, reading.reader());
        }
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, WireFormat.HEADER_SIZE,
                    data.length - WireFormat.HEADER_SIZE, DECODER.get());
            DECODER.set(decoder);
            Object value = reader(writer, reading).read(null, decoder);
            return value instanceof Utf8 && reading.reader().getType() == Schema.Type.STRING ? value.toString() : value;
        } catch (AvroTypeException e) {
            throw new WireFormatException(topic, isKey, Reason.SCHEMA_MISMATCH, id, "data written with schema id " + id
                    + " (" + writer.getFullName() + ") cannot be read as " + reading.reader().getFullName() + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new WireFormatException(topic, isKey, Reason.CORRUPT_PAYLOAD, id, (data.length - WireFormat.HEADER_SIZE)
                    + " payload bytes do not decode with schema id " + id + " (" + writer.getFullName() + "): " + e, e);
        }
    }

    /** Confluent writes a bare bytes value without Avro's length prefix; Avro's promotion to string applies. */
    private Object rawBytes(String topic, int id, byte[] data, Schema reader) {
        byte[] raw = Arrays.copyOfRange(data, WireFormat.HEADER_SIZE, data.length);
        return switch (reader.getType()) {
            case BYTES -> raw;
            case STRING -> new String(raw, StandardCharsets.UTF_8);
            default -> throw new WireFormatException(topic, isKey, Reason.SCHEMA_MISMATCH, id,
                    "a bytes value (schema id " + id + ") cannot be read as " + reader, null);
        };
    }

    private Schema writerSchema(String topic, int id) {
        Schema cached = writers.get(id);
        if (cached != null) {
            return cached;
        }
        try {
            Schema schema = client.getSchemaById(id);
            writers.putIfAbsent(id, schema);
            return schema;
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == ErrorCodes.SCHEMA_NOT_FOUND) {
                throw new WireFormatException(topic, isKey, Reason.UNKNOWN_SCHEMA_ID, id,
                        "schema id " + id + " is not known to the registry", e);
            }
            throw new SerializationException("Cannot fetch writer schema id " + id + " for topic '" + topic + "': "
                    + e.getMessage(), e);
        }
    }

    private Reading reading(String topic, Schema writer) {
        if (readerClass != null) {
            return readings.computeIfAbsent(writer, w -> new Reading(SpecificData.get().getSchema(readerClass),
                    AvroData.specificFor(readerClass)));
        }
        if (config.useLatestVersion()) {
            String subject = strategy.subjectName(topic, isKey, writer);
            Schema reader;
            try {
                reader = latest.get(subject).schema();
            } catch (SchemaRegistryException e) {
                throw new SerializationException("Cannot fetch the latest version of subject '" + subject
                        + "' to read topic '" + topic + "': " + e.getMessage(), e);
            }
            return config.specificAvroReader() ? specificReading(reader) : new Reading(reader, genericData);
        }
        Reading cached = readings.get(writer);
        if (cached == null) {
            cached = config.specificAvroReader() ? specificReading(writer) : new Reading(writer, genericData);
            readings.putIfAbsent(writer, cached);
        }
        return cached;
    }

    /** The generated class named like the schema, read with its own schema and model. */
    private Reading specificReading(Schema schema) {
        if (!(schema.getType() == Schema.Type.RECORD || schema.getType() == Schema.Type.ENUM
                || schema.getType() == Schema.Type.FIXED)) {
            return new Reading(schema, genericData);
        }
        Class<?> type = SpecificData.get().getClass(schema);
        if (type == null) {
            throw new SerializationException("specific.avro.reader is set but no generated class " + schema.getFullName()
                    + " is on the classpath");
        }
        return new Reading(SpecificData.get().getSchema(type), AvroData.specificFor(type));
    }

    private DatumReader<Object> reader(Schema writer, Reading reading) {
        return readers.computeIfAbsent(new ReaderKey(writer, reading.reader(), reading.model()),
                k -> k.model() instanceof SpecificData specific
                        ? new SpecificDatumReader<>(k.writer(), k.reader(), specific)
                        : new GenericDatumReader<>(k.writer(), k.reader(), k.model()));
    }
}
