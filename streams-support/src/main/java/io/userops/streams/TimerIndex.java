package io.userops.streams;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The users to wake up, ordered by due time: keys are the due second (8 bytes, big-endian) followed by
 * the user id, so a range read from the start returns exactly the due users, oldest first, and costs
 * O(due users) rather than O(all users). Deadlines are rounded up to the second, so users due in the
 * same second share one read.
 */
public final class TimerIndex {

    private static final byte[] NOTHING = new byte[0];

    private final KeyValueStore<Bytes, byte[]> store;
    /** No entry is due before this second: ticks start reading here instead of skipping removed entries. */
    private long scanFrom;

    public TimerIndex(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    public void schedule(String userId, long dueSecond) {
        scanFrom = Math.min(scanFrom, dueSecond);
        store.put(key(dueSecond, userId), NOTHING);
    }

    /** A null put removes the entry without the read that {@code delete} makes to return the old value. */
    public void cancel(String userId, long dueSecond) {
        store.put(key(dueSecond, userId), null);
    }

    /** At most {@code limit} users due at or before {@code now}, oldest first. */
    public List<Due> due(Instant now, int limit) {
        List<Due> due = new ArrayList<>(Math.min(limit, 1024));
        long lastDueSecond = Math.floorDiv(now.toEpochMilli(), 1000);
        if (scanFrom > lastDueSecond) {
            // Worked off past now already: a tick on stream time (catching up) after one on the wall clock.
            return due;
        }
        try (KeyValueIterator<Bytes, byte[]> entries = store.range(prefix(scanFrom), prefix(lastDueSecond + 1))) {
            while (entries.hasNext() && due.size() < limit) {
                KeyValue<Bytes, byte[]> entry = entries.next();
                ByteBuffer key = ByteBuffer.wrap(entry.key.get());
                long second = key.getLong();
                if (second > lastDueSecond) {
                    break;
                }
                String userId = new String(entry.key.get(), Long.BYTES, entry.key.get().length - Long.BYTES,
                        StandardCharsets.UTF_8);
                due.add(new Due(userId, Instant.ofEpochSecond(second)));
            }
        }
        scanFrom = due.size() < limit ? Math.max(scanFrom, lastDueSecond + 1)
                : due.get(due.size() - 1).dueAt().getEpochSecond();
        return due;
    }

    public void remove(Due due) {
        cancel(due.userId(), due.dueAt().getEpochSecond());
    }

    public record Due(String userId, Instant dueAt) {
    }

    public static long dueSecond(Instant dueAt) {
        return Math.floorDiv(dueAt.toEpochMilli() + 999, 1000);
    }

    static Bytes key(long second, String userId) {
        byte[] id = userId.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES + id.length).putLong(second).put(id).array());
    }

    private static Bytes prefix(long second) {
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES).putLong(second).array());
    }
}
