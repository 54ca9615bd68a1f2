package io.userops.segmentation.streams;

import io.userops.segmentation.lifecycle.Stage;
import io.userops.segmentation.lifecycle.Transition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Users per stage and transitions per minute, kept next to the state so that the query API answers
 * from a handful of keys instead of scanning every user.
 */
public final class LifecycleCounts {

    private final KeyValueStore<String, Long> stages;
    private final KeyValueStore<String, Long> transitions;

    LifecycleCounts(KeyValueStore<String, Long> stages, KeyValueStore<String, Long> transitions) {
        this.stages = stages;
        this.transitions = transitions;
    }

    /**
     * Counts a transition under the minute it was decided in (not its event time): a live view of what
     * the engine did, whose per-minute keys absorb every transition of that minute in the cache.
     */
    void record(Transition t, Instant decidedAt) {
        if (t.from() != null) {
            add(stages, t.from().name(), -1);
        }
        add(stages, t.to().name(), 1);
        add(transitions, transitionKey(decidedAt, t.from(), t.to()), 1);
    }

    /** A user left this partition's counts without a transition: retired into another identity. */
    void retire(Stage stage) {
        add(stages, stage.name(), -1);
    }

    void forgetTransitionsBefore(Instant cutoff) {
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, Long> entries = transitions.range(minute(0), minute(cutoff.getEpochSecond() / 60))) {
            while (entries.hasNext()) {
                old.add(entries.next().key);
            }
        }
        old.forEach(transitions::delete);
    }

    /** {@code <minute, 12 digits>|<from>><to>}: ordered by time as text. */
    static String transitionKey(Instant decidedAt, Stage from, Stage to) {
        return minute(Math.floorDiv(decidedAt.getEpochSecond(), 60)) + "|" + (from == null ? "NONE" : from.name()) + ">" + to.name();
    }

    /** The first transition-count key of the minute holding {@code since}: range reads start here. */
    public static String firstKeyFrom(Instant since) {
        return minute(Math.floorDiv(since.getEpochSecond(), 60));
    }

    /** After every transition-count key. */
    public static final String LAST_KEY = "999999999999|~";

    /** The {@code FROM->TO} pair of a transition-count key. */
    public static String pairOf(String key) {
        return key.substring(key.indexOf('|') + 1).replace(">", "->");
    }

    /** The minute a transition-count key counts. */
    public static Instant minuteOf(String key) {
        return Instant.ofEpochSecond(Long.parseLong(key.substring(0, key.indexOf('|'))) * 60);
    }

    static String minute(long epochMinute) {
        String digits = Long.toString(Math.max(0, epochMinute));
        return "000000000000".substring(Math.min(12, digits.length())) + digits;
    }

    private static void add(KeyValueStore<String, Long> store, String key, long delta) {
        Long current = store.get(key);
        long next = (current == null ? 0 : current) + delta;
        if (next == 0) {
            store.delete(key);
        } else {
            store.put(key, next);
        }
    }
}
