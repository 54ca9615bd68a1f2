package io.userops.segmentation.streams;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.userops.avro.TagChange;
import io.userops.avro.TagChangeKind;
import io.userops.avro.TagChangeTarget;
import io.userops.segmentation.identity.UserIdentities;
import io.userops.segmentation.lifecycle.Transition;
import io.userops.segmentation.membership.MembershipDecider;
import io.userops.segmentation.profile.EventFacts;
import io.userops.segmentation.profile.Profile;
import io.userops.segmentation.profile.ProfileBuilder;
import io.userops.segmentation.tags.RfmBoundaries;
import io.userops.segmentation.tags.RfmPopulation;
import io.userops.segmentation.tags.TagRules;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The thin adapter around {@link ProfileBuilder}, the tag rules and the segments: applies each event to the
 * subject's profile, re-decides the user's tags and segments when the profile or the stage changes, emits
 * what changed on {@code userops.tag-changes.v1} and a profile snapshot on {@code userops.profiles.v1}.
 * A sweep revisits every profile of the task, a bounded slice per second, to refresh memberships that
 * change with time alone (days since a purchase) and to rebuild the task's RFM population sketch, which
 * every instance reads back, merged over all partitions, for the quintiles.
 */
final class ProfileProcessor implements Processor<String, Object, String, Object> {

    private static final Duration BOUNDARIES_REFRESH = Duration.ofSeconds(10);

    private final LifecycleSettings settings;
    private final LifecycleSettings.Memberships memberships;
    private final ProfileBuilder builder;
    private final MembershipDecider decider;
    private final EventFactsReader reader;
    private final ObjectMapper json = new ObjectMapper();
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, StoredProfile> profiles;
    private KeyValueStore<String, StoredLifecycle> lifecycles;
    private KeyValueStore<String, UserIdentities> identities;
    private KeyValueStore<String, byte[]> population;
    private MembershipCounts membershipCounts;
    private RfmBoundaries boundaries = RfmBoundaries.none();
    private long boundariesAt = Long.MIN_VALUE;
    private String sweepCursor;
    private boolean sweeping;
    private long sweepStartedAt = Long.MIN_VALUE;
    private RfmPopulation sweepPopulation;

    ProfileProcessor(LifecycleSettings settings) {
        this.settings = settings;
        this.memberships = settings.memberships();
        this.builder = new ProfileBuilder(memberships.profile());
        this.decider = new MembershipDecider(builder, memberships.tags(), memberships.behaviourTags(),
                memberships.segments());
        this.reader = new EventFactsReader(memberships.profile());
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.profiles = context.getStateStore(Names.PROFILE_STORE);
        this.lifecycles = context.getStateStore(Names.LIFECYCLE_STORE);
        this.identities = context.getStateStore(Names.IDENTITY_USERS_STORE);
        this.population = context.getStateStore(Names.RFM_POPULATION_STORE);
        this.membershipCounts = new MembershipCounts(context.getStateStore(Names.MEMBERSHIP_COUNTS_STORE),
                context.getStateStore(Names.SEGMENT_MEMBERS_STORE));
        PunctuationType type = settings.mode() == TimeMode.LIVE ? PunctuationType.WALL_CLOCK_TIME : PunctuationType.STREAM_TIME;
        context.schedule(Duration.ofSeconds(1), type, this::sweep);
    }

    @Override
    public void process(Record<String, Object> record) {
        String userId = record.key();
        Object value = record.value();
        if (value instanceof Routed.Event event) {
            EventFacts facts = reader.read(event.event());
            StoredProfile before = profiles.get(userId);
            Profile next = builder.apply(before == null ? null : before.profile(), userId, facts);
            boolean snapshot = before == null || !facts.traits().isEmpty() || next.orders() != before.profile().orders();
            if (!snapshot && before.decidedAt() != StoredProfile.NEVER
                    && now().toEpochMilli() - before.decidedAt() < memberships.decideAtMostEvery().toMillis()) {
                // Decided moments ago: counts alone move memberships slowly; the next decision or the sweep catches up.
                profiles.put(userId, before.with(next));
                return;
            }
            refresh(userId, before, next, facts.eventId(), facts.at(), snapshot);
        } else if (value instanceof Transition transition) {
            StoredProfile before = profiles.get(userId);
            refresh(userId, before, before == null ? Profile.empty(userId) : before.profile(),
                    transition.causeEventId(), transition.at(), true);
        } else if (value instanceof Routed.Retire retire) {
            retire(record, retire);
        } else if (value instanceof Routed.Erase erase) {
            StoredProfile stored = profiles.get(userId);
            if (stored != null) {
                profiles.put(userId, null);
                emitChanges(userId, stored, new TreeSet<>(), new TreeSet<>(), null, erase.requestedAt(), "erased");
                context.forward(record.withValue(null), Names.PROFILES_SINK);
            }
        } else if (value instanceof Routed.AbsorbProfile absorb) {
            StoredProfile before = profiles.get(userId);
            Profile merged = builder.merge(before == null ? null : before.profile(), absorb.profile(), userId);
            refresh(userId, before, merged, null, now(), true);
        } else if (value != null) {
            throw new IllegalArgumentException("not a profile input: " + value.getClass());
        }
    }

