package io.userops.schemas.serde;

import io.userops.schemas.AvroClasses;
import io.userops.schemas.registry.SchemaRegistryClient;
import io.userops.schemas.registry.SchemaRegistryException;
import java.io.EOFException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent wire-format Avro. The writer's schema comes from the registry by id; records are
 * resolved to the reader schema (a generated class's schema) or returned as written (generic).
 * Every malformed payload fails with a {@link WireFormatException} naming the reason; a registry
 * that cannot be reached fails with {@link SchemaRegistryException}, which is not the record's fault.
 */
public final class AvroDeserializer<T> implements Deserializer<T> {

    private final SchemaRegistryClient registry;
    private final Schema readerSchema;
    private final Map<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();

    /**
     * @param readerSchema the schema to read into (a generated class's {@code SCHEMA$}), or null to
     *                     read generic records in the writer's schema
     */
    public AvroDeserializer(SchemaRegistryClient registry, Schema readerSchema) {
        AvroClasses.trust();
        this.registry = registry;
        this.readerSchema = readerSchema;
    }

    @Override
    public T deserialize(String topic, byte[] payload) {
        if (payload == null) {
            return null;
        }
        int schemaId = WireFormat.readSchemaId(topic, payload);
        DatumReader<T> reader = readers.computeIfAbsent(schemaId, id -> newReader(topic, id));
        BinaryDecoder decoder = DecoderFactory.get()
                .binaryDecoder(payload, WireFormat.HEADER_SIZE, payload.length - WireFormat.HEADER_SIZE, null);
        T value;
        try {
            value = reader.read(null, decoder);
        } catch (EOFException e) {
            throw new WireFormatException(WireFormatException.Reason.TRUNCATED_BODY, topic,
                    "payload of " + payload.length + " bytes ended inside the record (schema id " + schemaId + ")", e);
        } catch (IOException | RuntimeException e) {
            throw new WireFormatException(WireFormatException.Reason.MALFORMED_BODY, topic,
                    "not a record of schema id " + schemaId + ": " + e.getMessage(), e);
        }
        try {
            if (!decoder.isEnd()) {
                throw new WireFormatException(WireFormatException.Reason.TRAILING_BYTES, topic,
                        "bytes left after a complete record of schema id " + schemaId);
            }
        } catch (IOException e) {
            throw new WireFormatException(WireFormatException.Reason.MALFORMED_BODY, topic, e.getMessage(), e);
        }
        return value;
    }

    private DatumReader<T> newReader(String topic, int schemaId) {
        Schema writerSchema;
        try {
            writerSchema = registry.schemaById(schemaId);
        } catch (SchemaRegistryException e) {
            if (e.isNotFound()) {
                throw new WireFormatException(WireFormatException.Reason.UNKNOWN_SCHEMA_ID, topic,
                        "schema id " + schemaId + " is not in the registry", e);
            }
            throw e;
        }
        Schema target = readerSchema == null ? writerSchema : readerSchema;
        var compatibility = SchemaCompatibility.checkReaderWriterCompatibility(target, writerSchema);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new WireFormatException(WireFormatException.Reason.INCOMPATIBLE_SCHEMA, topic,
                    "schema id " + schemaId + " (" + writerSchema.getFullName() + ") cannot be read as "
                            + target.getFullName() + ": " + compatibility.getDescription());
        }
        return new SpecificDatumReader<>(writerSchema, target);
    }
}
