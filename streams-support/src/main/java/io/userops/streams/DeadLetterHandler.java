package io.userops.streams;

import io.userops.schemas.serde.WireFormatException;
import io.userops.schemas.topics.DeadLetterHeaders;
import io.userops.schemas.topics.Topics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the topology cannot read or process go to {@code userops.dead-letter.v1} as they were read,
 * with origin topic, partition, offset and reason in the {@code userops.dlq.*} headers; processing goes
 * on. The dead-letter record is produced in the same transaction as the task's output.
 */
public final class DeadLetterHandler implements DeserializationExceptionHandler, ProcessingExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterHandler.class);
    /** The application's name in the {@code userops.dlq.stage} header; the application.id when not set. */
    public static final String STAGE_CONFIG = "userops.dlq.stage";

    private String stage = "unknown";

    @Override
    public void configure(Map<String, ?> configs) {
        Object configured = configs.get(STAGE_CONFIG);
        Object applicationId = configs.get("application.id");
        stage = String.valueOf(configured != null ? configured : applicationId != null ? applicationId : stage);
    }

    @Override
    public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context,
            ConsumerRecord<byte[], byte[]> record, Exception exception) {
        return DeserializationExceptionHandler.Response.resume(
                List.of(deadLetter(context, record.key(), record.value(), exception)));
    }

    @Override
    public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record,
            Exception exception) {
        return ProcessingExceptionHandler.Response.resume(
                List.of(deadLetter(context, context.sourceRawKey(), context.sourceRawValue(), exception)));
    }

    static String reason(Exception exception) {
        if (exception instanceof WireFormatException wire) {
            return wire.reason().name();
        }
        if (exception instanceof UnprocessableEventException unprocessable) {
            return unprocessable.reason();
        }
        return exception.getClass().getSimpleName();
    }

    private ProducerRecord<byte[], byte[]> deadLetter(ErrorHandlerContext context, byte[] key, byte[] value,
            Exception exception) {
        String reason = reason(exception);
        log.warn("dead-lettering {}-{}@{} at {}: {}", context.topic(), context.partition(), context.offset(),
                context.processorNodeId(), reason);
        RecordHeaders headers = new RecordHeaders();
        DeadLetterHeaders.put(headers, DeadLetterHeaders.STAGE, stage);
        DeadLetterHeaders.put(headers, DeadLetterHeaders.REASON, reason);
        DeadLetterHeaders.put(headers, DeadLetterHeaders.MESSAGE, String.valueOf(exception.getMessage()));
        DeadLetterHeaders.put(headers, DeadLetterHeaders.ORIGIN_TOPIC, context.topic());
        DeadLetterHeaders.put(headers, DeadLetterHeaders.ORIGIN_PARTITION, context.partition());
        DeadLetterHeaders.put(headers, DeadLetterHeaders.ORIGIN_OFFSET, context.offset());
        return new ProducerRecord<>(Topics.DEAD_LETTER.name(), null, null, key, value, headers);
    }
}
