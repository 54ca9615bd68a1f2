package io.userops.schemas.serde;

import io.userops.schemas.registry.SchemaRegistryClient;
import io.userops.schemas.registry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro records (generated or generic) in the Confluent wire format, registering or looking
 * up the record's schema under {@code <topic>-value} (or {@code -key}) on first use.
 */
public final class AvroSerializer<T extends IndexedRecord> implements Serializer<T> {

    private record SubjectSchema(String subject, Schema schema) {
    }

    /** The last topic and schema written, found by identity: a producer writes one schema to one topic. */
    private record Last(String topic, Schema schema, int id, DatumWriter<?> writer) {
    }

    private final SchemaRegistryClient registry;
    private final boolean autoRegister;
    private volatile boolean isKey;
    private final Map<SubjectSchema, Integer> ids = new ConcurrentHashMap<>();
    private final Map<Schema, DatumWriter<T>> writers = new ConcurrentHashMap<>();
    private volatile Last last;

    public AvroSerializer(SchemaRegistryClient registry, boolean autoRegister, boolean isKey) {
        this.registry = registry;
        this.autoRegister = autoRegister;
        this.isKey = isKey;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
        this.last = null;
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        Schema schema = record.getSchema();
        Last cached = last;
        if (cached == null || cached.topic() != topic || cached.schema() != schema) {
            // Schema hashing is deep: look the maps up once per topic and schema, not per record.
            cached = new Last(topic, schema, schemaId(Subjects.of(topic, isKey), schema),
                    writers.computeIfAbsent(schema, SpecificDatumWriter::new));
            last = cached;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        ByteBuffer header = ByteBuffer.allocate(WireFormat.HEADER_SIZE);
        WireFormat.writeHeader(header, cached.id());
        out.writeBytes(header.array());
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            @SuppressWarnings("unchecked")
            DatumWriter<T> writer = (DatumWriter<T>) cached.writer();
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private int schemaId(String subject, Schema schema) {
        return ids.computeIfAbsent(new SubjectSchema(subject, schema), key -> autoRegister
                ? registry.register(subject, schema)
                : registry.lookup(subject, schema)
                        .orElseThrow(() -> SchemaRegistryException.schemaNotFound(
                                "for subject '" + subject + "' (auto-registration is off: register it first)"))
                        .id());
    }
}
