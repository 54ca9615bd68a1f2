package io.userops.schemas.serde;

import io.userops.schemas.AvroClasses;
import io.userops.schemas.serde.coverage.Colour;
import io.userops.schemas.serde.coverage.Coverage;
import io.userops.schemas.serde.coverage.Digest;
import io.userops.schemas.serde.coverage.Inner;
import io.userops.schemas.serde.coverage.Link;
import io.userops.schemas.serde.coverage.WideUnion;
import io.userops.schemas.serde.coverage.WithDecimal;
import io.userops.schemas.serde.coverage.WithLocalTimestamp;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Random instances of generated classes, built from their schema: every field, at any depth, with
 * the Java types the generated classes hold (String, Instant, LocalDate, generated enums...).
 */
final class RandomRecords {

    /** Which values to draw. */
    enum Values {
        /**
         * Values that read back equal: valid Unicode (non-ASCII, supplementary characters, empty,
         * long), every long, instants at the precision of their logical type, no NaN.
         */
        READABLE,
        /**
         * Also values Avro writes but cannot give back, or refuses: unpaired surrogates (written as
         * '?'), instants finer than their precision or beyond a long's range, epoch days beyond an
         * int, NaN with any payload.
         */
        ANY
    }

    private static final int MAX_DEPTH = 4;
    private static volatile boolean trusted;

    private final SpecificData model;
    private final Values values;

    private RandomRecords(SpecificData model, Values values) {
        this.model = model;
        this.values = values;
    }

    static <T extends SpecificRecord> Arbitrary<T> of(Class<T> type, Values values) {
        trustTestClasses();
        Schema schema = SpecificData.get().getSchema(type);
        return new RandomRecords(SpecificData.getForSchema(schema), values).value(schema, 0).map(type::cast);
    }

