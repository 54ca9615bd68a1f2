package io.userops.segmentation.streams;

import io.userops.streams.DeadLetterHandler;
import static org.assertj.core.api.Assertions.assertThat;

import io.userops.avro.EventType;
import io.userops.avro.LifecycleTransition;
import io.userops.avro.TrackedEvent;
import io.userops.avro.UserProfile;
import io.userops.schemas.registry.LocalSchemaRegistryClient;
import io.userops.schemas.topics.DeadLetterHeaders;
import io.userops.schemas.topics.Topics;
import io.userops.segmentation.identity.IdentityRules;
import io.userops.segmentation.identity.RefusalReason;
import io.userops.segmentation.identity.UserIdentities;
import io.userops.segmentation.lifecycle.LifecycleRules;
import io.userops.segmentation.lifecycle.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Dedup and identity resolution in the topology: one person across anonymous and known ids, counted once. */
class IdentityTopologyTest {

    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    static final Duration DAY = Duration.ofDays(1);
    static final String APP_ID = "identity-test";

    final LocalSchemaRegistryClient registry = new LocalSchemaRegistryClient();
    TopologyTestDriver driver;
    TestInputTopic<String, TrackedEvent> events;
    TestOutputTopic<String, LifecycleTransition> transitions;
    TestOutputTopic<String, UserProfile> profiles;
    TestOutputTopic<byte[], byte[]> deadLetters;
    int messages;

