package io.userops.segmentation.streams;

import io.userops.streams.TimerIndex;
import io.userops.avro.EventType;
import io.userops.avro.TrackedEvent;
import io.userops.segmentation.lifecycle.Decision;
import io.userops.segmentation.lifecycle.LifecycleDecider;
import io.userops.segmentation.lifecycle.LifecycleInput;
import io.userops.segmentation.lifecycle.LifecycleRules;
import io.userops.segmentation.lifecycle.Transition;
import io.userops.segmentation.lifecycle.UserLifecycle;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The thin adapter around {@link LifecycleDecider}: read the user's state, decide, write the state,
 * move the user's timer-index entry, forward the transitions, and tell the profile the user's stage changed.
 */
final class LifecycleProcessor implements Processor<String, Object, String, Object> {

    private final LifecycleSettings settings;
    private final LifecycleRules rules;
    private final LifecycleDecider decider;
    private final boolean[] activityByType;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, StoredLifecycle> states;
    private KeyValueStore<String, List<Transition>> recentTransitions;
    private TimerIndex timers;
    private LifecycleCounts counts;
    private long lastRecordWallClock;
    private Sensor transitionsSensor;
    private Sensor wakeUpsSensor;

    static final String METRICS_SCOPE = "userops-lifecycle";
    /** How many of a user's latest transitions the query API shows. */
    static final int RECENT_TRANSITIONS_KEPT = 5;

    LifecycleProcessor(LifecycleSettings settings) {
        this.settings = settings;
        this.rules = settings.rules();
        this.decider = new LifecycleDecider(rules);
        this.activityByType = new boolean[EventType.values().length];
        for (EventType type : EventType.values()) {
            activityByType[type.ordinal()] = rules.countsAsActivity(type.name().toLowerCase(Locale.ROOT));
        }
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.states = context.getStateStore(Names.LIFECYCLE_STORE);
        this.recentTransitions = context.getStateStore(Names.RECENT_TRANSITIONS_STORE);
        KeyValueStore<Bytes, byte[]> index = context.getStateStore(Names.TIMER_INDEX_STORE);
        this.timers = new TimerIndex(index);
        this.counts = new LifecycleCounts(context.getStateStore(Names.STAGE_COUNTS_STORE),
                context.getStateStore(Names.TRANSITION_COUNTS_STORE));
        this.lastRecordWallClock = context.currentSystemTimeMs();
        // Custom Streams metrics: exported with the client's own (Micrometer's KafkaStreamsMetrics, JMX).
        String task = "task-" + context.taskId();
        transitionsSensor = context.metrics().addRateTotalSensor(METRICS_SCOPE, task, "transitions",
                Sensor.RecordingLevel.INFO);
        wakeUpsSensor = context.metrics().addRateTotalSensor(METRICS_SCOPE, task, "timer-wake-ups",
                Sensor.RecordingLevel.INFO);
        PunctuationType type = settings.mode() == TimeMode.LIVE
                ? PunctuationType.WALL_CLOCK_TIME : PunctuationType.STREAM_TIME;
        context.schedule(settings.tick(), type, this::wakeDueUsers);
        context.schedule(java.time.Duration.ofMinutes(1), type, this::forgetOldCounts);
    }

    /** Input: the subject's events and identity merges, keyed by the subject, from the identity resolver. */
    @Override
    public void process(Record<String, Object> record) {
        lastRecordWallClock = context.currentSystemTimeMs();
        Object value = record.value();
        if (value instanceof Routed.Event event) {
            onEvent(record.key(), event.event());
        } else if (value instanceof Routed.Retire retire) {
            retire(record, retire);
        } else if (value instanceof Routed.Absorb absorb) {
            absorb(record.key(), absorb);
        } else if (value instanceof Routed.Erase) {
            forget(record.key());
        } else {
            throw new IllegalArgumentException("not a lifecycle input: " + value);
        }
    }

    private void onEvent(String userId, TrackedEvent event) {
        if (!activityByType[event.getType().ordinal()]) {
            return;
        }
        LifecycleInput.Activity activity = new LifecycleInput.Activity(event.getMessageId(), event.getTimestamp(),
                rules.isKeyEvent(event.getEvent()));
        StoredLifecycle before = states.get(userId);
        apply(before, decider.decide(userId, before == null ? null : before.lifecycle(), activity,
                clock(context.currentStreamTimeMs())));
    }

    /**
     * The identity this is keyed by was linked to a user: its lifecycle leaves every store here and goes to the
     * user's partition to be merged (the profile processor does the same with its profile).
     */
    private void retire(Record<String, Object> record, Routed.Retire retire) {
        String retiredId = record.key();
        StoredLifecycle stored = forget(retiredId);
        if (stored == null) {
            return;
        }
        context.forward(record.withKey(retire.into()).withValue(new Routed.Absorb(retiredId, stored.lifecycle(),
                retire.eventId(), retire.at(), 0)), Names.ROUTING_SINK);
    }

