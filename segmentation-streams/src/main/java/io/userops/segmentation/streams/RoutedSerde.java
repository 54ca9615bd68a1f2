package io.userops.segmentation.streams;

import io.userops.avro.TrackedEvent;
import io.userops.schemas.topics.Topics;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The routing topic's values: a kind byte, then the fields; events inside in the events topic's own wire
 * format (Avro with the registry's schema id), lifecycles as the state store writes them.
 */
final class RoutedSerde implements Serde<Routed> {

    private static final byte RESOLVE = 1;
    private static final byte EVENT = 2;
    private static final byte LINK = 3;
    private static final byte REFUSED = 4;
    private static final byte ABSORB = 5;
    private static final byte ABSORB_PROFILE = 6;
    private static final byte ERASE = 7;

    private final Serde<TrackedEvent> events;

    RoutedSerde(Serde<TrackedEvent> events) {
        this.events = events;
    }

    @Override
    public Serializer<Routed> serializer() {
        return (topic, routed) -> routed == null ? null : write(routed);
    }

    @Override
    public Deserializer<Routed> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    private byte[] write(Routed routed) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            if (routed instanceof Routed.Resolve r) {
                out.writeByte(RESOLVE);
                event(out, r.event());
            } else if (routed instanceof Routed.Event e) {
                out.writeByte(EVENT);
                out.writeByte(e.hops());
                event(out, e.event());
            } else if (routed instanceof Routed.Link l) {
                out.writeByte(LINK);
                out.writeUTF(l.userId());
                out.writeUTF(l.eventId());
                out.writeLong(l.at().toEpochMilli());
            } else if (routed instanceof Routed.Refused r) {
                out.writeByte(REFUSED);
                out.writeUTF(r.identifier());
                out.writeLong(r.at().toEpochMilli());
            } else if (routed instanceof Routed.Absorb a) {
                out.writeByte(ABSORB);
                out.writeByte(a.hops());
                out.writeUTF(a.retiredId());
                out.writeUTF(a.eventId());
                out.writeLong(a.at().toEpochMilli());
                byte[] lifecycle = LifecycleStateSerde.write(new StoredLifecycle(a.lifecycle(), StoredLifecycle.NO_TIMER));
                out.writeInt(lifecycle.length);
                out.write(lifecycle);
            } else if (routed instanceof Routed.AbsorbProfile a) {
                out.writeByte(ABSORB_PROFILE);
                out.writeByte(a.hops());
                out.writeUTF(a.retiredId());
                byte[] profile = ProfileStateSerde.write(StoredProfile.of(a.profile()));
                out.writeInt(profile.length);
                out.write(profile);
            } else if (routed instanceof Routed.Erase e) {
                out.writeByte(ERASE);
                out.writeUTF(e.requestId());
                out.writeLong(e.requestedAt().toEpochMilli());
                out.writeLong(e.suppressUntil().toEpochMilli());
                out.writeBoolean(e.linkedTo() != null);
                if (e.linkedTo() != null) {
                    out.writeUTF(e.linkedTo());
                }
            } else {
                throw new IllegalArgumentException("a retirement never leaves its task: " + routed);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private Routed read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte kind = in.readByte();
            return switch (kind) {
                case RESOLVE -> new Routed.Resolve(event(in));
                case EVENT -> {
                    int hops = in.readByte();
                    yield new Routed.Event(event(in), hops);
                }
                case LINK -> new Routed.Link(in.readUTF(), in.readUTF(), Instant.ofEpochMilli(in.readLong()));
                case REFUSED -> new Routed.Refused(in.readUTF(), Instant.ofEpochMilli(in.readLong()));
                case ABSORB -> {
                    int hops = in.readByte();
                    String retiredId = in.readUTF();
                    String eventId = in.readUTF();
                    Instant at = Instant.ofEpochMilli(in.readLong());
                    byte[] lifecycle = in.readNBytes(in.readInt());
                    yield new Routed.Absorb(retiredId, LifecycleStateSerde.read(lifecycle).lifecycle(), eventId, at, hops);
                }
                case ABSORB_PROFILE -> {
                    int hops = in.readByte();
                    String retiredId = in.readUTF();
                    byte[] profile = in.readNBytes(in.readInt());
                    yield new Routed.AbsorbProfile(retiredId, ProfileStateSerde.read(profile).profile(), hops);
                }
                case ERASE -> new Routed.Erase(in.readUTF(), Instant.ofEpochMilli(in.readLong()),
                        Instant.ofEpochMilli(in.readLong()), in.readBoolean() ? in.readUTF() : null);
                default -> throw new SerializationException("routing record of unknown kind " + kind);
            };
        } catch (IOException | RuntimeException e) {
            throw e instanceof SerializationException s ? s
                    : new SerializationException("unreadable routing record: " + e.getMessage(), e);
        }
    }

    private void event(DataOutputStream out, TrackedEvent event) throws IOException {
        byte[] bytes = events.serializer().serialize(Topics.EVENTS.name(), event);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private TrackedEvent event(DataInputStream in) throws IOException {
        return events.deserializer().deserialize(Topics.EVENTS.name(), in.readNBytes(in.readInt()));
    }
}
