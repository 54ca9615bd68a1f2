package io.userops.trigger.measure;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@link CampaignStats} as bytes for a state store: a version byte, then the counts as unsigned
 * variable-length integers (7 bits a byte, so a count below 128 takes one byte), then each reason map as
 * its size and its (reason, count) pairs in reason order. A new field means a new version that still
 * reads the old ones.
 */
public final class CampaignStatsCodec {

    static final byte VERSION = 1;

    private CampaignStatsCodec() {
    }

    public static byte[] write(CampaignStats stats) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            writeCount(out, stats.triggered());
            writeCount(out, stats.heldOut());
            writeCount(out, stats.sent());
            writeCount(out, stats.delivered());
            writeCount(out, stats.convertedTreated());
            writeCount(out, stats.convertedAfterSend());
            writeCount(out, stats.convertedHoldout());
            writeReasons(out, stats.skippedByReason());
            writeReasons(out, stats.failedByReason());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * @throws IllegalArgumentException when the bytes are not stats this build wrote: an unknown version,
     *     too few or too many bytes, or counts that cannot be stats
     */
    public static CampaignStats read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("campaign stats version " + version + " is not known to this build");
            }
            long triggered = readCount(in);
            long heldOut = readCount(in);
            long sent = readCount(in);
            long delivered = readCount(in);
            long convertedTreated = readCount(in);
            long convertedAfterSend = readCount(in);
            long convertedHoldout = readCount(in);
            SortedMap<String, Long> skipped = readReasons(in);
            SortedMap<String, Long> failed = readReasons(in);
            if (in.available() > 0) {
                throw new IllegalArgumentException(in.available() + " bytes after the end");
            }
            return new CampaignStats(triggered, heldOut, skipped, sent, delivered, failed, convertedTreated,
                    convertedAfterSend, convertedHoldout);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("unreadable campaign stats: " + e.getMessage(), e);
        }
    }

    private static void writeReasons(DataOutput out, Map<String, Long> counts) throws IOException {
        writeCount(out, counts.size());
        for (Map.Entry<String, Long> entry : counts.entrySet()) {
            out.writeUTF(entry.getKey());
            writeCount(out, entry.getValue());
        }
    }

    private static SortedMap<String, Long> readReasons(DataInput in) throws IOException {
        long size = readCount(in);
        SortedMap<String, Long> counts = new TreeMap<>();
        for (long i = 0; i < size; i++) {
            String reason = in.readUTF();
            if (counts.put(reason, readCount(in)) != null) {
                throw new IllegalArgumentException("reason '" + reason + "' twice");
            }
        }
        return counts;
    }

    private static void writeCount(DataOutput out, long count) throws IOException {
        long rest = count;
        while ((rest & ~0x7FL) != 0) {
            out.writeByte((int) ((rest & 0x7F) | 0x80));
            rest >>>= 7;
        }
        out.writeByte((int) rest);
    }

    private static long readCount(DataInput in) throws IOException {
        long count = 0;
        for (int shift = 0; shift < 63; shift += 7) {
            byte b = in.readByte();
            count |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (count < 0) {
                    throw new IllegalArgumentException("a count beyond Long.MAX_VALUE");
                }
                return count;
            }
        }
        throw new IllegalArgumentException("a count longer than 9 bytes");
    }
}
