package io.medallion.silver.errors;

import io.medallion.common.deadletter.FailureKind;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * A record whose processing throws (a mapping that cannot fill the contract, say) is
 * dead-lettered with its source bytes; processing continues with the next record.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

    private DeadLetterRouter router;

    @Override
    public void configure(Map<String, ?> configs) {
        router = DeadLetterRouter.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        LOG.warn("Dead-lettering record {}-{}@{} that failed in {} to {}: {}", context.topic(), context.partition(),
                context.offset(), context.processorNodeId(), router.topic(), exception.toString());
        return Response.resume(List.of(router.deadLetter(FailureKind.PROCESSING, context,
                context.sourceRawKey(), context.sourceRawValue(), exception)));
    }
}