    /** The identity this is keyed by was linked to a user: its profile leaves, with its tags and segments. */
    private void retire(Record<String, Object> record, Routed.Retire retire) {
        String retiredId = record.key();
        StoredProfile stored = profiles.get(retiredId);
        if (stored == null) {
            return;
        }
        profiles.put(retiredId, null);
        emitChanges(retiredId, stored, new TreeSet<>(), new TreeSet<>(), retire.eventId(), retire.at(), "identity_merged");
        context.forward(record.withValue(null), Names.PROFILES_SINK);
        context.forward(record.withKey(retire.into()).withValue(new Routed.AbsorbProfile(retiredId, stored.profile(), 0)),
                Names.ROUTING_SINK);
    }

    /**
     * Re-decides the user's tags and segments on {@code next}, stores it, and emits the changes; a snapshot
     * goes out when memberships changed or {@code snapshot} asks for one (new traits, an order, a new stage).
     */
    private void refresh(String userId, StoredProfile before, Profile next, String causeEventId, Instant eventTime,
            boolean snapshot) {
        Instant now = now();
        StoredLifecycle lifecycle = lifecycles.get(userId);
        String stage = lifecycle == null ? null : lifecycle.lifecycle().stage().name();
        MembershipDecider.Decided decided = decider.decide(next, stage, boundaries, now);
        StoredProfile previous = before == null ? StoredProfile.of(next) : before;
        boolean changed = emitChanges(userId, previous, decided.tags(), decided.segments(), causeEventId, eventTime,
                null);
        StoredProfile stored = new StoredProfile(next, decided.tags(), decided.segments(), now.toEpochMilli());
        // The sweep revisits unchanged profiles: write only what changed, not the time of every visit.
        if (before == null || changed || before.profile() != next) {
            profiles.put(userId, stored);
        }
        if ((changed || snapshot) && lifecycle != null) {
            context.forward(new Record<>(userId, snapshot(lifecycle, stored, decided.traits(), decided.computed(), now),
                    lifecycle.lifecycle().lastActiveAt().toEpochMilli()), Names.PROFILES_SINK);
        }
    }

    private boolean emitChanges(String userId, StoredProfile before, Set<String> tags, Set<String> segments,
            String causeEventId, Instant eventTime, String ruleOverride) {
        TagRules.TagChanges tagChanges = TagRules.diff(before.tags(), tags);
        TagRules.TagChanges segmentChanges = TagRules.diff(before.segments(), segments);
        if (!tagChanges.isEmpty() || !segmentChanges.isEmpty()) {
            membershipCounts.change(userId, before.tags(), tags, before.segments(), segments);
        }
        Instant processedAt = Instant.ofEpochMilli(context.currentSystemTimeMs());
        for (TagRules.TagChange added : tagChanges.added()) {
            emit(userId, added.tag(), TagChangeKind.ADDED, TagChangeTarget.TAG, ruleOf(added, ruleOverride),
                    causeEventId, eventTime, processedAt);
        }
        for (TagRules.TagChange removed : tagChanges.removed()) {
            emit(userId, removed.tag(), TagChangeKind.REMOVED, TagChangeTarget.TAG, ruleOf(removed, ruleOverride),
                    causeEventId, eventTime, processedAt);
        }
        for (TagRules.TagChange entered : segmentChanges.added()) {
            emit(userId, entered.tag(), TagChangeKind.ADDED, TagChangeTarget.SEGMENT,
                    ruleOverride == null ? entered.tag() : ruleOverride, causeEventId, eventTime, processedAt);
        }
        for (TagRules.TagChange exited : segmentChanges.removed()) {
            emit(userId, exited.tag(), TagChangeKind.REMOVED, TagChangeTarget.SEGMENT,
                    ruleOverride == null ? exited.tag() : ruleOverride, causeEventId, eventTime, processedAt);
        }
        return !tagChanges.isEmpty() || !segmentChanges.isEmpty();
    }

