package io.userops.schemas.topics;

import io.userops.schemas.registry.SchemaRegistryClient;
import io.userops.schemas.serde.AvroSerde;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** How a topic's values are written: Avro in the wire format, or raw bytes (the dead-letter topic). */
public sealed interface ValueFormat<V> permits ValueFormat.Avro, ValueFormat.RawBytes {

    Serde<V> serde(SchemaRegistryClient registry, boolean autoRegister);

    /** The Avro schema of the values, when they have one. */
    Optional<Schema> schema();

    static <T extends SpecificRecord> ValueFormat<T> avro(Class<T> type) {
        return new Avro<>(type);
    }

    static ValueFormat<byte[]> rawBytes() {
        return new RawBytes();
    }

    /** Generated Avro records in the Confluent wire format. */
    record Avro<T extends SpecificRecord>(Class<T> type) implements ValueFormat<T> {
        @Override
        public Serde<T> serde(SchemaRegistryClient registry, boolean autoRegister) {
            return AvroSerde.specific(type, registry, autoRegister);
        }

        @Override
        public Optional<Schema> schema() {
            return Optional.of(SpecificData.get().getSchema(type));
        }
    }

    /** Bytes kept exactly as they were received (records that could not be read). */
    record RawBytes() implements ValueFormat<byte[]> {
        @Override
        public Serde<byte[]> serde(SchemaRegistryClient registry, boolean autoRegister) {
            return Serdes.ByteArray();
        }

        @Override
        public Optional<Schema> schema() {
            return Optional.empty();
        }
    }
}
