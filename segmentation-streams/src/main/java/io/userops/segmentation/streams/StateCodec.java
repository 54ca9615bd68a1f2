package io.userops.segmentation.streams;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;

/** The nullable fields of the topology's own state codecs: an instant as epoch millis, text behind a presence flag. */
final class StateCodec {

    private static final long NONE = Long.MIN_VALUE;

    private StateCodec() {
    }

    static void instant(DataOutputStream out, Instant value) throws IOException {
        out.writeLong(value == null ? NONE : value.toEpochMilli());
    }

    static Instant instant(DataInputStream in) throws IOException {
        long millis = in.readLong();
        return millis == NONE ? null : Instant.ofEpochMilli(millis);
    }

    static void text(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    static String text(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    /** A whole number in 1-10 bytes, small magnitudes of either sign shortest (zigzag, then 7 bits per byte). */
    static void varLong(DataOutputStream out, long value) throws IOException {
        long zigzag = (value << 1) ^ (value >> 63);
        while ((zigzag & ~0x7FL) != 0) {
            out.writeByte((int) ((zigzag & 0x7F) | 0x80));
            zigzag >>>= 7;
        }
        out.writeByte((int) zigzag);
    }

    static long varLong(DataInputStream in) throws IOException {
        long zigzag = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.readUnsignedByte();
            zigzag |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return (zigzag >>> 1) ^ -(zigzag & 1);
            }
        }
        throw new IOException("a variable-length number longer than 10 bytes");
    }

    static int varInt(DataInputStream in) throws IOException {
        long value = varLong(in);
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw new IOException("a count out of range: " + value);
        }
        return (int) value;
    }

    static void instantVar(DataOutputStream out, Instant value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            varLong(out, value.toEpochMilli());
        }
    }

    static Instant instantVar(DataInputStream in) throws IOException {
        return in.readBoolean() ? Instant.ofEpochMilli(varLong(in)) : null;
    }
}
