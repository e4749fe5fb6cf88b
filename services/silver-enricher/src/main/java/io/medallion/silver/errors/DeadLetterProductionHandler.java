package io.medallion.silver.errors;

import io.medallion.common.deadletter.FailureKind;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * An output record that cannot be serialized (a registry that rejects the schema, say) or that
 * the broker refuses for good (too large) is dead-lettered with the source record's bytes, and
 * processing continues. A transient send error is retried, never dead-lettered.
 */
public final class DeadLetterProductionHandler implements ProductionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProductionHandler.class);

    private DeadLetterRouter router;

    @Override
    public void configure(Map<String, ?> configs) {
        router = DeadLetterRouter.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (exception instanceof RetriableException) {
            LOG.info("Retrying the send to {} after a transient error: {}", record.topic(), exception.toString());
            return Response.retry();
        }
        return deadLetter(context, record.topic(), exception);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
                                             SerializationExceptionOrigin origin) {
        return deadLetter(context, record.topic(), exception);
    }

    private Response deadLetter(ErrorHandlerContext context, String outputTopic, Exception exception) {
        LOG.warn("Dead-lettering record {}-{}@{} that could not be written to {}: {}", context.topic(),
                context.partition(), context.offset(), outputTopic, exception.toString());
        return Response.resume(List.of(router.deadLetter(FailureKind.PRODUCTION, context,
                context.sourceRawKey(), context.sourceRawValue(), exception)));
    }
}
