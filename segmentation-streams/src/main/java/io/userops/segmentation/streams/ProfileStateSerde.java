package io.userops.segmentation.streams;

import static io.userops.segmentation.streams.StateCodec.instant;
import static io.userops.segmentation.streams.StateCodec.text;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.userops.segmentation.profile.EventFacts.DeviceClass;
import io.userops.segmentation.profile.Profile;
import io.userops.segmentation.profile.Profile.Trait;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The profile store's values: a version byte, then the fields in a fixed order; trait values as JSON.
 * Internal to the topology, like {@link LifecycleStateSerde}.
 */
public final class ProfileStateSerde implements Serde<StoredProfile> {

    private static final byte VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Serializer<StoredProfile> serializer() {
        return (topic, stored) -> stored == null ? null : write(stored);
    }

    @Override
    public Deserializer<StoredProfile> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    static byte[] write(StoredProfile stored) {
        Profile p = stored.profile();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(p.userId());
            // Names and times as fields; the values in one JSON array, one Jackson call however many traits.
            out.writeInt(p.traits().size());
            List<Object> values = new ArrayList<>(p.traits().size());
            for (Map.Entry<String, Trait> trait : new TreeMap<>(p.traits()).entrySet()) {
                out.writeUTF(trait.getKey());
                out.writeLong(trait.getValue().at().toEpochMilli());
                values.add(trait.getValue().value());
            }
            if (!values.isEmpty()) {
                byte[] json = JSON.writeValueAsBytes(values);
                out.writeInt(json.length);
                out.write(json);
            }
            instant(out, p.firstSeen());
            instant(out, p.lastSeen());
            out.writeLong(p.events());
            out.writeShort(p.dailyCounts().size());
            for (Map.Entry<Long, Map<String, Integer>> day : p.dailyCounts().entrySet()) {
                out.writeLong(day.getKey());
                out.writeShort(day.getValue().size());
                for (Map.Entry<String, Integer> count : new TreeMap<>(day.getValue()).entrySet()) {
                    out.writeUTF(count.getKey());
                    out.writeInt(count.getValue());
                }
            }
            out.writeLong(p.sessions());
            out.writeLong(p.activeDays());
            for (long n : p.hours()) {
                out.writeLong(n);
            }
            for (long n : p.weekdays()) {
                out.writeLong(n);
            }
            out.writeShort(p.platforms().size());
            for (Map.Entry<String, Long> platform : new TreeMap<>(p.platforms()).entrySet()) {
                out.writeUTF(platform.getKey());
                out.writeLong(platform.getValue());
            }
            out.writeByte(p.devices().size());
            for (Map.Entry<DeviceClass, Long> device : new TreeMap<>(p.devices()).entrySet()) {
                out.writeByte(device.getKey().ordinal());
                out.writeLong(device.getValue());
            }
            out.writeLong(p.orders());
            out.writeDouble(p.totalRevenue());
            instant(out, p.lastPurchase());
            text(out, p.currency());
            text(out, p.zone());
            out.writeShort(stored.tags().size());
            for (String tag : stored.tags()) {
                out.writeUTF(tag);
            }
            out.writeShort(stored.segments().size());
            for (String segment : stored.segments()) {
                out.writeUTF(segment);
            }
            out.writeLong(stored.decidedAt());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static StoredProfile read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new SerializationException("profile state version " + version + " is not known to this build");
            }
            String userId = in.readUTF();
            Map<String, Trait> traits = new HashMap<>();
            int traitCount = in.readInt();
            String[] names = new String[traitCount];
            Instant[] times = new Instant[traitCount];
            for (int i = 0; i < traitCount; i++) {
                names[i] = in.readUTF();
                times[i] = Instant.ofEpochMilli(in.readLong());
            }
            if (traitCount > 0) {
                List<?> values = JSON.readValue(in.readNBytes(in.readInt()), List.class);
                for (int i = 0; i < traitCount; i++) {
                    traits.put(names[i], new Trait(values.get(i), times[i]));
                }
            }
            Instant firstSeen = instant(in);
            Instant lastSeen = instant(in);
            long events = in.readLong();
            TreeMap<Long, Map<String, Integer>> daily = new TreeMap<>();
            for (int i = in.readShort(); i > 0; i--) {
                long day = in.readLong();
                Map<String, Integer> counts = new HashMap<>();
                for (int j = in.readShort(); j > 0; j--) {
                    counts.put(in.readUTF(), in.readInt());
                }
                daily.put(day, counts);
            }
            long sessions = in.readLong();
            long activeDays = in.readLong();
            long[] hours = new long[24];
            for (int i = 0; i < hours.length; i++) {
                hours[i] = in.readLong();
            }
            long[] weekdays = new long[7];
            for (int i = 0; i < weekdays.length; i++) {
                weekdays[i] = in.readLong();
            }
            Map<String, Long> platforms = new HashMap<>();
            for (int i = in.readShort(); i > 0; i--) {
                platforms.put(in.readUTF(), in.readLong());
            }
            Map<DeviceClass, Long> devices = new HashMap<>();
            for (int i = in.readByte(); i > 0; i--) {
                devices.put(DeviceClass.values()[in.readByte()], in.readLong());
            }
            long orders = in.readLong();
            double revenue = in.readDouble();
            Instant lastPurchase = instant(in);
            String currency = text(in);
            String zone = text(in);
            TreeSet<String> tags = new TreeSet<>();
            for (int i = in.readShort(); i > 0; i--) {
                tags.add(in.readUTF());
            }
            TreeSet<String> segments = new TreeSet<>();
            for (int i = in.readShort(); i > 0; i--) {
                segments.add(in.readUTF());
            }
            long decidedAt = in.readLong();
            return new StoredProfile(new Profile(userId, traits, firstSeen, lastSeen, events, daily, sessions, activeDays,
                    hours, weekdays, platforms, devices, orders, revenue, lastPurchase, currency, zone), tags, segments,
                    decidedAt);
        } catch (IOException | RuntimeException e) {
            throw e instanceof SerializationException s ? s
                    : new SerializationException("unreadable profile state: " + e.getMessage(), e);
        }
    }
}
