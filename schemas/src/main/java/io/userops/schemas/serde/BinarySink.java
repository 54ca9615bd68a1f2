package io.userops.schemas.serde;

import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte array that writes Avro's binary encoding: ints and longs as zig-zag varints,
 * floats and doubles as little-endian IEEE 754 bits, strings and bytes as a varint length then the
 * bytes. Also an {@link OutputStream}, so that Avro's own encoder can write into it when a record
 * falls back to {@code SpecificDatumWriter}. Not thread-safe: one per thread or per call.
 */
final class BinarySink extends OutputStream {

    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] buf;
    private int pos;

    BinarySink(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    void reset() {
        pos = 0;
    }

    int position() {
        return pos;
    }

    /** Forgets everything written after {@code position}: the start of a record that is written again. */
    void truncate(int position) {
        if (position < 0 || position > pos) {
            throw new IllegalArgumentException("position " + position + " outside 0.." + pos);
        }
        pos = position;
    }

    int capacity() {
        return buf.length;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    /** The Avro {@code int}: zig-zag, then 7 bits a byte, low bits first, high bit set on all but the last. */
    void writeInt(int n) {
        ensure(5);
        int v = (n << 1) ^ (n >> 31);
        while ((v & ~0x7F) != 0) {
            buf[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[pos++] = (byte) v;
    }

    /** The Avro {@code long}: as {@link #writeInt} over 64 bits (at most 10 bytes). */
    void writeLong(long n) {
        ensure(10);
        long v = (n << 1) ^ (n >> 63);
        while ((v & ~0x7FL) != 0) {
            buf[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[pos++] = (byte) v;
    }

    void writeBoolean(boolean b) {
        ensure(1);
        buf[pos++] = (byte) (b ? 1 : 0);
    }

    /** Four bytes, little-endian, the raw bits (a NaN keeps its payload, as in Avro). */
    void writeFloat(float f) {
        ensure(4);
        INT_LE.set(buf, pos, Float.floatToRawIntBits(f));
        pos += 4;
    }

    void writeDouble(double d) {
        ensure(8);
        LONG_LE.set(buf, pos, Double.doubleToRawLongBits(d));
        pos += 8;
    }

    /** Bytes as they are, no length: Avro {@code fixed}, or the body of bytes and strings. */
    void writeFixed(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buf, pos, length);
        pos += length;
    }

    /** Avro {@code bytes}: the length as a long (the same bytes as an int for any array), then the bytes. */
    void writeBytes(byte[] bytes, int offset, int length) {
        writeInt(length);
        writeFixed(bytes, offset, length);
    }

    /** Avro {@code string}: the UTF-8 bytes, length first. Unpaired surrogates become '?', as in Avro. */
    void writeString(String s) {
        if (s.isEmpty()) {
            writeInt(0);
            return;
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        writeBytes(utf8, 0, utf8.length);
    }

    @Override
    public void write(int b) {
        ensure(1);
        buf[pos++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
        writeFixed(bytes, offset, length);
    }

    private void ensure(int more) {
        if (buf.length - pos < more) {
            int needed = pos + more;
            if (needed < 0) {
                throw new OutOfMemoryError("a record of more than 2 GiB");
            }
            buf = Arrays.copyOf(buf, Math.max(needed, buf.length <= (Integer.MAX_VALUE >> 1) ? buf.length << 1 : Integer.MAX_VALUE - 8));
        }
    }
}
