package io.userops.schemas.topics;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The headers every stage puts on a record it sends to {@code userops.dead-letter.v1}: where the
 * record came from and why it could not be processed. Values are UTF-8 strings.
 */
public final class DeadLetterHeaders {

    /** The stage that gave up: {@code ingest}, {@code segmentation}, {@code trigger}, {@code delivery}. */
    public static final String STAGE = "userops.dlq.stage";
    /** A stable reason code, e.g. {@code missing_identity}, {@code WRONG_MAGIC_BYTE}. */
    public static final String REASON = "userops.dlq.reason";
    /** A human-readable explanation. */
    public static final String MESSAGE = "userops.dlq.message";
    /** The topic, partition and offset the record was read from, when it was read from Kafka. */
    public static final String ORIGIN_TOPIC = "userops.dlq.origin.topic";
    public static final String ORIGIN_PARTITION = "userops.dlq.origin.partition";
    public static final String ORIGIN_OFFSET = "userops.dlq.origin.offset";
    /** The source (write key owner) that sent the record, for ingest rejections. */
    public static final String SOURCE = "userops.dlq.source";
    /** The position of the event in its batch request, for ingest rejections. */
    public static final String BATCH_INDEX = "userops.dlq.batch.index";

    private DeadLetterHeaders() {
    }

    public static void put(Headers headers, String name, Object value) {
        headers.add(name, String.valueOf(value).getBytes(StandardCharsets.UTF_8));
    }

    /** The last value of a header as text, or null. */
    public static String get(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
