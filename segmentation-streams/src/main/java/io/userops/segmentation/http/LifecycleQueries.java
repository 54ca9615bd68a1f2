package io.userops.segmentation.http;

import io.userops.segmentation.identity.UserIdentities;
import io.userops.segmentation.lifecycle.Stage;
import io.userops.segmentation.lifecycle.Transition;
import io.userops.segmentation.lifecycle.UserLifecycle;
import io.userops.segmentation.streams.LifecycleCounts;
import io.userops.segmentation.streams.MembershipCounts;
import io.userops.segmentation.streams.Names;
import io.userops.segmentation.streams.StoredLifecycle;
import io.userops.segmentation.streams.StoredProfile;
import io.userops.segmentation.tags.RfmPopulation;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Reads this instance's share of the lifecycle stores (interactive queries), and says who owns a user. */
public final class LifecycleQueries {

    private final KafkaStreams streams;

    public LifecycleQueries(KafkaStreams streams) {
        this.streams = streams;
    }

    /** Where the user's partition lives (its owner and number), or empty while the group is rebalancing. */
    Optional<KeyQueryMetadata> locate(String userId) {
        KeyQueryMetadata metadata = streams.queryMetadataForKey(Names.LIFECYCLE_STORE, userId,
                Serdes.String().serializer());
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
            return Optional.empty();
        }
        return Optional.of(metadata);
    }

    /** A user of a partition this instance owns, with their latest transitions (newest last). */
    Optional<UserView> user(String userId, KeyQueryMetadata metadata) {
        ReadOnlyKeyValueStore<String, StoredLifecycle> states = streams.store(StoreQueryParameters
                .fromNameAndType(Names.LIFECYCLE_STORE, QueryableStoreTypes.<String, StoredLifecycle>keyValueStore())
                .withPartition(metadata.partition()));
        StoredLifecycle stored = states.get(userId);
        if (stored == null) {
            return Optional.empty();
        }
        UserIdentities identities = this.<UserIdentities>store(Names.IDENTITY_USERS_STORE, metadata).get(userId);
        ReadOnlyKeyValueStore<String, List<Transition>> recent = streams.store(StoreQueryParameters
                .fromNameAndType(Names.RECENT_TRANSITIONS_STORE,
                        QueryableStoreTypes.<String, List<Transition>>keyValueStore())
                .withPartition(metadata.partition()));
        List<Transition> transitions = recent.get(userId);
        StoredProfile profile = this.<StoredProfile>store(Names.PROFILE_STORE, metadata).get(userId);
        return Optional.of(new UserView(stored.lifecycle(), transitions == null ? List.of() : transitions,
                identities == null ? UserIdentities.NONE : identities, Optional.ofNullable(profile)));
    }

    /** Counts of the membership-counts store whose key starts with {@code prefix}, prefix removed, over this instance. */
    Map<String, Long> membershipCounts(String prefix) {
        Map<String, Long> counts = new TreeMap<>();
        try (KeyValueIterator<String, Long> range = counts(Names.MEMBERSHIP_COUNTS_STORE).range(prefix, prefix + '\uffff')) {
            range.forEachRemaining(entry -> counts.merge(entry.key.substring(prefix.length()), entry.value, Long::sum));
        }
        return counts;
    }

    /** Up to {@code limit} members of the segment after {@code after} (exclusive), in user-id order, over this instance. */
    List<String> segmentMembers(String segment, String after, int limit) {
        java.util.TreeSet<String> members = new java.util.TreeSet<>();
        String from = MembershipCounts.memberKey(segment, after == null ? "" : after);
        for (Integer partition : localPartitions()) {
            ReadOnlyKeyValueStore<String, byte[]> store = streams.store(StoreQueryParameters
                    .fromNameAndType(Names.SEGMENT_MEMBERS_STORE, QueryableStoreTypes.<String, byte[]>keyValueStore())
                    .withPartition(partition));
            try (KeyValueIterator<String, byte[]> range = store.range(from, MembershipCounts.lastMemberKey(segment))) {
                int taken = 0;
                while (range.hasNext() && taken < limit) {
                    String userId = range.next().key.substring(segment.length() + 1);
                    if (after == null || userId.compareTo(after) > 0) {
                        members.add(userId);
                        taken++;
                    }
                }
            }
        }
        return members.stream().limit(limit).toList();
    }

    /** The RFM population merged over every partition's latest sweep (a global store: the same on every instance). */
    RfmPopulation rfmPopulation() {
        RfmPopulation merged = new RfmPopulation();
        ReadOnlyKeyValueStore<String, byte[]> store = streams.store(StoreQueryParameters.fromNameAndType(
                Names.RFM_POPULATION_STORE, QueryableStoreTypes.<String, byte[]>keyValueStore()));
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            all.forEachRemaining(entry -> merged.merge(RfmPopulation.fromBytes(entry.value)));
        }
        return merged;
    }

    private java.util.Set<Integer> localPartitions() {
        java.util.Set<Integer> partitions = new java.util.TreeSet<>();
        streams.metadataForLocalThreads().forEach(thread -> thread.activeTasks()
                .forEach(task -> partitions.add(task.taskId().partition())));
        return partitions;
    }

    /** What this instance's stores hold about an id of a partition it owns: what an erasure removes. */
    Holdings holdings(String id, KeyQueryMetadata metadata) {
        StoredLifecycle lifecycle = this.<StoredLifecycle>store(Names.LIFECYCLE_STORE, metadata).get(id);
        StoredProfile profile = this.<StoredProfile>store(Names.PROFILE_STORE, metadata).get(id);
        UserIdentities identities = this.<UserIdentities>store(Names.IDENTITY_USERS_STORE, metadata).get(id);
        String linkedTo = this.<String>store(Names.IDENTITY_LINKS_STORE, metadata).get(id);
        return new Holdings(lifecycle != null, profile != null,
                identities == null ? List.of() : identities.identifiers(),
                profile == null ? List.of() : List.copyOf(profile.tags()),
                profile == null ? List.of() : List.copyOf(profile.segments()), linkedTo);
    }

    record Holdings(boolean lifecycle, boolean profile, List<String> linkedIdentifiers, List<String> tags,
                    List<String> segments, String linkedTo) {
        boolean isEmpty() {
            return !lifecycle && !profile && linkedIdentifiers.isEmpty() && linkedTo == null;
        }
    }

    /** The user an identifier of a partition this instance owns was linked to, if it was. */
    Optional<String> linkedTo(String identifier, KeyQueryMetadata metadata) {
        return Optional.ofNullable(this.<String>store(Names.IDENTITY_LINKS_STORE, metadata).get(identifier));
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name, KeyQueryMetadata metadata) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore())
                .withPartition(metadata.partition()));
    }

    record UserView(UserLifecycle lifecycle, List<Transition> recentTransitions, UserIdentities identities,
                    Optional<StoredProfile> profile) {
    }

    /** Users per stage over the partitions this instance owns; every stage present, zero when empty. */
    public Map<Stage, Long> stageCounts() {
        Map<Stage, Long> counts = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            counts.put(stage, 0L);
        }
        try (KeyValueIterator<String, Long> all = counts(Names.STAGE_COUNTS_STORE).all()) {
            all.forEachRemaining(entry -> counts.merge(Stage.valueOf(entry.key), entry.value, Long::sum));
        }
        return counts;
    }

    /** Transitions per {@code FROM->TO} whose time is at or after {@code since}, over this instance's partitions. */
    Map<String, Long> transitionCounts(Instant since) {
        Map<String, Long> counts = new TreeMap<>();
        try (KeyValueIterator<String, Long> range = counts(Names.TRANSITION_COUNTS_STORE)
                .range(LifecycleCounts.firstKeyFrom(since), LifecycleCounts.LAST_KEY)) {
            range.forEachRemaining(entry -> counts.merge(LifecycleCounts.pairOf(entry.key), entry.value, Long::sum));
        }
        return counts;
    }

    /** Transitions decided per minute since the minute holding {@code since}: minute (ISO-8601) to count. */
    Map<String, Long> transitionsPerMinute(Instant since) {
        Map<String, Long> counts = new TreeMap<>();
        try (KeyValueIterator<String, Long> range = counts(Names.TRANSITION_COUNTS_STORE)
                .range(LifecycleCounts.firstKeyFrom(since), LifecycleCounts.LAST_KEY)) {
            range.forEachRemaining(entry -> counts.merge(LifecycleCounts.minuteOf(entry.key).toString(), entry.value,
                    Long::sum));
        }
        return counts;
    }

    private ReadOnlyKeyValueStore<String, Long> counts(String storeName) {
        return streams.store(StoreQueryParameters.fromNameAndType(storeName, QueryableStoreTypes.keyValueStore()));
    }
}
