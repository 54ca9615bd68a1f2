package io.userops.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

/** Each primitive of the sink against Avro's own binary encoder. */
class BinarySinkTest {

    @Property(tries = 2_000)
    void shouldEncodeAnyIntAsAvroDoes(@ForAll int n) {
        assertSame(sink -> sink.writeInt(n), avro -> avro.writeInt(n));
    }

    @Property(tries = 2_000)
    void shouldEncodeAnyLongAsAvroDoes(@ForAll long n) {
        assertSame(sink -> sink.writeLong(n), avro -> avro.writeLong(n));
    }

    @Property(tries = 1_000)
    void shouldEncodeAnyFloatBitsAsAvroDoes(@ForAll int bits) {
        float f = Float.intBitsToFloat(bits);
        assertSame(sink -> sink.writeFloat(f), avro -> avro.writeFloat(f));
    }

    @Property(tries = 1_000)
    void shouldEncodeAnyDoubleBitsAsAvroDoes(@ForAll long bits) {
        double d = Double.longBitsToDouble(bits);
        assertSame(sink -> sink.writeDouble(d), avro -> avro.writeDouble(d));
    }

    @Property(tries = 1_000)
    void shouldEncodeAnyStringAsAvroDoes(@ForAll("anyStrings") String s) {
        assertSame(sink -> sink.writeString(s), avro -> avro.writeString(s));
    }

    @Provide
    Arbitrary<String> anyStrings() {
        // All of the BMP, unpaired surrogates included, short and long (Avro has an ASCII path up to 63 chars).
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(100),
                Arbitraries.strings().ascii().ofMaxLength(100));
    }

    @Test
    void shouldEncodeIntsAndLongsAtEveryVarintLengthBoundaryAsAvroDoes() {
        for (int shift = 0; shift < 64; shift++) {
            for (long n : new long[] {1L << shift, (1L << shift) - 1, -(1L << shift), -(1L << shift) - 1}) {
                assertSame(sink -> sink.writeLong(n), avro -> avro.writeLong(n));
                int i = (int) n;
                assertSame(sink -> sink.writeInt(i), avro -> avro.writeInt(i));
            }
        }
    }

    @Test
    void shouldGrowPastItsInitialCapacityAndForgetWhatIsTruncated() {
        BinarySink sink = new BinarySink(16);
        sink.writeString("x".repeat(1_000));
        int mark = sink.position();
        sink.writeLong(Long.MIN_VALUE);
        sink.truncate(mark);
        sink.writeBoolean(true);

        byte[] bytes = sink.toByteArray();
        assertThat(bytes).hasSize(2 + 1_000 + 1);
        assertThat(bytes[bytes.length - 1]).isEqualTo((byte) 1);
    }

    private interface AvroWrite {
        void write(BinaryEncoder encoder) throws IOException;
    }

    private static void assertSame(Consumer<BinarySink> ours, AvroWrite theirs) {
        BinarySink sink = new BinarySink(16);
        ours.accept(sink);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            theirs.write(encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(sink.toByteArray()).isEqualTo(out.toByteArray());
    }
}
