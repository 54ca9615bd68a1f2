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
}
