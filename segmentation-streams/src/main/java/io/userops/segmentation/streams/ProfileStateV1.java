package io.userops.segmentation.streams;

import static io.userops.segmentation.streams.StateCodec.instant;
import static io.userops.segmentation.streams.StateCodec.text;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.userops.segmentation.profile.EventFacts.DeviceClass;
import io.userops.segmentation.profile.Profile;
import io.userops.segmentation.profile.Profile.Trait;
import java.io.DataInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Profile state as the first release wrote it (fixed-width numbers), still read after an upgrade. */
final class ProfileStateV1 {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProfileStateV1() {
    }

    static StoredProfile read(DataInputStream in) throws IOException {
        {
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
        }
    }
}