    private String ruleOf(TagRules.TagChange change, String ruleOverride) {
        if (ruleOverride != null) {
            return ruleOverride;
        }
        return decider.isBehaviourTag(change.tag()) ? "behaviour:" + change.tag() : change.rule();
    }

    private void emit(String userId, String name, TagChangeKind kind, TagChangeTarget target, String rule,
            String causeEventId, Instant eventTime, Instant processedAt) {
        Instant at = eventTime == null ? processedAt : eventTime;
        context.forward(new Record<>(userId, new TagChange(userId, name, kind, target, rule, null, causeEventId, at,
                processedAt), at.toEpochMilli()), Names.TAG_CHANGES_SINK);
    }

    /**
     * A bounded slice of the task's profiles per tick: memberships refreshed (they may change with time
     * alone), purchasers added to the sweep's RFM population, which is published when the sweep ends.
     */
    private void sweep(long timestamp) {
        long now = now().toEpochMilli();
        if (boundariesAt == Long.MIN_VALUE || now - boundariesAt >= BOUNDARIES_REFRESH.toMillis()) {
            boundaries = mergedPopulation().boundaries();
            boundariesAt = now;
        }
        if (!sweeping) {
            if (sweepStartedAt != Long.MIN_VALUE && now - sweepStartedAt < memberships.minSweepPeriod().toMillis()) {
                return;
            }
            sweeping = true;
            sweepStartedAt = now;
            sweepCursor = null;
            sweepPopulation = new RfmPopulation();
        }
        List<KeyValue<String, StoredProfile>> slice = new ArrayList<>();
        boolean exhausted;
        try (KeyValueIterator<String, StoredProfile> all = profiles.range(sweepCursor, null)) {
            while (all.hasNext() && slice.size() < memberships.sweepUsersPerTick()) {
                KeyValue<String, StoredProfile> entry = all.next();
                if (!entry.key.equals(sweepCursor)) {
                    slice.add(entry);
                }
            }
            exhausted = !all.hasNext();
        }
        for (KeyValue<String, StoredProfile> entry : slice) {
            Profile profile = entry.value.profile();
            if (profile.orders() > 0) {
                sweepPopulation.add(MembershipDecider.tagInput(profile, MembershipDecider.traitValues(profile), null));
            }
            refresh(entry.key, entry.value, profile, null, null, false);
            sweepCursor = entry.key;
        }
        if (exhausted) {
            context.forward(new Record<>(Integer.toString(context.taskId().partition()), sweepPopulation.toBytes(), now),
                    Names.RFM_SINK);
            sweeping = false;
        }
    }

    private RfmPopulation mergedPopulation() {
        RfmPopulation merged = new RfmPopulation();
        try (KeyValueIterator<String, byte[]> partitions = population.all()) {
            partitions.forEachRemaining(partition -> merged.merge(RfmPopulation.fromBytes(partition.value)));
        }
        return merged;
    }

    private Instant now() {
        return Instant.ofEpochMilli(settings.mode() == TimeMode.LIVE ? context.currentSystemTimeMs()
                : context.currentStreamTimeMs());
    }

    private io.userops.avro.UserProfile snapshot(StoredLifecycle lifecycle, StoredProfile stored,
            Map<String, Object> traits, Map<String, Object> computed, Instant now) {
        UserIdentities ids = identities.get(stored.profile().userId());
        return AvroMapping.profile(lifecycle.lifecycle(), ids == null ? List.of() : ids.identifiers(),
                traits.isEmpty() ? null : text(new java.util.TreeMap<>(traits)), List.copyOf(stored.tags()),
                List.copyOf(stored.segments()), text(jsonReady(computed)),
                Instant.ofEpochMilli(context.currentSystemTimeMs()));
    }

    private static Map<String, Object> jsonReady(Map<String, Object> computed) {
        Map<String, Object> ready = new LinkedHashMap<>();
        computed.forEach((name, value) -> ready.put(name, value instanceof Instant at ? at.toString() : value));
        return ready;
    }

    private String text(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
