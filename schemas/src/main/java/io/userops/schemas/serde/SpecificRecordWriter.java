package io.userops.schemas.serde;

import io.userops.schemas.serde.ValueWriters.RecordWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes records of generated Avro classes in Avro's binary encoding, byte for byte as
 * {@link SpecificDatumWriter} writes them, from a write plan compiled once per schema: per field, the
 * value read by position ({@link IndexedRecord#get(int)}) and a writer chosen from the schema, so that
 * no union is resolved, no conversion looked up and no long boxed per record.
 *
 * <p>Supported, at any depth:
 * <ul>
 *   <li>null, boolean, int, long, float, double;</li>
 *   <li>string ({@link String} as its UTF-8 bytes, {@link org.apache.avro.util.Utf8} as its bytes) and
 *       bytes ({@link java.nio.ByteBuffer}, position to limit);</li>
 *   <li>enums, by the generated enum's ordinal, only when the compiler has checked that every
 *       ordinal is its symbol's index in the schema; fixed, by the generated class;</li>
 *   <li>timestamp-millis and timestamp-micros over {@link java.time.Instant}, date over
 *       {@link java.time.LocalDate}, with Avro's own arithmetic, only where the generated class or its
 *       model converts them with Avro's {@code TimeConversions};</li>
 *   <li>unions {@code ["null", X]} and {@code [X, "null"]} (the index from a null check);</li>
 *   <li>nested records of generated classes (a record may contain itself), arrays and maps of any
 *       supported type.</li>
 * </ul>
 *
 * <p>Falls back to {@code SpecificDatumWriter} for the whole schema (see {@link #fallbackReason()}) on
 * anything else: a union with more than one non-null branch, a logical type other than the three
 * above (decimal, uuid, local-timestamp-*, time-*, duration...), a conversion other than Avro's for
 * them, {@code java-class} properties, a named type without a generated class (generic records), an
 * enum whose constants are not in the schema's symbol order.
 *
 * <p>Falls back for one record: when the record is not an instance of the generated class (a
 * {@code GenericData.Record} of the same schema), and when any value is not the type the plan was
 * compiled for (a wrong type, a null in a non-null field, a collection changed while written, an
 * instant out of a long's range). That record is then written again from its start by
 * {@code SpecificDatumWriter}, which either writes it or fails as it always did: a plan never writes
 * different bytes, and errors keep Avro's messages. {@link #recordsWrittenByFallback()} counts them.
 *
 * <p>Thread-safe: the plan is immutable; each call writes into the caller's {@link BinarySink}.
 */
public final class SpecificRecordWriter {

    private static final Logger log = LoggerFactory.getLogger(SpecificRecordWriter.class);

    private final Schema schema;
    private final SpecificDatumWriter<Object> fallback;
    private final RecordWriter plan;
    private final String fallbackReason;
    private final LongAdder fallbackRecords = new LongAdder();

    private SpecificRecordWriter(Schema schema, SpecificDatumWriter<Object> fallback, RecordWriter plan,
            String fallbackReason) {
        this.schema = schema;
        this.fallback = fallback;
        this.plan = plan;
        this.fallbackReason = fallbackReason;
    }

    /** Compiles the write plan of a schema, or settles on {@code SpecificDatumWriter} for it. */
    public static SpecificRecordWriter forSchema(Schema schema) {
        // Built first and always: the writer and model that records written by fallback get, as before.
        SpecificDatumWriter<Object> fallback = new SpecificDatumWriter<>(schema);
        SpecificData model = fallback.getSpecificData();
        try {
            return new SpecificRecordWriter(schema, fallback, WritePlanCompiler.compile(schema, model), null);
        } catch (WritePlanCompiler.Unsupported e) {
            log.info("Avro schema {} is written by SpecificDatumWriter: {}", schema.getFullName(), e.getMessage());
            return new SpecificRecordWriter(schema, fallback, null, e.getMessage());
        } catch (RuntimeException e) {
            // A class or schema the compiler did not foresee: the schema is written as it was before.
            log.warn("Avro schema {} is written by SpecificDatumWriter: its write plan failed to compile",
                    schema.getFullName(), e);
            return new SpecificRecordWriter(schema, fallback, null, "the write plan failed to compile: " + e);
        }
    }

    public Schema schema() {
        return schema;
    }

    /** True when records of the generated class are written by the compiled plan. */
    public boolean isCompiled() {
        return plan != null;
    }

    /** Why the whole schema is written by {@code SpecificDatumWriter}; empty when the plan is compiled. */
    public Optional<String> fallbackReason() {
        return Optional.ofNullable(fallbackReason);
    }

    /** Records of a compiled schema that were written by {@code SpecificDatumWriter} all the same. */
    public long recordsWrittenByFallback() {
        return fallbackRecords.sum();
    }

    /** The Avro binary encoding of a record (no wire-format header). */
    public byte[] toBytes(IndexedRecord record) {
        BinarySink out = new BinarySink(256);
        write(record, out);
        return out.toByteArray();
    }

    /** Appends the Avro binary encoding of a record to {@code out}. */
    void write(IndexedRecord record, BinarySink out) {
        if (plan == null) {
            writeWithFallback(record, out);
            return;
        }
        if (record == null || record.getClass() != plan.type()) {
            fallbackRecords.increment();
            writeWithFallback(record, out);
            return;
        }
        int start = out.position();
        try {
            plan.write(record, out);
        } catch (RuntimeException unexpected) {
            // UnexpectedDatum, or anything a value threw (toString of a map key, an ArithmeticException):
            // SpecificDatumWriter decides what the record is worth, from the record's first byte.
            out.truncate(start);
            fallbackRecords.increment();
            writeWithFallback(record, out);
        }
    }

    /** The plan alone, for tests: fails on what {@link #write} would hand to the fallback. */
    void writeCompiled(IndexedRecord record, BinarySink out) {
        if (plan == null) {
            throw new IllegalStateException("no plan for " + schema.getFullName() + ": " + fallbackReason);
        }
        plan.write(record, out);
    }

    private void writeWithFallback(IndexedRecord record, BinarySink out) {
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            fallback.write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
