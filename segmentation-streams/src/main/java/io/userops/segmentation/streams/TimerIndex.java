package io.userops.segmentation.streams;

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
final class TimerIndex {

    private static final byte[] NOTHING = new byte[0];

    private final KeyValueStore<Bytes, byte[]> store;

    TimerIndex(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    void schedule(String userId, long dueSecond) {
        store.put(key(dueSecond, userId), NOTHING);
    }

    void cancel(String userId, long dueSecond) {
        store.delete(key(dueSecond, userId));
    }

    /** At most {@code limit} users due at or before {@code now}, oldest first. */
    List<Due> due(Instant now, int limit) {
        List<Due> due = new ArrayList<>(Math.min(limit, 1024));
        long lastDueSecond = Math.floorDiv(now.toEpochMilli(), 1000);
        try (KeyValueIterator<Bytes, byte[]> entries = store.range(prefix(0), prefix(lastDueSecond + 1))) {
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
        return due;
    }

    void remove(Due due) {
        store.delete(key(due.dueAt().getEpochSecond(), due.userId()));
    }

    record Due(String userId, Instant dueAt) {
    }

    static long dueSecond(Instant dueAt) {
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
