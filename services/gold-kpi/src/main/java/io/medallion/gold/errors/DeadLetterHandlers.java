package io.medallion.gold.errors;

import io.medallion.common.config.ConfigException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

import java.util.List;
import java.util.Map;

/**
 * The three Kafka Streams exception handlers of gold-kpi: each dead-letters the failing source
 * record through the {@link DeadLetterPublisher} the service put in the Streams config, and
 * resumes, so one bad record never stops the KPIs. Only a transient send failure is retried.
 */
public final class DeadLetterHandlers {

    private DeadLetterHandlers() {
    }

    static DeadLetterPublisher publisher(Map<String, ?> configs) {
        Object publisher = configs.get(DeadLetterPublisher.CONFIG_KEY);
        if (publisher instanceof DeadLetterPublisher p) {
            return p;
        }
        throw new ConfigException(DeadLetterPublisher.CONFIG_KEY,
                "must hold the DeadLetterPublisher instance (GoldService puts it in the Streams config)");
    }

    /** An undecodable record on an input topic. */
    public static final class Deserialization implements DeserializationExceptionHandler {
        private DeadLetterPublisher publisher;

        @Override
        public void configure(Map<String, ?> configs) {
            publisher = publisher(configs);
        }

        @Override
        public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
            return Response.resume(List.of(publisher.deserialization(record, exception)));
        }
    }

    /** A record a processor could not handle (e.g. a purchase without a price). */
    public static final class Processing implements ProcessingExceptionHandler {
        private DeadLetterPublisher publisher;

        @Override
        public void configure(Map<String, ?> configs) {
            publisher = publisher(configs);
        }

        @Override
        public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
            return Response.resume(List.of(publisher.processing(context, exception)));
        }
    }

    /** An output record that could not be serialized or sent. */
    public static final class Production implements ProductionExceptionHandler {
        private DeadLetterPublisher publisher;

        @Override
        public void configure(Map<String, ?> configs) {
            publisher = publisher(configs);
        }

        @Override
        public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
            if (exception instanceof RetriableException) {
                return Response.retry();
            }
            return Response.resume(List.of(publisher.production(context, exception)));
        }

        @Override
        @SuppressWarnings("rawtypes")
        public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
                                                 SerializationExceptionOrigin origin) {
            return Response.resume(List.of(publisher.production(context, exception)));
        }
    }
}
