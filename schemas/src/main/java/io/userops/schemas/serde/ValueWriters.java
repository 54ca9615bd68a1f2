package io.userops.schemas.serde;

import io.userops.schemas.serde.ValueWriter.UnexpectedDatum;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.util.Utf8;

/**
 * The value writers of a write plan. Each takes exactly the Java types that make
 * {@code SpecificDatumWriter} write the same schema branch (and, inside a {@code ["null", X]} union,
 * that {@code GenericData.resolveUnion} resolves to X), and throws {@link UnexpectedDatum} otherwise.
 */
final class ValueWriters {

    private ValueWriters() {
    }

    static UnexpectedDatum unexpected() {
        return UnexpectedDatum.INSTANCE;
    }

    /** The {@code null} type: no bytes. */
    static final ValueWriter NULL = (datum, out) -> {
        if (datum != null) {
            throw unexpected();
        }
    };

    static final ValueWriter BOOLEAN = (datum, out) -> {
        if (!(datum instanceof Boolean b)) {
            throw unexpected();
        }
        out.writeBoolean(b);
    };

    static final ValueWriter INT = (datum, out) -> {
        if (!(datum instanceof Integer i)) {
            throw unexpected();
        }
        out.writeInt(i);
    };

    static final ValueWriter LONG = (datum, out) -> {
        if (!(datum instanceof Long l)) {
            throw unexpected();
        }
        out.writeLong(l);
    };

    static final ValueWriter FLOAT = (datum, out) -> {
        if (!(datum instanceof Float f)) {
            throw unexpected();
        }
        out.writeFloat(f);
    };

    static final ValueWriter DOUBLE = (datum, out) -> {
        if (!(datum instanceof Double d)) {
            throw unexpected();
        }
        out.writeDouble(d);
    };

    /** A {@link String} as its UTF-8 bytes, a {@link Utf8} as the bytes it holds (what Avro's encoder does for each). */
    static final ValueWriter STRING = (datum, out) -> {
        if (datum instanceof String s) {
            out.writeString(s);
        } else if (datum != null && datum.getClass() == Utf8.class) {
            Utf8 utf8 = (Utf8) datum;
            out.writeBytes(utf8.getBytes(), 0, utf8.getByteLength());
        } else {
            throw unexpected();
        }
    };

    /** The bytes between position and limit; the buffer's position does not move. */
    static final ValueWriter BYTES = (datum, out) -> {
        if (!(datum instanceof ByteBuffer buffer)) {
            throw unexpected();
        }
        int position = buffer.position();
        int length = buffer.limit() - position;
        if (length == 0) {
            out.writeInt(0);
        } else if (buffer.hasArray()) {
            out.writeBytes(buffer.array(), buffer.arrayOffset() + position, length);
        } else {
            byte[] copy = new byte[length];
            buffer.duplicate().get(copy, 0, length);
            out.writeBytes(copy, 0, length);
        }
    };

    /** {@code timestamp-millis}: {@link Instant#toEpochMilli()}, as Avro's {@code TimestampMillisConversion}. */
    static final ValueWriter TIMESTAMP_MILLIS = (datum, out) -> {
        if (!(datum instanceof Instant instant)) {
            throw unexpected();
        }
        out.writeLong(instant.toEpochMilli());
    };

    /**
     * {@code timestamp-micros}: microseconds since the epoch, rounded towards the past, failing
     * (ArithmeticException) outside the range of a long, as Avro's {@code TimestampMicrosConversion}.
     */
    static final ValueWriter TIMESTAMP_MICROS = (datum, out) -> {
        if (!(datum instanceof Instant instant)) {
            throw unexpected();
        }
        out.writeLong(epochMicros(instant));
    };

    /** {@code date}: days since the epoch, cast to an int, as Avro's {@code DateConversion}. */
    static final ValueWriter DATE = (datum, out) -> {
        if (!(datum instanceof LocalDate date)) {
            throw unexpected();
        }
        out.writeInt((int) date.toEpochDay());
    };

