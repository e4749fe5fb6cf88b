package io.medallion.silver.errors;

import io.medallion.avro.common.DeadLetter;
import io.medallion.common.config.ConfigException;
import io.medallion.silver.metrics.SilverMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each exception handler alone: it dead-letters with the reason and the source bytes, counts, and resumes. */
class DeadLetterHandlersTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final byte[] KEY = {1, 2};
    private static final byte[] VALUE = "raw value".getBytes(StandardCharsets.UTF_8);

    /** Plain Avro binary, enough to read the dead letter back in a unit test. */
    private static final Serializer<DeadLetter> AVRO = (topic, letter) -> {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        var encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            new SpecificDatumWriter<>(DeadLetter.class).write(letter, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    };

    private final SilverMetrics metrics = new SilverMetrics(new SimpleMeterRegistry());
    private final DeadLetterRouter router = new DeadLetterRouter("silver-enricher", "silver.dead_letters", new StringSerializer(),
            AVRO, Set.of("cdc.shop.customers"), metrics, Clock.fixed(NOW, ZoneOffset.UTC));
    private final Map<String, Object> configs = Map.of(DeadLetterRouter.CONFIG_KEY, router);

    private record Context(String topic, int partition, long offset, Headers headers, String processorNodeId, TaskId taskId,
                           long timestamp, byte[] sourceRawKey, byte[] sourceRawValue) implements ErrorHandlerContext {
    }

    private static Context context(String topic) {
        return new Context(topic, 3, 42L, new RecordHeaders(), "orders-validate", new TaskId(0, 3), 1_000L, KEY, VALUE);
    }

    private static DeadLetter read(ProducerRecord<byte[], byte[]> record) throws IOException {
        return new SpecificDatumReader<>(DeadLetter.class).read(null, DecoderFactory.get().binaryDecoder(record.value(), null));
    }

    @Test
    void deserializationFailuresAreDeadLetteredAndResumed() throws IOException {
        DeadLetterDeserializationHandler handler = new DeadLetterDeserializationHandler();
        handler.configure(configs);
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("cdc.shop.orders", 3, 42L, KEY, VALUE);

        DeserializationExceptionHandler.Response response = handler.handleError(context("cdc.shop.orders"), record,
                new SerializationException("Unknown magic byte!"));

        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        ProducerRecord<byte[], byte[]> out = response.deadLetterQueueRecords().get(0);
        assertThat(out.topic()).isEqualTo("silver.dead_letters");
        assertThat(new StringDeserializer().deserialize("t", out.key())).isEqualTo("cdc.shop.orders");
        DeadLetter d = read(out);
        assertThat(d.getFailureKind()).isEqualTo("deserialization");
        assertThat(d.getReason()).isEqualTo("SerializationException: Unknown magic byte!");
        assertThat(d.getSourceTopic()).isEqualTo("cdc.shop.orders");
        assertThat(d.getSourcePartition()).isEqualTo(3);
        assertThat(d.getSourceOffset()).isEqualTo(42L);
        assertThat(d.getKey()).isEqualTo(ByteBuffer.wrap(KEY));
        assertThat(d.getValue()).isEqualTo(ByteBuffer.wrap(VALUE));
        assertThat(d.getFailedAt()).isEqualTo(NOW);
        assertThat(metrics.snapshot().deadLetters()).containsEntry("deserialization", 1L);
    }

    @Test
    void processingFailuresAreDeadLetteredWithTheSourceBytes() throws IOException {
        DeadLetterProcessingHandler handler = new DeadLetterProcessingHandler();
        handler.configure(configs);

        ProcessingExceptionHandler.Response response = handler.handleError(context("cdc.shop.orders"),
                new Record<>("k", "v", 1L), new IllegalStateException("boom"));

        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        DeadLetter d = read(response.deadLetterQueueRecords().get(0));
        assertThat(d.getFailureKind()).isEqualTo("processing");
        assertThat(d.getReason()).isEqualTo("IllegalStateException: boom");
        assertThat(d.getExceptionClass()).isEqualTo(IllegalStateException.class.getName());
        assertThat(d.getValue()).isEqualTo(ByteBuffer.wrap(VALUE));
    }

    @Test
    void productionFailuresAreDeadLetteredButTransientOnesRetried() throws IOException {
        DeadLetterProductionHandler handler = new DeadLetterProductionHandler();
        handler.configure(configs);
        ProducerRecord<byte[], byte[]> output = new ProducerRecord<>("silver.orders", new byte[] {9}, new byte[] {9});

        ProductionExceptionHandler.Response tooLarge = handler.handleError(context("cdc.shop.orders"), output,
                new RecordTooLargeException("too large"));
        ProductionExceptionHandler.Response serialization = handler.handleSerializationError(context("cdc.shop.orders"), output,
                new SerializationException("schema refused"), ProductionExceptionHandler.SerializationExceptionOrigin.VALUE);
        ProductionExceptionHandler.Response transientError = handler.handleError(context("cdc.shop.orders"), output,
                new TimeoutException("broker slow"));

        assertThat(tooLarge.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        assertThat(read(tooLarge.deadLetterQueueRecords().get(0)).getFailureKind()).isEqualTo("production");
        assertThat(read(serialization.deadLetterQueueRecords().get(0)).getReason()).isEqualTo("SerializationException: schema refused");
        assertThat(transientError.result()).isEqualTo(ProductionExceptionHandler.Result.RETRY);
        assertThat(transientError.deadLetterQueueRecords()).isEmpty();
        assertThat(metrics.snapshot().deadLetters()).containsEntry("production", 2L);
    }

    @Test
    void personalDataTopicsKeepTheirValueBytesOut() throws IOException {
        DeadLetterProcessingHandler handler = new DeadLetterProcessingHandler();
        handler.configure(configs);

        DeadLetter d = read(handler.handleError(context("cdc.shop.customers"), new Record<>("k", "v", 1L),
                new IllegalStateException("boom")).deadLetterQueueRecords().get(0));

        assertThat(d.getValue()).isNull();
        assertThat(d.getKey()).isEqualTo(ByteBuffer.wrap(KEY));
        assertThat(d.getReason()).isEqualTo("IllegalStateException: boom [value withheld: cdc.shop.customers holds personal data]");
    }

    @Test
    void aHandlerWithoutItsRouterRefusesToConfigure() {
        assertThatThrownBy(() -> new DeadLetterProcessingHandler().configure(Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining(DeadLetterRouter.CONFIG_KEY);
    }
}
