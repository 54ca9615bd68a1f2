package io.userops.schemas.serde;

import java.nio.ByteBuffer;

/**
 * The Confluent wire format: one magic byte {@code 0}, the schema id as a 4-byte big-endian
 * integer, then the Avro binary encoding of the record. Kafka Connect, ksqlDB and Kafka UIs read
 * topics written this way.
 */
public final class WireFormat {

    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    /** Writes the 5-byte header for a schema id into the start of {@code target}. */
    public static void writeHeader(ByteBuffer target, int schemaId) {
        target.put(MAGIC_BYTE).putInt(schemaId);
    }

    /**
     * Reads the schema id from a payload, rejecting anything that is not a wire-format header.
     *
     * @throws WireFormatException EMPTY_PAYLOAD, TRUNCATED_HEADER or WRONG_MAGIC_BYTE
     */
    public static int readSchemaId(String topic, byte[] payload) {
        if (payload.length == 0) {
            throw new WireFormatException(WireFormatException.Reason.EMPTY_PAYLOAD, topic,
                    "0 bytes, expected at least " + HEADER_SIZE);
        }
        if (payload[0] != MAGIC_BYTE) {
            throw new WireFormatException(WireFormatException.Reason.WRONG_MAGIC_BYTE, topic,
                    String.format("first byte is 0x%02x, expected 0x00", payload[0] & 0xff));
        }
        if (payload.length < HEADER_SIZE) {
            throw new WireFormatException(WireFormatException.Reason.TRUNCATED_HEADER, topic,
                    payload.length + " bytes, expected at least " + HEADER_SIZE);
        }
        return ByteBuffer.wrap(payload, 1, 4).getInt();
    }
}
