package io.userops.schemas.serde;

import io.userops.schemas.registry.SchemaRegistryClient;
import io.userops.schemas.registry.SchemaRegistryException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro records (generated or generic) in the Confluent wire format, registering or looking
 * up the record's schema under {@code <topic>-value} (or {@code -key}) on first use. Records are
 * encoded by a {@link SpecificRecordWriter} per schema: a compiled write plan for generated classes,
 * Avro's {@code SpecificDatumWriter} for anything else, the same bytes either way.
 */
public final class AvroSerializer<T extends IndexedRecord> implements Serializer<T> {

    private record SubjectSchema(String subject, Schema schema) {
    }

    /** The last topic and schema written, found by identity: a producer writes one schema to one topic. */
    private record Last(String topic, Schema schema, byte[] header, SpecificRecordWriter writer) {
    }

    /** A buffer per thread, reused while a record fits in {@link #RETAINED_BUFFER_BYTES}. */
    private static final ThreadLocal<BinarySink> BUFFERS = ThreadLocal.withInitial(() -> new BinarySink(1024));
    private static final int RETAINED_BUFFER_BYTES = 64 * 1024;

    private final SchemaRegistryClient registry;
    private final boolean autoRegister;
    private volatile boolean isKey;
    private final Map<SubjectSchema, Integer> ids = new ConcurrentHashMap<>();
    private final Map<Schema, SpecificRecordWriter> writers = new ConcurrentHashMap<>();
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
            cached = new Last(topic, schema, header(schemaId(Subjects.of(topic, isKey), schema)),
                    writers.computeIfAbsent(schema, SpecificRecordWriter::forSchema));
            last = cached;
        }
        BinarySink out = BUFFERS.get();
        out.reset();
        try {
            out.writeFixed(cached.header(), 0, WireFormat.HEADER_SIZE);
            cached.writer().write(record, out);
            return out.toByteArray();
        } finally {
            if (out.capacity() > RETAINED_BUFFER_BYTES) {
                BUFFERS.remove();
            }
        }
    }

    private static byte[] header(int schemaId) {
        ByteBuffer header = ByteBuffer.allocate(WireFormat.HEADER_SIZE);
        WireFormat.writeHeader(header, schemaId);
        return header.array();
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