    void start(LifecycleSettings settings) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APP_ID);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
        driver = new TopologyTestDriver(SegmentationTopology.build(settings, registry, true, APP_ID), props, T0);
        events = driver.createInputTopic(Topics.EVENTS.name(), new StringSerializer(),
                Topics.EVENTS.valueSerde(registry).serializer());
        transitions = driver.createOutputTopic(Topics.LIFECYCLE_TRANSITIONS.name(), new StringDeserializer(),
                Topics.LIFECYCLE_TRANSITIONS.valueSerde(registry).deserializer());
        profiles = driver.createOutputTopic(Topics.PROFILES.name(), new StringDeserializer(),
                Topics.PROFILES.valueSerde(registry).deserializer());
        deadLetters = driver.createOutputTopic(Topics.DEAD_LETTER.name(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    void start() {
        start(LifecycleSettings.live(LifecycleRules.defaults()));
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    TrackedEvent.Builder event(EventType type, String userId, String anonymousId, Instant at) {
        return TrackedEvent.newBuilder().setSourceId("web").setType(type).setMessageId("m" + (++messages))
                .setUserId(userId).setAnonymousId(anonymousId).setTimestamp(at).setReceivedAt(at);
    }

    /** Keyed as ingest keys it: userId, else anonymousId. */
    void send(TrackedEvent event) {
        events.pipeInput(event.getUserId() != null ? event.getUserId() : event.getAnonymousId(), event);
    }

    void track(String userId, String anonymousId, Instant at, String name) {
        send(event(EventType.TRACK, userId, anonymousId, at).setEvent(name).build());
    }

    void identify(String userId, String anonymousId, Instant at) {
        send(event(EventType.IDENTIFY, userId, anonymousId, at).build());
    }

    List<String> moves() {
        return transitions.readValuesToList().stream()
                .map(t -> t.getUserId() + ":" + t.getFrom() + "->" + t.getTo() + ":" + t.getReason()).toList();
    }

    StoredLifecycle state(String id) {
        KeyValueStore<String, StoredLifecycle> states = driver.getKeyValueStore(Names.LIFECYCLE_STORE);
        return states.get(id);
    }

    UserIdentities identities(String userId) {
        KeyValueStore<String, UserIdentities> users = driver.getKeyValueStore(Names.IDENTITY_USERS_STORE);
        return users.get(userId);
    }

    String owner(String identifier) {
        KeyValueStore<String, String> links = driver.getKeyValueStore(Names.IDENTITY_LINKS_STORE);
        return links.get(identifier);
    }

    Map<String, Long> stageCounts() {
        KeyValueStore<String, Long> counts = driver.getKeyValueStore(Names.STAGE_COUNTS_STORE);
        Map<String, Long> all = new java.util.TreeMap<>();
        try (var it = counts.all()) {
            it.forEachRemaining(kv -> all.put(kv.key, kv.value));
        }
        return all;
    }

    double metric(String name) {
        return driver.metrics().values().stream()
                .filter(m -> m.metricName().name().equals(name))
                .map(Metric::metricValue).mapToDouble(v -> (Double) v).sum();
    }

    @Test
    void shouldDropARepeatedMessageOfTheSameSourceWithinTheWindowAndCountIt() {
        start();
        TrackedEvent first = event(EventType.TRACK, "alice", null, T0).setEvent("Page Viewed").build();

        send(first);
        send(TrackedEvent.newBuilder(first).setReceivedAt(T0.plusSeconds(30)).build());
        send(TrackedEvent.newBuilder(first).setTimestamp(T0.plus(Duration.ofHours(23))).build());

        assertThat(state("alice").lifecycle().eventCount()).isEqualTo(1);
        assertThat(metric("duplicates-dropped-total")).isEqualTo(2.0);
    }

    @Test
    void shouldKeepTheSameMessageIdFromAnotherSourceAndAfterTheWindow() {
        start();
        TrackedEvent first = event(EventType.TRACK, "alice", null, T0).setEvent("Page Viewed").build();

        send(first);
        send(TrackedEvent.newBuilder(first).setSourceId("ios").build());
        send(TrackedEvent.newBuilder(first).setTimestamp(T0.plus(Duration.ofHours(25))).build());

        assertThat(state("alice").lifecycle().eventCount()).isEqualTo(3);
        assertThat(metric("duplicates-dropped-total")).isZero();
    }

    @Test
    void shouldKeepEventsOlderThanTheWindowBehindStreamTimeEvenRepeatedAsDocumented() {
        start();
        track("alice", null, T0.plus(Duration.ofDays(3)), "Page Viewed");
        TrackedEvent old = event(EventType.TRACK, "alice", null, T0).setEvent("Page Viewed").build();

        send(old);
        send(old);

        assertThat(state("alice").lifecycle().eventCount()).as("no dedup beyond the window").isEqualTo(3);
        assertThat(metric("duplicates-dropped-total")).isZero();
    }

    @Test
    void shouldMergeTheAnonymousVisitorIntoTheUserOnIdentifyAndAttributeLaterAnonymousEventsToTheUser() {
        start();
        track(null, "anon-1", T0, "Order Completed");
        track(null, "anon-1", T0.plus(Duration.ofHours(1)), "Order Completed");
        track(null, "anon-1", T0.plus(Duration.ofHours(2)), "Order Completed");
        assertThat(moves()).containsExactly("anon-1:null->NEW:first_seen",
                "anon-1:NEW->ACTIVATED:activation_criterion_met");

        identify("u-1", "anon-1", T0.plus(Duration.ofHours(3)));
        track(null, "anon-1", T0.plus(Duration.ofHours(4)), "Page Viewed");

        assertThat(moves()).containsExactly("u-1:null->ACTIVATED:identity_merged");
        assertThat(owner("anon-1")).isEqualTo("u-1");
        assertThat(identities("u-1").identifiers()).containsExactly("anon-1");
        assertThat(state("anon-1")).isNull();
        assertThat(state("u-1").lifecycle().eventCount()).isEqualTo(4);
        assertThat(state("u-1").lifecycle().firstSeenAt()).isEqualTo(T0);
        assertThat(state("u-1").lifecycle().lastActiveAt()).isEqualTo(T0.plus(Duration.ofHours(4)));
        assertThat(stageCounts()).containsExactly(Map.entry("ACTIVATED", 1L));
        List<KeyValue<String, UserProfile>> snapshots = profiles.readKeyValuesToList();
        assertThat(snapshots).anySatisfy(kv -> {
            assertThat(kv.key).isEqualTo("anon-1");
            assertThat(kv.value).isNull();
        });
        assertThat(snapshots.get(snapshots.size() - 1).key).isEqualTo("u-1");
    }

    @Test
    void shouldEndTheSameWhetherTheAnonymousEventsArriveBeforeOrAfterTheIdentify() {
        start();
        // Before: the anonymous history is built first and merged at the identify.
        track(null, "anon-a", T0, "Order Completed");
        track(null, "anon-a", T0.plusSeconds(60), "Order Completed");
        identify("u-a", "anon-a", T0.plusSeconds(120));
        track("u-a", null, T0.plusSeconds(180), "Order Completed");
        // After: the identify first; the anonymous events, dated earlier, arrive later and go to the user.
        identify("u-b", "anon-b", T0.plusSeconds(120));
        track("u-b", null, T0.plusSeconds(180), "Order Completed");
        track(null, "anon-b", T0, "Order Completed");
        track(null, "anon-b", T0.plusSeconds(60), "Order Completed");

        for (String user : List.of("u-a", "u-b")) {
            assertThat(state(user).lifecycle().eventCount()).as(user).isEqualTo(3);
            assertThat(state(user).lifecycle().stage()).as(user).isEqualTo(Stage.ACTIVATED);
            assertThat(state(user).lifecycle().firstSeenAt()).as(user).isEqualTo(T0);
        }
        assertThat(state("anon-a")).isNull();
        assertThat(state("anon-b")).isNull();
        KeyValueStore<String, StoredProfile> profileStore = driver.getKeyValueStore(Names.PROFILE_STORE);
        assertThat(profileStore.get("u-a").profile().events()).isEqualTo(profileStore.get("u-b").profile().events())
                .isEqualTo(3);
        assertThat(stageCounts()).containsExactly(Map.entry("ACTIVATED", 2L));
    }

    @Test
    void shouldMergeOnceWhenTheSameIdentifyArrivesAgain() {
        start();
        track(null, "anon-1", T0, "Page Viewed");
        identify("u-1", "anon-1", T0.plusSeconds(60));
        track("u-1", null, T0.plusSeconds(120), "Page Viewed");
        identify("u-1", "anon-1", T0.plusSeconds(180));

        assertThat(moves()).containsExactly("anon-1:null->NEW:first_seen", "u-1:null->NEW:identity_merged");
        assertThat(state("u-1").lifecycle().eventCount()).isEqualTo(2);
        assertThat(stageCounts()).containsExactly(Map.entry("NEW", 1L));
    }

    @Test
    void shouldNeverMergeTwoUsersThroughASharedAnonymousIdAndRecordWhy() {
        start();
        track(null, "shared-device", T0, "Page Viewed");
        identify("u-1", "shared-device", T0.plusSeconds(10));
        track("u-2", null, T0.plusSeconds(20), "Page Viewed");

        identify("u-2", "shared-device", T0.plusSeconds(30));
        track(null, "shared-device", T0.plusSeconds(40), "Page Viewed");

        assertThat(owner("shared-device")).isEqualTo("u-1");
        assertThat(identities("u-2").identifiers()).isEmpty();
        assertThat(identities("u-2").refusals()).singleElement().satisfies(r -> {
            assertThat(r.identifier()).isEqualTo("shared-device");
            assertThat(r.reason()).isEqualTo(RefusalReason.LINKED_TO_ANOTHER_USER);
        });
        assertThat(state("u-1").lifecycle().eventCount()).isEqualTo(2);
        assertThat(state("u-2").lifecycle().eventCount()).isEqualTo(1);
        assertThat(metric("links-refused-total")).isEqualTo(1.0);
    }

    @Test
    void shouldRefuseIdentifiersOverTheCapAndKeepTheirEventsApart() {
        start(LifecycleSettings.live(LifecycleRules.defaults()).withIdentity(
                new IdentityRules(IdentityRules.DEFAULT_BLOCKED_IDS, 1)));
        identify("u-1", "anon-1", T0);
        identify("u-1", "anon-2", T0.plusSeconds(10));
        track(null, "anon-2", T0.plusSeconds(20), "Page Viewed");

        assertThat(identities("u-1").identifiers()).containsExactly("anon-1");
        assertThat(identities("u-1").refusals()).singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo(RefusalReason.IDENTIFIER_CAP_REACHED));
        assertThat(owner("anon-2")).isNull();
        assertThat(state("anon-2").lifecycle().eventCount()).isEqualTo(1);
    }

    @Test
    void shouldTreatJunkUserIdsAsAbsentAndResolveTheEventByItsAnonymousId() {
        start();
        identify("u-1", "anon-1", T0);

        track("undefined", "anon-1", T0.plusSeconds(10), "Page Viewed");
        track("null", "anon-9", T0.plusSeconds(20), "Page Viewed");

        assertThat(state("undefined")).isNull();
        assertThat(state("u-1").lifecycle().eventCount()).isEqualTo(1);
        assertThat(state("anon-9").lifecycle().eventCount()).isEqualTo(1);
    }

    @Test
    void shouldDeadLetterAnEventWhoseOnlyIdsAreJunk() {
        start();

        track("undefined", "0", T0, "Page Viewed");
        track("alice", null, T0, "Page Viewed");

        TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        assertThat(DeadLetterHeaders.get(dead.headers(), DeadLetterHeaders.REASON)).isEqualTo("missing_identity");
        assertThat(DeadLetterHeaders.get(dead.headers(), DeadLetterHeaders.MESSAGE)).contains("blocked");
        assertThat(state("alice")).isNotNull();
    }

    @Test
    void shouldMergeAPreviousIdIntoTheUserOnAlias() {
        start();
        track("old-account", null, T0, "Page Viewed");
        track("old-account", null, T0.plus(DAY), "Page Viewed");

        send(event(EventType.ALIAS, "new-account", null, T0.plus(DAY).plusSeconds(60)).setPreviousId("old-account").build());
        track("old-account", null, T0.plus(DAY).plusSeconds(120), "Page Viewed");

        assertThat(owner("old-account")).isEqualTo("new-account");
        assertThat(state("old-account")).isNull();
        assertThat(state("new-account").lifecycle().eventCount()).isEqualTo(3);
        assertThat(state("new-account").lifecycle().stage()).isEqualTo(Stage.NEW);
    }

    @Test
    void shouldEraseAUserAndTheIdsLinkedToItEverywhereAndDropTheirEventsUntilTheSuppressionEnds() {
        start();
        TestInputTopic<String, Routed> routing = driver.createInputTopic(Names.routingTopic(APP_ID), new StringSerializer(),
                new RoutedSerde(Topics.EVENTS.valueSerde(registry)).serializer());
        track(null, "anon-1", T0, "Page Viewed");
        identify("u-1", "anon-1", T0.plusSeconds(10));
        track("u-1", null, T0.plusSeconds(20), "Page Viewed");
        assertThat(state("u-1")).isNotNull();
        assertThat(keysMentioning("u-1")).contains(Names.LIFECYCLE_STORE + ":u-1", Names.PROFILE_STORE + ":u-1",
                Names.IDENTITY_USERS_STORE + ":u-1", Names.RECENT_TRANSITIONS_STORE + ":u-1");
        profiles.readKeyValuesToList();

        routing.pipeInput("u-1", new Routed.Erase("req-1", T0.plusSeconds(30), T0.plus(Duration.ofDays(30)), null),
                T0.plusSeconds(30));

        assertThat(state("u-1")).isNull();
        assertThat(identities("u-1")).isNull();
        assertThat(owner("anon-1")).isNull();
        KeyValueStore<String, StoredProfile> profileStore = driver.getKeyValueStore(Names.PROFILE_STORE);
        assertThat(profileStore.get("u-1")).isNull();
        assertThat(stageCounts()).isEmpty();
        assertThat(profiles.readKeyValuesToList()).anySatisfy(kv -> {
            assertThat(kv.key).isEqualTo("u-1");
            assertThat(kv.value).isNull();
        });
        assertThat(keysMentioning("u-1", "anon-1")).as("only the suppression list names them")
                .containsExactlyInAnyOrder(Names.ERASED_STORE + ":u-1", Names.ERASED_STORE + ":anon-1");

        track("u-1", null, T0.plusSeconds(40), "Page Viewed");
        track(null, "anon-1", T0.plusSeconds(50), "Page Viewed");
        assertThat(state("u-1")).isNull();
        assertThat(state("anon-1")).isNull();
        assertThat(metric("erased-events-dropped-total")).isEqualTo(2.0);

        driver.advanceWallClockTime(Duration.ofDays(31));
        track("u-1", null, T0.plus(Duration.ofDays(31)), "Page Viewed");
        assertThat(state("u-1").lifecycle().eventCount()).as("a new user after the suppression").isEqualTo(1);
    }

    /** Every key of every key-value store that contains one of the ids, as {@code store:key}. */
    List<String> keysMentioning(String... ids) {
        List<String> found = new java.util.ArrayList<>();
        driver.getAllStateStores().forEach((name, store) -> {
            if (store instanceof KeyValueStore<?, ?> kv) {
                try (var all = kv.all()) {
                    all.forEachRemaining(entry -> {
                        String key = entry.key instanceof org.apache.kafka.common.utils.Bytes bytes
                                ? new String(bytes.get(), java.nio.charset.StandardCharsets.UTF_8) : String.valueOf(entry.key);
                        for (String id : ids) {
                            if (key.contains(id)) {
                                found.add(name + ":" + key);
                            }
                        }
                    });
                }
            }
        });
        return found;
    }
}
