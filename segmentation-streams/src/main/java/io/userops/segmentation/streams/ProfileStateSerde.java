package io.userops.segmentation.streams;

import static io.userops.segmentation.streams.StateCodec.instantVar;
import static io.userops.segmentation.streams.StateCodec.text;
import static io.userops.segmentation.streams.StateCodec.varInt;
import static io.userops.segmentation.streams.StateCodec.varLong;

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
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The profile store's values: a version byte, then the fields in a fixed order, whole numbers in variable length,
 * event names once per profile, trait values as JSON. Version 1 (fixed-width numbers) is still read.
 * Internal to the topology, like {@link LifecycleStateSerde}.
 */
public final class ProfileStateSerde implements Serde<StoredProfile> {

    private static final byte VERSION_1 = 1;
    private static final byte VERSION = 2;
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
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(p.userId());
            // Names and times as fields; the values in one JSON array, one Jackson call however many traits.
            varLong(out, p.traits().size());
            List<Object> values = new ArrayList<>(p.traits().size());
            for (Map.Entry<String, Trait> trait : new TreeMap<>(p.traits()).entrySet()) {
                out.writeUTF(trait.getKey());
                varLong(out, trait.getValue().at().toEpochMilli());
                values.add(trait.getValue().value());
            }
            if (!values.isEmpty()) {
                byte[] json = JSON.writeValueAsBytes(values);
                varLong(out, json.length);
                out.write(json);
            }
            instantVar(out, p.firstSeen());
            instantVar(out, p.lastSeen());
            varLong(out, p.events());
            writeDailyCounts(out, p.dailyCounts());
            varLong(out, p.sessions());
            varLong(out, p.activeDays());
            for (long n : p.hours()) {
                varLong(out, n);
            }
            for (long n : p.weekdays()) {
                varLong(out, n);
            }
            varLong(out, p.platforms().size());
            for (Map.Entry<String, Long> platform : new TreeMap<>(p.platforms()).entrySet()) {
                out.writeUTF(platform.getKey());
                varLong(out, platform.getValue());
            }
            out.writeByte(p.devices().size());
            for (Map.Entry<DeviceClass, Long> device : new TreeMap<>(p.devices()).entrySet()) {
                out.writeByte(device.getKey().ordinal());
                varLong(out, device.getValue());
            }
            varLong(out, p.orders());
            out.writeDouble(p.totalRevenue());
            instantVar(out, p.lastPurchase());
            text(out, p.currency());
            text(out, p.zone());
            varLong(out, stored.tags().size());
            for (String tag : stored.tags()) {
                out.writeUTF(tag);
            }
            varLong(out, stored.segments().size());
            for (String segment : stored.segments()) {
                out.writeUTF(segment);
            }
            varLong(out, stored.decidedAt());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Each event name once, then per day its distance from the day before and (name index, count) pairs. */
    private static void writeDailyCounts(DataOutputStream out, NavigableMap<Long, Map<String, Integer>> daily)
            throws IOException {
        Map<String, Integer> index = new TreeMap<>();
        daily.values().forEach(counts -> counts.keySet().forEach(name -> index.put(name, 0)));
        varLong(out, index.size());
        int next = 0;
        for (Map.Entry<String, Integer> name : index.entrySet()) {
            out.writeUTF(name.getKey());
            name.setValue(next++);
        }
        varLong(out, daily.size());
        long previous = 0;
        for (Map.Entry<Long, Map<String, Integer>> day : daily.entrySet()) {
            varLong(out, day.getKey() - previous);
            previous = day.getKey();
            varLong(out, day.getValue().size());
            for (Map.Entry<String, Integer> count : day.getValue().entrySet()) {
                varLong(out, index.get(count.getKey()));
                varLong(out, count.getValue());
            }
        }
    }

    static StoredProfile read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version == VERSION_1) {
                return ProfileStateV1.read(in);
            }
            if (version != VERSION) {
                throw new SerializationException("profile state version " + version + " is not known to this build");
            }
            String userId = in.readUTF();
            Map<String, Trait> traits = new HashMap<>();
            int traitCount = varInt(in);
            String[] names = new String[traitCount];
            Instant[] times = new Instant[traitCount];
            for (int i = 0; i < traitCount; i++) {
                names[i] = in.readUTF();
                times[i] = Instant.ofEpochMilli(varLong(in));
            }
            if (traitCount > 0) {
                List<?> values = JSON.readValue(in.readNBytes(varInt(in)), List.class);
                for (int i = 0; i < traitCount; i++) {
                    traits.put(names[i], new Trait(values.get(i), times[i]));
                }
            }
            Instant firstSeen = instantVar(in);
            Instant lastSeen = instantVar(in);
            long events = varLong(in);
            TreeMap<Long, Map<String, Integer>> daily = readDailyCounts(in);
            long sessions = varLong(in);
            long activeDays = varLong(in);
            long[] hours = new long[24];
            for (int i = 0; i < hours.length; i++) {
                hours[i] = varLong(in);
            }
            long[] weekdays = new long[7];
            for (int i = 0; i < weekdays.length; i++) {
                weekdays[i] = varLong(in);
            }
            Map<String, Long> platforms = new HashMap<>();
            for (int i = varInt(in); i > 0; i--) {
                platforms.put(in.readUTF(), varLong(in));
            }
            Map<DeviceClass, Long> devices = new HashMap<>();
            for (int i = in.readByte(); i > 0; i--) {
                devices.put(DeviceClass.values()[in.readByte()], varLong(in));
            }
            long orders = varLong(in);
            double revenue = in.readDouble();
            Instant lastPurchase = instantVar(in);
            String currency = text(in);
            String zone = text(in);
            TreeSet<String> tags = new TreeSet<>();
            for (int i = varInt(in); i > 0; i--) {
                tags.add(in.readUTF());
            }
            TreeSet<String> segments = new TreeSet<>();
            for (int i = varInt(in); i > 0; i--) {
                segments.add(in.readUTF());
            }
            long decidedAt = varLong(in);
            return new StoredProfile(new Profile(userId, traits, firstSeen, lastSeen, events, daily, sessions, activeDays,
                    hours, weekdays, platforms, devices, orders, revenue, lastPurchase, currency, zone), tags, segments,
                    decidedAt);
        } catch (IOException | RuntimeException e) {
            throw e instanceof SerializationException s ? s
                    : new SerializationException("unreadable profile state: " + e.getMessage(), e);
        }
    }

    private static TreeMap<Long, Map<String, Integer>> readDailyCounts(DataInputStream in) throws IOException {
        String[] names = new String[varInt(in)];
        for (int i = 0; i < names.length; i++) {
            names[i] = in.readUTF();
        }
        TreeMap<Long, Map<String, Integer>> daily = new TreeMap<>();
        long day = 0;
        for (int i = varInt(in); i > 0; i--) {
            day += varLong(in);
            Map<String, Integer> counts = new HashMap<>();
            for (int j = varInt(in); j > 0; j--) {
                counts.put(names[varInt(in)], Math.toIntExact(varLong(in)));
            }
            daily.put(day, counts);
        }
        return daily;
    }
}
