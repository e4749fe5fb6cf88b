package io.medallion.registry.serde;

import io.medallion.registry.client.RegisteredSchema;
import io.medallion.registry.client.SchemaRegistryClient;
import io.medallion.registry.client.SchemaRegistryClients;
import io.medallion.registry.client.SchemaRegistryException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Avro values to Confluent-framed bytes: magic byte 0, the 4-byte schema id, the Avro binary
 * body. Byte for byte what Confluent's {@code KafkaAvroSerializer} writes, {@code byte[]} values
 * included (written raw, without a length prefix).
 *
 * <p>The schema id comes from registering the value's schema under its subject
 * ({@code auto.register.schemas=true}, the default), from the subject's latest version
 * ({@code use.latest.version=true} with auto-registration off; the value is then written with
 * that schema), or from looking the schema up. Ids are cached per topic and schema, writers per
 * schema, and buffers per thread: after the first record of a schema no registry call is made.
 * Thread-safe, as a producer's serializer must be.
 */
public class KafkaAvroSerializer implements Serializer<Object> {

    private record TopicSchema(String topic, Schema schema) {
    }

    private record Target(int id, Schema writerSchema) {
    }

    private record WriterKey(Schema schema, GenericData model) {
    }

    /** A reusable buffer and encoder per thread; the buffer is dropped when one record made it large. */
    private static final class Output {
        private static final int KEEP_AT_MOST = 1 << 20;
        ByteArrayOutputStream stream = new ByteArrayOutputStream(512);
        BinaryEncoder encoder;

        void reset() {
            if (stream.size() > KEEP_AT_MOST) {
                stream = new ByteArrayOutputStream(512);
                encoder = null;
            }
            stream.reset();
        }
    }

    private static final ThreadLocal<Output> OUTPUT = ThreadLocal.withInitial(Output::new);
    private static final byte[] HEADER_PLACEHOLDER = new byte[WireFormat.HEADER_SIZE];

    private SchemaRegistryClient client;
    private boolean ownsClient;
    private boolean isKey;
    private AvroSerdeConfig config;
    private SubjectNameStrategy strategy;
    private GenericData genericData;
    private LatestSchemas latest;
    private final ConcurrentMap<TopicSchema, Target> targets = new ConcurrentHashMap<>();
    private final ConcurrentMap<WriterKey, DatumWriter<Object>> writers = new ConcurrentHashMap<>();

    /** Configured by Kafka (or {@link #configure}) with {@code schema.registry.url} and the serde keys. */
    public KafkaAvroSerializer() {
    }

    /** Uses the given client (not closed by {@link #close()}); still needs {@link #configure}. */
    public KafkaAvroSerializer(SchemaRegistryClient client) {
        this.client = client;
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
        targets.clear();
        writers.clear();
    }

    @Override
    public byte[] serialize(String topic, Object data) {
        if (data == null) {
            return null;
        }
        if (config == null) {
            throw new IllegalStateException("KafkaAvroSerializer used before configure()");
        }
        Target target = target(topic, AvroSchemas.schemaOf(data));
        return encode(topic, target, data);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, Object data) {
        return serialize(topic, data);
    }

    @Override
    public void close() {
        if (ownsClient && client != null) {
            client.close();
        }
    }

    private Target target(String topic, Schema schema) {
        TopicSchema key = new TopicSchema(topic, schema);
        Target cached = targets.get(key);
        if (cached != null) {
            return cached;
        }
        String subject = strategy.subjectName(topic, isKey, schema);
        try {
            if (config.autoRegisterSchemas()) {
                cached = new Target(client.register(subject, schema), schema);
            } else if (config.useLatestVersion()) {
                // Not cached here: LatestSchemas decides how long "latest" stays the latest.
                RegisteredSchema latestVersion = latest.get(subject);
                return new Target(latestVersion.id(), latestVersion.schema());
            } else {
                cached = new Target(client.lookup(subject, schema).id(), schema);
            }
        } catch (SchemaRegistryException e) {
            throw new SerializationException("Cannot get a schema id for subject '" + subject + "' of topic '" + topic
                    + "' (" + (config.autoRegisterSchemas() ? "registering" : config.useLatestVersion()
                    ? "fetching its latest version" : "looking the schema up") + "): " + e.getMessage(), e);
        }
        targets.putIfAbsent(key, cached);
        return cached;
    }

    private byte[] encode(String topic, Target target, Object data) {
        Output out = OUTPUT.get();
        out.reset();
        try {
            out.stream.write(HEADER_PLACEHOLDER);
            if (target.writerSchema().getType() == Schema.Type.BYTES && data instanceof byte[] raw) {
                // Confluent writes a bare bytes value without Avro's length prefix; so do we.
                out.stream.write(raw);
            } else {
                BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out.stream, out.encoder);
                out.encoder = encoder;
                writer(target.writerSchema(), data).write(data, encoder);
                encoder.flush();
            }
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot serialize " + (isKey ? "key" : "value") + " of topic '" + topic
                    + "' with schema id " + target.id() + " (" + target.writerSchema().getFullName() + "): " + e, e);
        }
        byte[] bytes = out.stream.toByteArray();
        WireFormat.writeHeader(bytes, 0, target.id());
        return bytes;
    }

    private DatumWriter<Object> writer(Schema schema, Object data) {
        GenericData model = data instanceof SpecificRecord ? AvroData.specificFor(data.getClass()) : genericData;
        return writers.computeIfAbsent(new WriterKey(schema, model), k -> k.model() instanceof SpecificData specific
                ? new SpecificDatumWriter<>(k.schema(), specific)
                : new GenericDatumWriter<>(k.schema(), k.model()));
    }
}