    static long epochMicros(Instant instant) {
        long seconds = instant.getEpochSecond();
        int nanos = instant.getNano();
        if (seconds < 0 && nanos > 0) {
            // Before the epoch: one second less in the multiplication keeps the product in range.
            return Math.addExact(Math.multiplyExact(seconds + 1, 1_000_000L), nanos / 1_000 - 1_000_000L);
        }
        return Math.addExact(Math.multiplyExact(seconds, 1_000_000L), nanos / 1_000);
    }

    /** A generated enum: its ordinal, which the compiler checked is the symbol's index in the schema. */
    record EnumWriter(Class<?> type) implements ValueWriter {
        @Override
        public void write(Object datum, BinarySink out) {
            if (datum == null || datum.getClass() != type) {
                throw unexpected();
            }
            out.writeInt(((Enum<?>) datum).ordinal());
        }
    }

    /** A generated fixed class: its first {@code size} bytes, no length. */
    record FixedWriter(Class<?> type, int size) implements ValueWriter {
        @Override
        public void write(Object datum, BinarySink out) {
            if (datum == null || datum.getClass() != type) {
                throw unexpected();
            }
            byte[] bytes = ((GenericFixed) datum).bytes();
            if (bytes == null || bytes.length < size) {
                throw unexpected();
            }
            out.writeFixed(bytes, 0, size);
        }
    }

    /** {@code ["null", X]} or {@code [X, "null"]}: the branch index from a null check, then X. */
    record NullableWriter(int nullIndex, int valueIndex, ValueWriter value) implements ValueWriter {
        @Override
        public void write(Object datum, BinarySink out) {
            if (datum == null) {
                out.writeInt(nullIndex);
            } else {
                out.writeInt(valueIndex);
                value.write(datum, out);
            }
        }
    }

    /**
     * An array: one block of {@code size} items, then the empty block (an empty array is the empty
     * block alone), as Avro's binary encoder writes it.
     */
    record ArrayWriter(ValueWriter element) implements ValueWriter {
        @Override
        public void write(Object datum, BinarySink out) {
            if (!(datum instanceof Collection<?> items) || datum instanceof IndexedRecord
                    || datum instanceof GenericEnumSymbol<?>) {
                throw unexpected();
            }
            int size = items.size();
            if (size > 0) {
                out.writeLong(size);
            }
            int written = 0;
            for (Object item : items) {
                element.write(item, out);
                written++;
            }
            out.writeInt(0);
            if (written != size) {
                throw unexpected();
            }
        }
    }

    /** A map: one block of {@code size} entries (key as a string, then value), then the empty block. */
    record MapWriter(ValueWriter value) implements ValueWriter {
        @Override
        public void write(Object datum, BinarySink out) {
            if (!(datum instanceof Map<?, ?> entries) || datum instanceof IndexedRecord || datum instanceof Collection<?>
                    || datum instanceof GenericEnumSymbol<?>) {
                throw unexpected();
            }
            int size = entries.size();
            if (size > 0) {
                out.writeLong(size);
            }
            int written = 0;
            for (Map.Entry<?, ?> entry : entries.entrySet()) {
                Object key = entry.getKey();
                if (key == null) {
                    throw unexpected();
                }
                out.writeString(key.toString());
                value.write(entry.getValue(), out);
                written++;
            }
            out.writeInt(0);
            if (written != size) {
                throw unexpected();
            }
        }
    }

    /**
     * A generated record class: its fields in schema order, each read by position. Created before its
     * fields are compiled, so that a record can contain itself.
     */
    static final class RecordWriter implements ValueWriter {

        private final Class<?> type;
        private ValueWriter[] fields;

        RecordWriter(Class<?> type) {
            this.type = type;
        }

        void fields(ValueWriter[] compiled) {
            this.fields = compiled;
        }

        Class<?> type() {
            return type;
        }

        @Override
        public void write(Object datum, BinarySink out) {
            if (datum == null || datum.getClass() != type) {
                throw unexpected();
            }
            IndexedRecord record = (IndexedRecord) datum;
            ValueWriter[] writers = fields;
            for (int i = 0; i < writers.length; i++) {
                writers[i].write(record.get(i), out);
            }
        }
    }
}
