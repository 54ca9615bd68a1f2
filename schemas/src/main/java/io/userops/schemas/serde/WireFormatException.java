package io.userops.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A payload that is not a valid Confluent wire-format Avro record. Extends Kafka's
 * {@link SerializationException} so that consumers and Streams deserialization handlers treat
 * it as a bad record (dead letter) rather than an outage.
 */
public final class WireFormatException extends SerializationException {

    /** Why a payload could not be read. */
    public enum Reason {
        EMPTY_PAYLOAD,
        TRUNCATED_HEADER,
        WRONG_MAGIC_BYTE,
        UNKNOWN_SCHEMA_ID,
        TRUNCATED_BODY,
        MALFORMED_BODY,
        TRAILING_BYTES,
        INCOMPATIBLE_SCHEMA
    }

    private final Reason reason;
    private final String topic;

    public WireFormatException(Reason reason, String topic, String detail) {
        this(reason, topic, detail, null);
    }

    public WireFormatException(Reason reason, String topic, String detail, Throwable cause) {
        super(reason + " on topic " + topic + ": " + detail, cause);
        this.reason = reason;
        this.topic = topic;
    }

    public Reason reason() {
        return reason;
    }

    public String topic() {
        return topic;
    }
}
