package io.userops.trigger.deliver;

import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * Which offsets of one partition are finished, for at-least-once commits: messages finish in any
 * order, but the committed position only moves over a contiguous run of finished offsets, so a
 * restart never skips an unfinished message. Not thread-safe: the consumer's thread owns it.
 */
public final class PartitionProgress {

    private final TreeSet<Long> unfinished = new TreeSet<>();
    private long nextAfterStarted = -1;

    /** A record read from the partition; offsets arrive in increasing order. */
    public void started(long offset) {
        if (offset < nextAfterStarted) {
            throw new IllegalArgumentException("offset " + offset + " started after " + (nextAfterStarted - 1));
        }
        unfinished.add(offset);
        nextAfterStarted = offset + 1;
    }

    /** The record at {@code offset} is done: delivered, failed for good, or dead-lettered. */
    public void finished(long offset) {
        unfinished.remove(offset);
    }

    /**
     * The offset to commit (the next record to read after a restart): the lowest unfinished offset,
     * or one past the last started when all are finished; empty before anything started.
     */
    public OptionalLong committable() {
        if (nextAfterStarted < 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(unfinished.isEmpty() ? nextAfterStarted : unfinished.first());
    }

    /** Records started and not finished yet. */
    public int unfinishedCount() {
        return unfinished.size();
    }
}