    /** Removes the id's lifecycle from every store of this partition; returns what it was, null when none. */
    private StoredLifecycle forget(String id) {
        StoredLifecycle stored = states.get(id);
        if (stored == null) {
            return null;
        }
        states.put(id, null);
        if (stored.indexed()) {
            timers.cancel(id, stored.timerDueSecond());
        }
        recentTransitions.put(id, null);
        counts.retire(stored.lifecycle().stage());
        return stored;
    }

    private void absorb(String userId, Routed.Absorb absorb) {
        StoredLifecycle before = states.get(userId);
        apply(before, decider.decide(userId, before == null ? null : before.lifecycle(),
                new LifecycleInput.IdentityMerged(absorb.lifecycle(), absorb.eventId(), absorb.at()),
                clock(context.currentStreamTimeMs())));
    }

    /** Wakes the users whose deadline passed, oldest first, at most {@code maxUsersPerTick} of them. */
    private void wakeDueUsers(long punctuationTime) {
        Instant now = clock(punctuationTime);
        for (TimerIndex.Due due : timers.due(now, settings.maxUsersPerTick())) {
            timers.remove(due);
            StoredLifecycle stored = states.get(due.userId());
            if (stored == null || stored.timerDueSecond() != due.dueAt().getEpochSecond()) {
                continue;
            }
            wakeUpsSensor.record();
            StoredLifecycle unindexed = new StoredLifecycle(stored.lifecycle(), StoredLifecycle.NO_TIMER);
            apply(unindexed, decider.decide(due.userId(), stored.lifecycle(), new LifecycleInput.TimerFired(), now));
        }
    }

    @Override
    public void close() {
        context.metrics().removeSensor(transitionsSensor);
        context.metrics().removeSensor(wakeUpsSensor);
    }

    private void forgetOldCounts(long punctuationTime) {
        counts.forgetTransitionsBefore(clock(punctuationTime).minus(settings.countsRetention()));
    }

    /**
     * LIVE: the wall clock, unless the task is catching up (records keep arriving that are older than
     * the catch-up lag), when stream time is the better clock. REPLAY: stream time.
     */
    private Instant clock(long streamOrPunctuationTime) {
        long streamTime = context.currentStreamTimeMs();
        if (settings.mode() == TimeMode.REPLAY) {
            return Instant.ofEpochMilli(Math.max(streamTime, streamOrPunctuationTime));
        }
        long wall = context.currentSystemTimeMs();
        long lag = settings.catchUpLag().toMillis();
        boolean caughtUp = wall - streamTime <= lag || wall - lastRecordWallClock > lag;
        return Instant.ofEpochMilli(caughtUp ? wall : streamTime);
    }

    private void apply(StoredLifecycle before, Decision decision) {
        UserLifecycle next = decision.next();
        String userId = next.userId();
        states.put(userId, new StoredLifecycle(next, reindex(userId, before, next)));
        Instant processedAt = Instant.ofEpochMilli(context.currentSystemTimeMs());
        boolean replayed = settings.mode() == TimeMode.REPLAY;
        List<Transition> transitions = decision.transitions();
        for (Transition t : transitions) {
            counts.record(t, processedAt);
            transitionsSensor.record();
            context.forward(new Record<>(userId, AvroMapping.transition(t, processedAt, replayed),
                    t.at().toEpochMilli()), Names.TRANSITIONS_SINK);
        }
        if (!transitions.isEmpty()) {
            remember(userId, transitions);
            Transition last = transitions.get(transitions.size() - 1);
            context.forward(new Record<>(userId, last, last.at().toEpochMilli()), Names.PROFILE_PROCESSOR);
        }
    }

    /**
     * Keeps one timer-index entry per user, at or before the user's wake-up: an entry is moved only
     * when the deadline comes earlier, and removed when there is none left.
     */
    private long reindex(String userId, StoredLifecycle before, UserLifecycle next) {
        long indexed = before == null ? StoredLifecycle.NO_TIMER : before.timerDueSecond();
        if (next.wakeAt() == null) {
            if (indexed != StoredLifecycle.NO_TIMER) {
                timers.cancel(userId, indexed);
            }
            return StoredLifecycle.NO_TIMER;
        }
        long wanted = TimerIndex.dueSecond(next.wakeAt());
        if (indexed != StoredLifecycle.NO_TIMER && indexed <= wanted) {
            return indexed;
        }
        if (indexed != StoredLifecycle.NO_TIMER) {
            timers.cancel(userId, indexed);
        }
        timers.schedule(userId, wanted);
        return wanted;
    }

    /** The latest transitions per user, for the query API: kept apart so that the hot state stays small. */
    private void remember(String userId, List<Transition> transitions) {
        List<Transition> before = recentTransitions.get(userId);
        List<Transition> all = new java.util.ArrayList<>(before == null ? List.of() : before);
        all.addAll(transitions);
        recentTransitions.put(userId, List.copyOf(all.subList(Math.max(0, all.size() - RECENT_TRANSITIONS_KEPT),
                all.size())));
    }
}
