package io.userops.schemas.serde;

import io.userops.schemas.registry.SchemaRegistryClient;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** A Kafka {@link Serde} for Avro records in the Confluent wire format. */
public final class AvroSerde<T extends org.apache.avro.generic.IndexedRecord> implements Serde<T> {

    private final AvroSerializer<T> serializer;
    private final AvroDeserializer<T> deserializer;

    private AvroSerde(SchemaRegistryClient registry, Schema readerSchema, boolean autoRegister, boolean isKey) {
        this.serializer = new AvroSerializer<>(registry, autoRegister, isKey);
        this.deserializer = new AvroDeserializer<>(registry, readerSchema);
    }

    /** A value serde for a generated class; reads resolve any compatible writer schema to the class's schema. */
    public static <T extends SpecificRecord> AvroSerde<T> specific(Class<T> type, SchemaRegistryClient registry,
            boolean autoRegister) {
        return new AvroSerde<>(registry, SpecificData.get().getSchema(type), autoRegister, false);
    }

    /** A value serde for generic records, read in the schema they were written with. */
    public static AvroSerde<GenericRecord> generic(SchemaRegistryClient registry, boolean autoRegister) {
        return new AvroSerde<>(registry, null, autoRegister, false);
    }

    @Override
    public void configure(java.util.Map<String, ?> configs, boolean isKey) {
        serializer.configure(configs, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