    /** Avro 1.12 loads only trusted classes: the contract's, and the test schemas' classes too. */
    static synchronized void trustTestClasses() {
        if (trusted) {
            return;
        }
        AvroClasses.trust();
        ClassSecurityValidator.Builder ours = ClassSecurityValidator.builder();
        List.of(Coverage.class, Inner.class, Link.class, Digest.class, Colour.class, WideUnion.class,
                WithDecimal.class, WithLocalTimestamp.class).forEach(ours::add);
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), ours.build()));
        trusted = true;
    }

    private Arbitrary<Object> value(Schema schema, int depth) {
        LogicalType logicalType = schema.getLogicalType();
        if (logicalType != null) {
            return switch (logicalType.getName()) {
                case "timestamp-millis" -> widen(millisInstants());
                case "timestamp-micros" -> widen(microsInstants());
                case "date" -> widen(dates());
                default -> throw new IllegalArgumentException("no generator for " + logicalType.getName());
            };
        }
        return switch (schema.getType()) {
            case NULL -> Arbitraries.just(null);
            case BOOLEAN -> widen(Arbitraries.of(true, false));
            case INT -> widen(Arbitraries.integers());
            case LONG -> widen(Arbitraries.longs());
            case FLOAT -> widen(floats());
            case DOUBLE -> widen(doubles());
            case STRING -> widen(strings());
            case BYTES -> widen(byteBuffers());
            case FIXED -> Arbitraries.bytes().array(byte[].class).ofSize(schema.getFixedSize())
                    .map(bytes -> model.createFixed(null, bytes, schema));
            case ENUM -> Arbitraries.of(schema.getEnumSymbols()).map(symbol -> model.createEnum(symbol, schema));
            case ARRAY -> depth >= MAX_DEPTH ? Arbitraries.just(new ArrayList<>())
                    : widen(value(schema.getElementType(), depth + 1).list().ofMaxSize(4));
            case MAP -> depth >= MAX_DEPTH ? Arbitraries.just(new java.util.HashMap<>())
                    : widen(Arbitraries.maps(strings(), value(schema.getValueType(), depth + 1)).ofMaxSize(3));
            case UNION -> union(schema, depth);
            case RECORD -> record(schema, depth);
        };
    }

    private Arbitrary<Object> union(Schema union, int depth) {
        Schema other = union.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst().orElseThrow();
        if (union.getTypes().size() != 2) {
            throw new IllegalArgumentException("only [\"null\", X] unions: " + union);
        }
        return depth >= MAX_DEPTH ? Arbitraries.just(null) : value(other, depth + 1).injectNull(0.3);
    }

    private Arbitrary<Object> record(Schema schema, int depth) {
        List<Arbitrary<Object>> fields = new ArrayList<>();
        for (Schema.Field field : schema.getFields()) {
            fields.add(value(field.schema(), depth + 1));
        }
        return Combinators.combine(fields).as(values -> {
            IndexedRecord record = (IndexedRecord) model.newRecord(null, schema);
            for (int i = 0; i < values.size(); i++) {
                record.put(i, values.get(i));
            }
            return record;
        });
    }

    /** Empty, ASCII (both sides of Avro's 63-character fast path), other BMP, supplementary characters. */
    private Arbitrary<String> strings() {
        Arbitrary<String> codePoints = Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
                .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
                .list().ofMaxSize(30)
                .map(cps -> cps.stream().collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                        .toString());
        Arbitrary<String> readable = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.just("")),
                net.jqwik.api.Tuple.of(3, Arbitraries.strings().ascii().ofMaxLength(20)),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().ascii().ofMinLength(60).ofMaxLength(200)),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().withCharRange('\u00a0', '\u9fff').ofMaxLength(70)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("é", "ß", "中文", "😀", "a😀b", "👍🏽", "𝄞", "\u0000")),
                net.jqwik.api.Tuple.of(3, codePoints));
        if (values == Values.READABLE) {
            return readable;
        }
        Arbitrary<String> unpaired = Arbitraries.of("\uD83D", "a\uD83D", "\uDE00b", "\uDE00\uD83D", "x\uDBFF\uDFFF\uDC00");
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, readable),
                net.jqwik.api.Tuple.of(1, unpaired),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().all().ofMaxLength(40)));
    }

    private Arbitrary<Float> floats() {
        Arbitrary<Float> readable = Arbitraries.oneOf(Arbitraries.floats(),
                Arbitraries.of(0f, -0f, Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY,
                        Float.NEGATIVE_INFINITY));
        return values == Values.READABLE ? readable
                : Arbitraries.oneOf(readable, Arbitraries.integers().map(Float::intBitsToFloat));
    }

    private Arbitrary<Double> doubles() {
        Arbitrary<Double> readable = Arbitraries.oneOf(Arbitraries.doubles(),
                Arbitraries.of(0d, -0d, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY,
                        Double.NEGATIVE_INFINITY));
        return values == Values.READABLE ? readable
                : Arbitraries.oneOf(readable, Arbitraries.longs().map(Double::longBitsToDouble));
    }

    /** Heap buffers (whole, from an offset, sliced), read-only and direct ones: only position to limit counts. */
    private Arbitrary<ByteBuffer> byteBuffers() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(40).flatMap(bytes -> Arbitraries.integers()
                .between(0, bytes.length).flatMap(from -> Arbitraries.<Supplier<ByteBuffer>>of(
                        () -> ByteBuffer.wrap(bytes),
                        () -> ByteBuffer.wrap(bytes, from, bytes.length - from),
                        () -> ByteBuffer.wrap(bytes, from, bytes.length - from).slice(),
                        () -> ByteBuffer.wrap(bytes).asReadOnlyBuffer(),
                        () -> ByteBuffer.allocateDirect(bytes.length).put(bytes).flip()))
                .map(Supplier::get));
    }

    private Arbitrary<Instant> millisInstants() {
        Arbitrary<Instant> readable = Arbitraries.longs().map(Instant::ofEpochMilli);
        return values == Values.READABLE ? readable : Arbitraries.oneOf(readable, anyInstants());
    }

    private Arbitrary<Instant> microsInstants() {
        Arbitrary<Instant> readable = Arbitraries.longs().map(micros -> Instant.ofEpochSecond(
                Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L));
        return values == Values.READABLE ? readable : Arbitraries.oneOf(readable, anyInstants());
    }

    /** Any instant Java has, to the nanosecond: most are beyond a long of milliseconds or microseconds. */
    private static Arbitrary<Instant> anyInstants() {
        return Combinators.combine(
                Arbitraries.longs().between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()),
                Arbitraries.integers().between(0, 999_999_999)).as(Instant::ofEpochSecond);
    }

    private Arbitrary<LocalDate> dates() {
        Arbitrary<LocalDate> readable = Arbitraries.integers().map(LocalDate::ofEpochDay);
        Arbitrary<LocalDate> any = Arbitraries.longs().between(LocalDate.MIN.toEpochDay(), LocalDate.MAX.toEpochDay())
                .map(LocalDate::ofEpochDay);
        return values == Values.READABLE ? readable : Arbitraries.oneOf(readable, any);
    }

    @SuppressWarnings("unchecked")
    private static Arbitrary<Object> widen(Arbitrary<?> arbitrary) {
        return (Arbitrary<Object>) arbitrary;
    }
}
