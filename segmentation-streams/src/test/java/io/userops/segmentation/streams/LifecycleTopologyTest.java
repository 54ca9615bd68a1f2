package io.userops.segmentation.streams;

import io.userops.streams.DeadLetterHandler;
import static org.assertj.core.api.Assertions.assertThat;

import io.userops.avro.EventType;
import io.userops.avro.LifecycleStage;
import io.userops.avro.LifecycleTransition;
import io.userops.avro.TrackedEvent;
import io.userops.avro.UserProfile;
import io.userops.schemas.registry.LocalSchemaRegistryClient;
import io.userops.schemas.topics.DeadLetterHeaders;
import io.userops.schemas.topics.Topics;
import io.userops.segmentation.lifecycle.LifecycleRules;
import io.userops.segmentation.lifecycle.Stage;
import io.userops.segmentation.lifecycle.UserLifecycle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LifecycleTopologyTest {

    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    static final Duration DAY = Duration.ofDays(1);
    static final String APP_ID = "lifecycle-test";

    final LocalSchemaRegistryClient registry = new LocalSchemaRegistryClient();
    TopologyTestDriver driver;
    TestInputTopic<String, TrackedEvent> events;
    TestInputTopic<String, byte[]> rawEvents;
    TestOutputTopic<String, LifecycleTransition> transitions;
    TestOutputTopic<String, UserProfile> profiles;
    TestOutputTopic<byte[], byte[]> deadLetters;
    int messages;

    void start(LifecycleSettings settings, Instant wallClock) {
        start(settings, wallClock, StreamsConfig.EXACTLY_ONCE_V2);
    }

    void start(LifecycleSettings settings, Instant wallClock, String guarantee) {
        Topology topology = SegmentationTopology.build(settings, registry, true, APP_ID);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APP_ID);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
        props.put(DeadLetterHandler.STAGE_CONFIG, "segmentation");
        driver = new TopologyTestDriver(topology, props, wallClock);
        events = driver.createInputTopic(Topics.EVENTS.name(), new StringSerializer(),
                Topics.EVENTS.valueSerde(registry).serializer());
        rawEvents = driver.createInputTopic(Topics.EVENTS.name(), new StringSerializer(), new ByteArraySerializer());
        transitions = driver.createOutputTopic(Topics.LIFECYCLE_TRANSITIONS.name(), new StringDeserializer(),
                Topics.LIFECYCLE_TRANSITIONS.valueSerde(registry).deserializer());
        profiles = driver.createOutputTopic(Topics.PROFILES.name(), new StringDeserializer(),
                Topics.PROFILES.valueSerde(registry).deserializer());
        deadLetters = driver.createOutputTopic(Topics.DEAD_LETTER.name(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    TrackedEvent event(String userId, Instant at, String name) {
        return TrackedEvent.newBuilder().setSourceId("web").setType(EventType.TRACK)
                .setMessageId("m" + (++messages)).setUserId(userId).setEvent(name)
                .setTimestamp(at).setReceivedAt(at).build();
    }

    void send(String userId, Instant at) {
        events.pipeInput(userId, event(userId, at, "Page Viewed"));
    }

    List<String> moves() {
        return transitions.readValuesToList().stream().map(t -> t.getUserId() + ":" + t.getFrom() + "->" + t.getTo())
                .toList();
    }

    KeyValueStore<String, StoredLifecycle> storedStates() {
        return driver.getKeyValueStore(Names.LIFECYCLE_STORE);
    }

    /** The users' lifecycles, as the query API sees them. */
    java.util.function.Function<String, UserLifecycle> states() {
        return user -> {
            StoredLifecycle stored = storedStates().get(user);
            return stored == null ? null : stored.lifecycle();
        };
    }

    List<String> indexedUsers() {
        KeyValueStore<Bytes, byte[]> index = driver.getKeyValueStore(Names.TIMER_INDEX_STORE);
        try (KeyValueIterator<Bytes, byte[]> all = index.all()) {
            List<String> users = new java.util.ArrayList<>();
            all.forEachRemaining(e -> users.add(new String(e.key.get(), 8, e.key.get().length - 8,
                    StandardCharsets.UTF_8)));
            return users;
        }
    }

    @Test
    void shouldEmitNewForAFirstSeenUserWithEveryFieldAndAProfileSnapshot() {
        start(LifecycleSettings.live(LifecycleRules.defaults()), T0);

        send("alice", T0);

        LifecycleTransition t = transitions.readValue();
        assertThat(t.getUserId()).isEqualTo("alice");
        assertThat(t.getFrom()).isNull();
        assertThat(t.getTo()).isEqualTo(LifecycleStage.NEW);
        assertThat(t.getReason()).isEqualTo("first_seen");
        assertThat(t.getCauseEventId()).isEqualTo("m1");
        assertThat(t.getCauseTimerAt()).isNull();
        assertThat(t.getEventTime()).isEqualTo(T0);
        assertThat(t.getProcessingTime()).isEqualTo(T0);
        assertThat(t.getReplayed()).isFalse();
        assertThat(t.getTransitionId()).isNotBlank();
        UserProfile profile = profiles.readValue();
        assertThat(profile.getStage()).isEqualTo(LifecycleStage.NEW);
        assertThat(profile.getLastActiveAt()).isEqualTo(T0);
        assertThat(profile.getEventCount()).isEqualTo(1);
    }

    @Test
    void shouldWalkAUserThroughEveryStageWithReasonsAndChainedTransitions() {
        start(LifecycleSettings.live(LifecycleRules.defaults()), T0);
        for (int i = 0; i < 3; i++) {
            events.pipeInput("alice", event("alice", T0.plusSeconds(i), "Order Completed"));
        }
        send("alice", T0.plus(DAY));
        send("alice", T0.plus(DAY.multipliedBy(2)));
        driver.advanceWallClockTime(DAY.multipliedBy(40));
        events.pipeInput("alice", event("alice", T0.plus(DAY.multipliedBy(40)), "Page Viewed"));
        send("alice", T0.plus(DAY.multipliedBy(41)));
        send("alice", T0.plus(DAY.multipliedBy(42)));

        List<LifecycleTransition> all = transitions.readValuesToList();
        assertThat(all).extracting(t -> t.getFrom() + "->" + t.getTo() + ":" + t.getReason()).containsExactly(
                "null->NEW:first_seen",
                "NEW->ACTIVATED:activation_criterion_met",
                "ACTIVATED->ENGAGED:sustained_activity",
                "ENGAGED->AT_RISK:silent_at_risk_threshold",
                "AT_RISK->DORMANT:silent_dormant_threshold",
                "DORMANT->CHURNED:silent_churned_threshold",
                "CHURNED->RESURRECTED:activity_after_churn",
                "RESURRECTED->ENGAGED:sustained_activity");
        assertThat(all).extracting(LifecycleTransition::getTransitionId).doesNotHaveDuplicates();
        assertThat(all.get(5).getCauseTimerAt()).isEqualTo(T0.plus(DAY.multipliedBy(32)));
        assertThat(states().apply("alice").stage()).isEqualTo(Stage.ENGAGED);
    }

    @Test
    void shouldKeepTheLatestFiveTransitionsPerUserForQueries() {
        start(LifecycleSettings.live(LifecycleRules.defaults()), T0);
        send("alice", T0);
        driver.advanceWallClockTime(DAY.multipliedBy(31));
        send("alice", T0.plus(DAY.multipliedBy(31)));
        driver.advanceWallClockTime(DAY.multipliedBy(10));
        List<LifecycleTransition> all = transitions.readValuesToList();
        assertThat(all).hasSize(6);

        KeyValueStore<String, List<io.userops.segmentation.lifecycle.Transition>> recent =
                driver.getKeyValueStore(Names.RECENT_TRANSITIONS_STORE);

        assertThat(recent.get("alice")).extracting(io.userops.segmentation.lifecycle.Transition::transitionId)
                .containsExactlyElementsOf(all.subList(1, 6).stream().map(LifecycleTransition::getTransitionId).toList());
    }

    @Test
    void shouldNoticeSilenceOnTheWallClockWithoutAnyEvent() {
        start(LifecycleSettings.live(LifecycleRules.defaults()), T0);
        send("alice", T0);
        transitions.readValuesToList();

        driver.advanceWallClockTime(DAY.multipliedBy(7).minusSeconds(2));
        assertThat(transitions.isEmpty()).isTrue();
        driver.advanceWallClockTime(Duration.ofSeconds(2));

        LifecycleTransition atRisk = transitions.readValue();
        assertThat(atRisk.getTo()).isEqualTo(LifecycleStage.AT_RISK);
        assertThat(atRisk.getReason()).isEqualTo("silent_at_risk_threshold");
        assertThat(atRisk.getCauseTimerAt()).isEqualTo(T0.plus(DAY.multipliedBy(7)));
        assertThat(atRisk.getEventTime()).isEqualTo(T0.plus(DAY.multipliedBy(7)));
        assertThat(states().apply("alice").stage()).isEqualTo(Stage.AT_RISK);
    }

    @Test
    void shouldWakeOnlyTheUsersThatAreDueAndKeepTheOthersIndexed() {
        start(LifecycleSettings.live(LifecycleRules.defaults()), T0.plus(DAY.multipliedBy(3)));
        send("early", T0);
        send("middle", T0.plus(DAY));
        send("late", T0.plus(DAY.multipliedBy(2)));
        transitions.readValuesToList();
        assertThat(indexedUsers()).containsExactly("early", "middle", "late");

        driver.advanceWallClockTime(DAY.multipliedBy(4).plusSeconds(1));

        assertThat(moves()).containsExactly("early:NEW->AT_RISK");
        assertThat(indexedUsers()).containsExactly("middle", "late", "early");
    }

    List<Instant> indexedTimes() {
        KeyValueStore<Bytes, byte[]> index = driver.getKeyValueStore(Names.TIMER_INDEX_STORE);
        try (KeyValueIterator<Bytes, byte[]> all = index.all()) {
            List<Instant> times = new java.util.ArrayList<>();
            all.forEachRemaining(e -> times.add(Instant.ofEpochSecond(java.nio.ByteBuffer.wrap(e.key.get()).getLong())));
            return times;
        }
    }

    @Test
    void shouldLeaveTheTimerEntryInPlaceOnActivityAndReindexWhenItFiresEarly() {
        start(LifecycleSettings.live(LifecycleRules.defaults()), T0);
        send("alice", T0);
        send("alice", T0.plus(DAY.multipliedBy(3)));
        assertThat(indexedTimes()).containsExactly(T0.plus(DAY.multipliedBy(7)));
        transitions.readValuesToList();

        driver.advanceWallClockTime(DAY.multipliedBy(7).plusSeconds(1));
        assertThat(transitions.isEmpty()).isTrue();
        assertThat(indexedTimes()).containsExactly(T0.plus(DAY.multipliedBy(10)));

        driver.advanceWallClockTime(DAY.multipliedBy(3));
        assertThat(moves()).containsExactly("alice:NEW->AT_RISK");
        assertThat(indexedTimes()).containsExactly(T0.plus(DAY.multipliedBy(17)));
    }

    @Test
    void shouldWakeAtMostTheConfiguredNumberOfUsersPerTickAndTheRestOnTheNextTicks() {
        start(LifecycleSettings.live(LifecycleRules.defaults()).withMaxUsersPerTick(10), T0);
        for (int i = 0; i < 25; i++) {
            send("u" + (100 + i), T0);
        }
        transitions.readValuesToList();

        driver.advanceWallClockTime(DAY.multipliedBy(7).plusSeconds(1));
        assertThat(moves()).hasSize(10).allMatch(m -> m.endsWith("NEW->AT_RISK"));
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        assertThat(moves()).hasSize(10);
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        assertThat(moves()).hasSize(5);
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        assertThat(transitions.isEmpty()).isTrue();
    }

    @Test
    void shouldDriveTimersByEventTimeAndFlagTransitionsInReplay() {
        start(LifecycleSettings.live(LifecycleRules.defaults()).withMode(TimeMode.REPLAY), T0.plus(DAY.multipliedBy(400)));
        send("alice", T0);
        send("bob", T0.plus(DAY.multipliedBy(3)));
        driver.advanceWallClockTime(DAY.multipliedBy(100));
        assertThat(moves()).containsExactly("alice:null->NEW", "bob:null->NEW");

        send("bob", T0.plus(DAY.multipliedBy(8)));

        List<LifecycleTransition> out = transitions.readValuesToList();
        assertThat(out).extracting(t -> t.getUserId() + ":" + t.getTo()).containsExactly("alice:AT_RISK");
        assertThat(out).allMatch(LifecycleTransition::getReplayed);
    }

    @Test
    void shouldFollowStreamTimeWhileCatchingUpAndTheWallClockOnceIdle() {
        Instant wall = T0.plus(DAY.multipliedBy(60));
        start(LifecycleSettings.live(LifecycleRules.defaults()), wall);
        send("alice", T0);
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        send("alice", T0.plus(DAY.multipliedBy(2)));
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        assertThat(moves()).containsExactly("alice:null->NEW");

        driver.advanceWallClockTime(Duration.ofSeconds(31));

        assertThat(moves()).containsExactly("alice:NEW->AT_RISK", "alice:AT_RISK->DORMANT", "alice:DORMANT->CHURNED");
    }

    @Test
    void shouldCorrectADormancyWhenALateEventShowsTheUserWasActive() {
        start(LifecycleSettings.live(LifecycleRules.defaults()), T0);
        send("alice", T0);
        driver.advanceWallClockTime(DAY.multipliedBy(15));
        List<LifecycleTransition> before = transitions.readValuesToList();
        LifecycleTransition dormancy = before.get(before.size() - 1);
        assertThat(dormancy.getTo()).isEqualTo(LifecycleStage.DORMANT);

        send("alice", T0.plus(DAY.multipliedBy(10)));

        LifecycleTransition correction = transitions.readValue();
        assertThat(correction.getCorrection()).isTrue();
        assertThat(correction.getCorrectsTransitionId()).isEqualTo(dormancy.getTransitionId());
        assertThat(correction.getFrom()).isEqualTo(LifecycleStage.DORMANT);
        assertThat(correction.getTo()).isEqualTo(LifecycleStage.NEW);
        assertThat(correction.getReason()).isEqualTo("late_activity_correction");
        assertThat(states().apply("alice").lastActiveAt()).isEqualTo(T0.plus(DAY.multipliedBy(10)));
    }

    @Test
    void shouldIgnoreCallsThatAreNotActivity() {
        start(LifecycleSettings.live(LifecycleRules.defaults()), T0);

        events.pipeInput("alice", TrackedEvent.newBuilder(event("alice", T0, null)).setType(EventType.IDENTIFY).build());

        assertThat(transitions.isEmpty()).isTrue();
        assertThat(states().apply("alice")).isNull();
    }

    /**
     * The test driver does not capture dead-letter records of the deserialization handler under
     * exactly_once_v2; SegmentationIT checks that path on a real broker with exactly_once_v2.
     */
    @Test
    void shouldDeadLetterAnUnreadableRecordWithItsOriginAndGoOn() {
        start(LifecycleSettings.live(LifecycleRules.defaults()), T0, StreamsConfig.AT_LEAST_ONCE);

        rawEvents.pipeInput(new TestRecord<>("bad", new byte[] {1, 2, 3}));
        send("alice", T0);

        TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        assertThat(dead.value()).containsExactly(1, 2, 3);
        assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo("bad");
        assertThat(DeadLetterHeaders.get(dead.headers(), DeadLetterHeaders.REASON)).isEqualTo("WRONG_MAGIC_BYTE");
        assertThat(DeadLetterHeaders.get(dead.headers(), DeadLetterHeaders.STAGE)).isEqualTo("segmentation");
        assertThat(DeadLetterHeaders.get(dead.headers(), DeadLetterHeaders.ORIGIN_TOPIC)).isEqualTo(Topics.EVENTS.name());
        assertThat(DeadLetterHeaders.get(dead.headers(), DeadLetterHeaders.ORIGIN_PARTITION)).isEqualTo("0");
        assertThat(DeadLetterHeaders.get(dead.headers(), DeadLetterHeaders.ORIGIN_OFFSET)).isEqualTo("0");
        assertThat(moves()).containsExactly("alice:null->NEW");
    }

    @Test
    void shouldDeadLetterAnEventWithoutAnyIdentity() {
        start(LifecycleSettings.live(LifecycleRules.defaults()), T0);

        events.pipeInput((String) null, TrackedEvent.newBuilder(event(null, T0, "Clicked")).build());
        send("alice", T0);

        TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        assertThat(DeadLetterHeaders.get(dead.headers(), DeadLetterHeaders.REASON)).isEqualTo("missing_identity");
        assertThat(DeadLetterHeaders.get(dead.headers(), DeadLetterHeaders.ORIGIN_OFFSET)).isEqualTo("0");
        assertThat(dead.value()).isNotEmpty();
        assertThat(moves()).containsExactly("alice:null->NEW");
    }

    @Test
    void shouldCountUsersPerStageAndTransitionsPerMinute() {
        start(LifecycleSettings.live(LifecycleRules.defaults()), T0);
        send("alice", T0);
        send("bob", T0);
        send("carol", T0.plus(DAY.multipliedBy(5)));
        driver.advanceWallClockTime(DAY.multipliedBy(7).plusSeconds(1));

        KeyValueStore<String, Long> stages = driver.getKeyValueStore(Names.STAGE_COUNTS_STORE);
        assertThat(stages.get("NEW")).isEqualTo(1L);
        assertThat(stages.get("AT_RISK")).isEqualTo(2L);
        KeyValueStore<String, Long> perMinute = driver.getKeyValueStore(Names.TRANSITION_COUNTS_STORE);
        Instant decidedAt = T0.plus(DAY.multipliedBy(7)).plusSeconds(1);
        assertThat(perMinute.get(LifecycleCounts.transitionKey(decidedAt, Stage.NEW, Stage.AT_RISK))).isEqualTo(2L);
        assertThat(perMinute.get(LifecycleCounts.transitionKey(T0, null, Stage.NEW))).isEqualTo(3L);
    }

    @Test
    void shouldDescribeTheTopologyAsTheGoldenFileSays() throws Exception {
        String described = SegmentationTopology.build(LifecycleSettings.live(LifecycleRules.defaults()), registry, true, APP_ID)
                .describe().toString();
        Path golden = Path.of("src/test/resources/golden/segmentation-topology.txt");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, described);
        }
        assertThat(described)
                .as("the topology changed; if on purpose (store and topic names are state), rerun with -Dgolden.update=true")
                .isEqualTo(Files.readString(golden));
    }

    @Test
    void shouldKeepStateInTheSerdeRoundTrip() {
        start(LifecycleSettings.live(LifecycleRules.defaults()), T0);
        send("alice", T0);
        driver.advanceWallClockTime(DAY.multipliedBy(20));
        send("alice", T0.plus(DAY.multipliedBy(10)));
        StoredLifecycle state = storedStates().get("alice");

        byte[] bytes = Serdes.ByteArray().serializer().serialize("t", LifecycleStateSerde.write(state));

        assertThat(LifecycleStateSerde.read(bytes)).isEqualTo(state);
        assertThat(state.indexed()).isTrue();
    }
}
