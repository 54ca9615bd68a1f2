package io.userops.trigger.decide;

import io.userops.trigger.campaign.Channel;
import io.userops.trigger.campaign.PendingSend;
import io.userops.trigger.campaign.SendHistory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** The trigger topology's own state: a version byte, then the fields in a fixed order. Internal to the topology. */
final class TriggerStateSerdes {

    private static final byte VERSION = 1;
    private static final Channel[] CHANNELS = Channel.values();

    private TriggerStateSerdes() {
    }

    static Serde<SendHistory> history() {
        return Serdes.serdeFrom((topic, history) -> history == null ? null : writeHistory(history),
                (topic, bytes) -> bytes == null ? null : readHistory(bytes));
    }

    static Serde<List<PendingSend>> pending() {
        return Serdes.serdeFrom((topic, sends) -> sends == null ? null : writePending(sends),
                (topic, bytes) -> bytes == null ? null : readPending(bytes));
    }

    static byte[] writeHistory(SendHistory history) {
        return write(out -> {
            out.writeInt(history.entries().size());
            for (SendHistory.Entry e : history.entries()) {
                out.writeUTF(e.campaignId());
                out.writeUTF(e.triggerId());
                out.writeByte(e.channel().ordinal());
                out.writeLong(e.decidedAt().toEpochMilli());
                out.writeByte((e.heldOut() ? 1 : 0) | (e.converted() ? 2 : 0));
            }
        });
    }

    static SendHistory readHistory(byte[] bytes) {
        return read(bytes, "send history", in -> {
            List<SendHistory.Entry> entries = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                String campaignId = in.readUTF();
                String triggerId = in.readUTF();
                Channel channel = CHANNELS[in.readUnsignedByte()];
                Instant decidedAt = Instant.ofEpochMilli(in.readLong());
                int flags = in.readUnsignedByte();
                entries.add(new SendHistory.Entry(campaignId, triggerId, channel, decidedAt, (flags & 1) != 0,
                        (flags & 2) != 0));
            }
            return new SendHistory(entries);
        });
    }

    static byte[] writePending(List<PendingSend> sends) {
        return write(out -> {
            out.writeInt(sends.size());
            for (PendingSend p : sends) {
                out.writeUTF(p.campaignId());
                out.writeUTF(p.userId());
                out.writeUTF(p.triggerId());
                out.writeLong(p.triggeredAt().toEpochMilli());
                out.writeLong(p.dueAt().toEpochMilli());
            }
        });
    }

    static List<PendingSend> readPending(byte[] bytes) {
        return read(bytes, "pending sends", in -> {
            List<PendingSend> sends = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                sends.add(new PendingSend(in.readUTF(), in.readUTF(), in.readUTF(), Instant.ofEpochMilli(in.readLong()),
                        Instant.ofEpochMilli(in.readLong())));
            }
            return List.copyOf(sends);
        });
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static byte[] write(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static <T> T read(byte[] bytes, String what, Reader<T> reader) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new SerializationException(what + " version " + version + " is not known to this build");
            }
            return reader.read(in);
        } catch (IOException | RuntimeException e) {
            throw e instanceof SerializationException s ? s
                    : new SerializationException("unreadable " + what + ": " + e.getMessage(), e);
        }
    }
}
