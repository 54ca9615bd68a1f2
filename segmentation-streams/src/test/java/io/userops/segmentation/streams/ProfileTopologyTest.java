package io.userops.segmentation.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.userops.avro.EventType;
import io.userops.avro.TagChange;
import io.userops.avro.TrackedEvent;
import io.userops.avro.UserProfile;
import io.userops.schemas.registry.LocalSchemaRegistryClient;
import io.userops.schemas.topics.Topics;
import io.userops.segmentation.config.SegmentsFile;
import io.userops.segmentation.config.TagRulesFile;
import io.userops.segmentation.lifecycle.LifecycleRules;
import io.userops.segmentation.profile.ProfileRules;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import io.userops.segmentation.tags.RfmPopulation;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Profiles, tags and segments in the topology: what each event, stage change and sweep emits. */
class ProfileTopologyTest {

    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    static final String APP_ID = "profile-test";
    static final String SEGMENTS = """
            behaviourTags:
              - name: frequent_buyer
                expression: computed.orders >= 3
            segments:
              - name: at_risk_shanghai
                expression: stage == AT_RISK && traits.city == "Shanghai"
              - name: buyers_this_week
                expression: computed.events7d["Order Completed"] >= 1
            """;

    final LocalSchemaRegistryClient registry = new LocalSchemaRegistryClient();
    final ObjectMapper json = new ObjectMapper();
    TopologyTestDriver driver;
    TestInputTopic<String, TrackedEvent> events;
    TestOutputTopic<String, UserProfile> profiles;
    TestOutputTopic<String, TagChange> tagChanges;
    TestOutputTopic<String, byte[]> rfmOut;
    TestInputTopic<String, byte[]> rfmIn;
    int messages;

