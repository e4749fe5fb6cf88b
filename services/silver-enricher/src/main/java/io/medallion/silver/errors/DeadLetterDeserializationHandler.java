package io.medallion.silver.errors;

import io.medallion.common.deadletter.FailureKind;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/** An undecodable source record (not the wire format, unknown schema, not an envelope) is dead-lettered; processing continues. */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    private DeadLetterRouter router;

    @Override
    public void configure(Map<String, ?> configs) {
        router = DeadLetterRouter.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        LOG.warn("Dead-lettering undecodable record {}-{}@{} to {}: {}", record.topic(), record.partition(),
                record.offset(), router.topic(), exception.toString());
        return Response.resume(List.of(router.deadLetter(FailureKind.DESERIALIZATION, context, record.key(), record.value(), exception)));
    }
}