    void start(int minSweepSeconds) {
        SegmentsFile.Definitions definitions = SegmentsFile.parseAll(SEGMENTS, "segments.yaml");
        LifecycleSettings settings = LifecycleSettings.live(LifecycleRules.defaults())
                .withMemberships(new LifecycleSettings.Memberships(ProfileRules.defaults(), TagRulesFile.defaults(),
                        definitions.behaviourTags(), definitions.segments(), 1_000, Duration.ofSeconds(minSweepSeconds),
                        Duration.ZERO));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APP_ID);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(SegmentationTopology.build(settings, registry, true, APP_ID), props, T0);
        events = driver.createInputTopic(Topics.EVENTS.name(), new StringSerializer(),
                Topics.EVENTS.valueSerde(registry).serializer());
        profiles = driver.createOutputTopic(Topics.PROFILES.name(), new StringDeserializer(),
                Topics.PROFILES.valueSerde(registry).deserializer());
        tagChanges = driver.createOutputTopic(Topics.TAG_CHANGES.name(), new StringDeserializer(),
                Topics.TAG_CHANGES.valueSerde(registry).deserializer());
        rfmOut = driver.createOutputTopic(Names.rfmPopulationTopic(APP_ID), new StringDeserializer(),
                new ByteArrayDeserializer());
        rfmIn = driver.createInputTopic(Names.rfmPopulationTopic(APP_ID), new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    TrackedEvent.Builder event(EventType type, String userId, String anonymousId, Instant at) {
        return TrackedEvent.newBuilder().setSourceId("web").setType(type).setMessageId("m" + (++messages))
                .setUserId(userId).setAnonymousId(anonymousId).setTimestamp(at).setReceivedAt(at)
                .setContext("{\"timezone\":\"Asia/Shanghai\",\"os\":{\"name\":\"iOS\"},\"device\":{\"type\":\"ios\"}}");
    }

    void send(TrackedEvent event) {
        events.pipeInput(event.getUserId() != null ? event.getUserId() : event.getAnonymousId(), event);
    }

    void identify(String userId, String anonymousId, Instant at, String traits) {
        send(event(EventType.IDENTIFY, userId, anonymousId, at).setTraits(traits).build());
    }

    void order(String userId, Instant at, double revenue) {
        send(event(EventType.TRACK, userId, null, at).setEvent("Order Completed")
                .setProperties("{\"revenue\":" + revenue + ",\"currency\":\"CNY\"}").build());
    }

    void view(String userId, Instant at) {
        send(event(EventType.PAGE, userId, null, at).build());
    }

    List<String> changes() {
        return tagChanges.readValuesToList().stream()
                .map(c -> c.getUserId() + ":" + c.getKind() + ":" + c.getChange() + ":" + c.getTag()).toList();
    }

    StoredProfile stored(String userId) {
        KeyValueStore<String, StoredProfile> store = driver.getKeyValueStore(Names.PROFILE_STORE);
        return store.get(userId);
    }

    @Test
    void shouldTagAttributesFromIdentifyAndSnapshotTheProfileWithComputedTraits() throws Exception {
        start(60);
        identify("u1", null, T0, "{\"city\":\"Shanghai\",\"age\":29,\"gender\":\"F\"}");
        view("u1", T0.plusSeconds(60));
        order("u1", T0.plusSeconds(120), 88.5);

        assertThat(changes()).contains("u1:TAG:ADDED:city_shanghai", "u1:TAG:ADDED:age_25_34",
                "u1:TAG:ADDED:gender_female", "u1:TAG:ADDED:region_east_china",
                "u1:SEGMENT:ADDED:buyers_this_week");
        List<KeyValue<String, UserProfile>> snapshots = profiles.readKeyValuesToList();
        UserProfile latest = snapshots.get(snapshots.size() - 1).value;
        assertThat(latest.getUserId()).isEqualTo("u1");
        assertThat(latest.getTags()).contains("city_shanghai", "age_25_34");
        assertThat(latest.getSegments()).containsExactly("buyers_this_week");
        assertThat(json.readTree(latest.getTraits()).path("city").asText()).isEqualTo("Shanghai");
        JsonNode computed = json.readTree(latest.getComputedTraits());
        assertThat(computed.path("orders").asLong()).isEqualTo(1);
        assertThat(computed.path("totalRevenue").asDouble()).isEqualTo(88.5);
        assertThat(computed.path("platform").asText()).isEqualTo("iOS");
        assertThat(computed.path("device").asText()).isEqualTo("mobile");
        assertThat(computed.path("preferredHour").asInt()).isEqualTo(17);
        assertThat(computed.path("events7d").path("Order Completed").asLong()).isEqualTo(1);
    }

    @Test
    void shouldNeverLetALateIdentifyOverwriteANewerTrait() {
        start(60);
        identify("u1", null, T0.plusSeconds(100), "{\"city\":\"Hangzhou\"}");
        identify("u1", null, T0, "{\"city\":\"Shanghai\",\"age\":40}");

        assertThat(stored("u1").profile().traits().get("city").value()).isEqualTo("Hangzhou");
        assertThat(stored("u1").profile().traits().get("age").value()).isEqualTo(40);
        assertThat(changes()).contains("u1:TAG:ADDED:city_hangzhou").doesNotContain("u1:TAG:ADDED:city_shanghai");
    }

    @Test
    void shouldEnterASegmentWhenTheTimerMovesTheStageAndLeaveItOnActivity() {
        start(3600);
        identify("u1", null, T0, "{\"address\":{\"city\":\"Shanghai\",\"country\":\"CN\"}}");
        view("u1", T0.plusSeconds(10));
        changes();

        driver.advanceWallClockTime(Duration.ofDays(7).plusSeconds(11));
        assertThat(changes()).containsExactly("u1:SEGMENT:ADDED:at_risk_shanghai");
        UserProfile atRisk = profiles.readValuesToList().stream().reduce((a, b) -> b).orElseThrow();
        assertThat(atRisk.getSegments()).containsExactly("at_risk_shanghai");

        view("u1", T0.plus(Duration.ofDays(7)).plusSeconds(60));
        assertThat(changes()).containsExactly("u1:SEGMENT:REMOVED:at_risk_shanghai");
    }

    @Test
    void shouldLeaveATimeWindowSegmentOnTheSweepWithoutAnyEvent() {
        start(1);
        order("u1", T0, 10);
        assertThat(changes()).contains("u1:SEGMENT:ADDED:buyers_this_week");

        driver.advanceWallClockTime(Duration.ofDays(8));
        driver.advanceWallClockTime(Duration.ofSeconds(2));

        assertThat(changes()).contains("u1:SEGMENT:REMOVED:buyers_this_week");
    }

    @Test
    void shouldAddABehaviourTagWhenItsExpressionHolds() {
        start(60);
        order("u1", T0, 10);
        order("u1", T0.plusSeconds(60), 10);
        assertThat(changes()).doesNotContain("u1:TAG:ADDED:frequent_buyer");

        order("u1", T0.plusSeconds(120), 10);

        assertThat(changes()).contains("u1:TAG:ADDED:frequent_buyer");
        assertThat(stored("u1").tags()).contains("frequent_buyer");
    }

    @Test
    void shouldScoreRfmByQuintilesOfThePopulationPublishedByTheSweep() {
        start(1);
        for (int i = 1; i <= 50; i++) {
            for (int n = 0; n < 1 + i % 5; n++) {
                order("u" + i, T0.plusSeconds(i * 60L + n), i * 10.0);
            }
        }
        assertThat(changes()).noneMatch(change -> change.contains(":rfm_"));

        driver.advanceWallClockTime(Duration.ofSeconds(2));
        List<KeyValue<String, byte[]>> published = rfmOut.readKeyValuesToList();
        assertThat(published).singleElement().satisfies(kv -> assertThat(kv.key).isEqualTo("0"));
        assertThat(RfmPopulation.fromBytes(published.get(0).value).purchasers()).isEqualTo(50);
        // The driver does not loop a sink back into a global store: deliver the sketch as the broker would.
        published.forEach(kv -> rfmIn.pipeInput(kv.key, kv.value));
        driver.advanceWallClockTime(Duration.ofSeconds(11));

        List<String> scored = changes();
        assertThat(scored).as("u49 spent most: 5 orders of 490").contains("u49:TAG:ADDED:rfm_m5", "u1:TAG:ADDED:rfm_m1");
        assertThat(stored("u49").tags()).anyMatch(tag -> tag.startsWith("archetype_"))
                .anyMatch(tag -> tag.startsWith("tier_"));
    }

    @Test
    void shouldMoveTheAnonymousProfileIntoTheUserAndRemoveItsTags() throws Exception {
        start(60);
        send(event(EventType.PAGE, null, "anon-1", T0).build());
        send(event(EventType.TRACK, null, "anon-1", T0.plusSeconds(30)).setEvent("Order Completed")
                .setProperties("{\"revenue\":25}").build());
        assertThat(changes()).contains("anon-1:SEGMENT:ADDED:buyers_this_week");

        identify("u1", "anon-1", T0.plusSeconds(60), "{\"city\":\"Hangzhou\"}");

        assertThat(changes()).contains("anon-1:SEGMENT:REMOVED:buyers_this_week", "u1:SEGMENT:ADDED:buyers_this_week",
                "u1:TAG:ADDED:city_hangzhou");
        assertThat(stored("anon-1")).isNull();
        assertThat(stored("u1").profile().orders()).isEqualTo(1);
        assertThat(stored("u1").profile().events()).isEqualTo(2);
        List<KeyValue<String, UserProfile>> snapshots = profiles.readKeyValuesToList();
        assertThat(snapshots).anySatisfy(kv -> {
            assertThat(kv.key).isEqualTo("anon-1");
            assertThat(kv.value).isNull();
        });
        UserProfile latest = snapshots.get(snapshots.size() - 1).value;
        assertThat(latest.getUserId()).isEqualTo("u1");
        assertThat(latest.getAnonymousIds()).containsExactly("anon-1");
        assertThat(json.readTree(latest.getComputedTraits()).path("orders").asLong()).isEqualTo(1);
    }
}
