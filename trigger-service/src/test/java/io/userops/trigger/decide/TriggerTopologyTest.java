package io.userops.trigger.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.userops.avro.CampaignEvent;
import io.userops.avro.CampaignEventKind;
import io.userops.avro.Channel;
import io.userops.avro.EventType;
import io.userops.avro.LifecycleStage;
import io.userops.avro.LifecycleTransition;
import io.userops.avro.MessageRequest;
import io.userops.avro.TagChange;
import io.userops.avro.TagChangeKind;
import io.userops.avro.TagChangeTarget;
import io.userops.avro.TrackedEvent;
import io.userops.avro.UserProfile;
import io.userops.schemas.registry.LocalSchemaRegistryClient;
import io.userops.schemas.topics.Topics;
import io.userops.trigger.campaign.Campaigns;
import io.userops.trigger.campaign.Holdout;
import io.userops.trigger.campaign.PendingSend;
import io.userops.trigger.config.CampaignsFile;
import io.userops.trigger.measure.CampaignStats;
import io.userops.trigger.measure.CampaignStatsCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The decision stage end to end in a test driver: what each transition, tag change, profile and tick emits. */
class TriggerTopologyTest {

    /** 10:00 in UTC and in London, 18:00 in Shanghai: outside the quiet hours of both. */
    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    static final String CAMPAIGNS = """
            settings:
              defaultTimeZone: UTC
              quietHours: 21:00-08:00
              frequencyCaps:
                - max: 3
                  per: day
            campaigns:
              - id: welcome
                name: Welcome
                trigger:
                  transition:
                    to: ACTIVATED
                channel: EMAIL
                priority: 20
                message:
                  defaultLocale: en
                  locales:
                    en:
                      subject: "Welcome, {{traits.name}}"
                      body: "Hi {{traits.name}}"
                    de:
                      subject: "Willkommen, {{traits.name}}"
                      body: "Hallo {{traits.name}}"
              - id: nudge
                name: Nudge
                trigger:
                  transition:
                    to: AT_RISK
                delay: 2d
                recheck: stage == AT_RISK
                channel: PUSH
                fallback: [EMAIL]
                reEligibleAfter: 30d
                message:
                  locales:
                    en:
                      subject: "We saved your spot"
                      body: "Come back, {{traits.name}}"
              - id: winback
                name: Win back
                trigger:
                  transition:
                    to: DORMANT
                channel: EMAIL
                reEligibleAfter: 60d
                holdoutPercent: 50
                conversion:
                  stage: RESURRECTED
                  within: 30d
                message:
                  locales:
                    en:
                      subject: "We miss you"
                      body: "Hi {{traits.name}}"
              - id: vip
                name: VIP
                trigger:
                  segmentEntered: key_users
                channel: WEBHOOK
                message:
                  locales:
                    en:
                      body: "{{user.id}} became a key user"
            """;

    final LocalSchemaRegistryClient registry = new LocalSchemaRegistryClient();
    final FreshnessGuard guard = new FreshnessGuard(Duration.ofMinutes(5));
    TopologyTestDriver driver;
    TestInputTopic<String, LifecycleTransition> transitions;
    TestInputTopic<String, TagChange> tagChanges;
    TestInputTopic<String, UserProfile> profiles;
    TestInputTopic<String, TrackedEvent> events;
    TestOutputTopic<String, MessageRequest> messages;
    TestOutputTopic<String, CampaignEvent> campaignEvents;
    TestInputTopic<String, CampaignEvent> campaignEventsIn;

    @BeforeEach
    void start() {
        Campaigns campaigns = CampaignsFile.parse(CAMPAIGNS, "campaigns.yaml");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "trigger-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(TriggerTopology.build(campaigns, CampaignMessages.compile(campaigns,
                "campaigns.yaml"), DecisionSettings.defaults(), guard, registry, true), props, T0);
        transitions = driver.createInputTopic(Topics.LIFECYCLE_TRANSITIONS.name(), new StringSerializer(),
                Topics.LIFECYCLE_TRANSITIONS.valueSerde(registry).serializer());
        tagChanges = driver.createInputTopic(Topics.TAG_CHANGES.name(), new StringSerializer(),
                Topics.TAG_CHANGES.valueSerde(registry).serializer());
        profiles = driver.createInputTopic(Topics.PROFILES.name(), new StringSerializer(),
                Topics.PROFILES.valueSerde(registry).serializer());
        events = driver.createInputTopic(Topics.EVENTS.name(), new StringSerializer(),
                Topics.EVENTS.valueSerde(registry).serializer());
        messages = driver.createOutputTopic(Topics.MESSAGES.name(), new StringDeserializer(),
                Topics.MESSAGES.valueSerde(registry).deserializer());
        campaignEvents = driver.createOutputTopic(Topics.CAMPAIGN_EVENTS.name(), new StringDeserializer(),
                Topics.CAMPAIGN_EVENTS.valueSerde(registry).deserializer());
        campaignEventsIn = driver.createInputTopic(Topics.CAMPAIGN_EVENTS.name(), new StringSerializer(),
                Topics.CAMPAIGN_EVENTS.valueSerde(registry).serializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void shouldSendTheWelcomeOnceWithItsDeterministicIdAtTheNextTickAfterActivation() {
        profile("u1", LifecycleStage.ACTIVATED, "{\"name\":\"Ada <3\",\"email\":\"ada@example.org\",\"timezone\":\"Europe/London\"}");
        LifecycleTransition activated = transition("u1", "t-1", LifecycleStage.NEW, LifecycleStage.ACTIVATED, T0);
        transitions.pipeInput("u1", activated, T0);
        transitions.pipeInput("u1", activated, T0);

        assertThat(messages.isEmpty()).as("decided at send time, on the next tick").isTrue();
        driver.advanceWallClockTime(Duration.ofSeconds(1));

        List<MessageRequest> sent = messages.readValuesToList();
        assertThat(sent).hasSize(1);
        MessageRequest welcome = sent.get(0);
        assertThat(welcome.getMessageId()).isEqualTo(PendingSend.messageId("welcome", "u1", "t-1"));
        assertThat(welcome.getChannel()).isEqualTo(Channel.EMAIL);
        assertThat(welcome.getRecipient()).isEqualTo("ada@example.org");
        assertThat(welcome.getSubject()).as("subjects are plain text").isEqualTo("Welcome, Ada <3");
        assertThat(welcome.getBody()).as("values in email bodies are HTML-escaped").isEqualTo("Hi Ada &lt;3");
        assertThat(welcome.getLocale()).isEqualTo("en");
        assertThat(welcome.getNotAfter()).isAfter(welcome.getDecidedAt());
        assertThat(kinds("welcome")).containsExactly("TRIGGERED", "SENT");

        transitions.pipeInput("u1", activated, T0);
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        assertThat(messages.isEmpty()).as("the same transition again sends nothing").isTrue();
        assertThat(campaignEvents.readValuesToList()).extracting(e -> e.getKind() + ":" + e.getReason())
                .containsExactly("SKIPPED:duplicate_trigger");
    }

    @Test
    void shouldRenderTheUsersLocaleVariant() {
        profile("u2", LifecycleStage.ACTIVATED, "{\"name\":\"Jonas\",\"email\":\"j@example.org\",\"locale\":\"de-DE\"}");
        transitions.pipeInput("u2", transition("u2", "t-2", LifecycleStage.NEW, LifecycleStage.ACTIVATED, T0), T0);
        driver.advanceWallClockTime(Duration.ofSeconds(1));

        MessageRequest welcome = messages.readValue();
        assertThat(welcome.getLocale()).isEqualTo("de");
        assertThat(welcome.getSubject()).isEqualTo("Willkommen, Jonas");
    }

    @Test
    void shouldNeverSendOnAReplayedTransition() {
        profile("u3", LifecycleStage.ACTIVATED, "{\"email\":\"r@example.org\"}");
        LifecycleTransition replayed = transition("u3", "t-3", LifecycleStage.NEW, LifecycleStage.ACTIVATED, T0);
        replayed.setReplayed(true);
        transitions.pipeInput("u3", replayed, T0);
        driver.advanceWallClockTime(Duration.ofSeconds(5));

        assertThat(messages.isEmpty()).isTrue();
        assertThat(campaignEvents.isEmpty()).isTrue();
    }

    @Test
    void shouldWaitTheDelayAndSendOnlyToUsersStillAtRisk() {
        profile("stays", LifecycleStage.AT_RISK, "{\"name\":\"S\",\"email\":\"s@example.org\"}");
        profile("returns", LifecycleStage.AT_RISK, "{\"name\":\"R\",\"email\":\"r@example.org\"}");
        transitions.pipeInput("stays", transition("stays", "t-s", LifecycleStage.ENGAGED, LifecycleStage.AT_RISK, T0), T0);
        transitions.pipeInput("returns", transition("returns", "t-r", LifecycleStage.ENGAGED, LifecycleStage.AT_RISK, T0),
                T0);
        driver.advanceWallClockTime(Duration.ofDays(1));
        assertThat(messages.isEmpty()).as("two days of delay").isTrue();
        profile("returns", LifecycleStage.ENGAGED, "{\"name\":\"R\",\"email\":\"r@example.org\"}");

        driver.advanceWallClockTime(Duration.ofDays(1).plusSeconds(1));

        List<MessageRequest> sent = messages.readValuesToList();
        assertThat(sent).extracting(MessageRequest::getUserId).containsExactly("stays");
        assertThat(sent.get(0).getChannel()).as("no push token: the fallback channel").isEqualTo(Channel.EMAIL);
        assertThat(campaignEvents.readValuesToList()).filteredOn(e -> e.getUserId().equals("returns"))
                .extracting(e -> e.getKind() + ":" + e.getReason())
                .containsExactly("TRIGGERED:null", "SKIPPED:no_longer_qualifies");
    }

    @Test
    void shouldDropTheWaitingSendOfATransitionThatACorrectionRetracts() {
        profile("u4", LifecycleStage.AT_RISK, "{\"email\":\"c@example.org\"}");
        transitions.pipeInput("u4", transition("u4", "t-wrong", LifecycleStage.ENGAGED, LifecycleStage.AT_RISK, T0), T0);
        LifecycleTransition correction = transition("u4", "t-fix", LifecycleStage.AT_RISK, LifecycleStage.ENGAGED,
                T0.plusSeconds(60));
        correction.setCorrection(true);
        correction.setCorrectsTransitionId("t-wrong");
        transitions.pipeInput("u4", correction, T0.plusSeconds(60));

        driver.advanceWallClockTime(Duration.ofDays(3));

        assertThat(messages.isEmpty()).isTrue();
        assertThat(campaignEvents.readValuesToList()).extracting(e -> e.getCampaignId() + ":" + e.getKind() + ":"
                + e.getReason()).containsExactly("nudge:TRIGGERED:null", "nudge:SKIPPED:corrected");
    }

    @Test
    void shouldHoldDuringQuietHoursInTheUsersZoneAndSendWhenTheyEnd() {
        // 10:00 UTC is 19:00 in Tokyo; the send is due two hours later, at 21:00 there: quiet until 08:00.
        driver.advanceWallClockTime(Duration.ofHours(2));
        Instant at = T0.plus(Duration.ofHours(2));
        profile("tokyo", LifecycleStage.ACTIVATED, "{\"email\":\"t@example.org\",\"timezone\":\"Asia/Tokyo\"}");
        transitions.pipeInput("tokyo", transition("tokyo", "t-t", LifecycleStage.NEW, LifecycleStage.ACTIVATED, at), at);
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        assertThat(messages.isEmpty()).isTrue();

        driver.advanceWallClockTime(Duration.ofHours(10));
        assertThat(messages.isEmpty()).as("07:00 in Tokyo").isTrue();
        driver.advanceWallClockTime(Duration.ofHours(1));

        List<MessageRequest> sent = messages.readValuesToList();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).getDecidedAt()).isAfterOrEqualTo(Instant.parse("2026-03-02T23:00:00Z"));
    }

    @Test
    void shouldHoldOutAStableHalfAndCountConversionsOfBothGroups() {
        List<String> users = IntStream.range(0, 40).mapToObj(i -> "w" + i).toList();
        for (String user : users) {
            profile(user, LifecycleStage.DORMANT, "{\"email\":\"" + user + "@example.org\"}");
            transitions.pipeInput(user, transition(user, "d-" + user, LifecycleStage.AT_RISK, LifecycleStage.DORMANT, T0),
                    T0);
        }
        driver.advanceWallClockTime(Duration.ofSeconds(1));

        List<String> heldOut = users.stream().filter(u -> Holdout.isHeldOut("winback", u, 50)).toList();
        assertThat(heldOut).isNotEmpty().hasSizeLessThan(users.size());
        assertThat(messages.readValuesToList()).extracting(MessageRequest::getUserId)
                .containsExactlyInAnyOrderElementsOf(users.stream().filter(u -> !heldOut.contains(u)).toList());
        List<CampaignEvent> decided = campaignEvents.readValuesToList();
        assertThat(decided).filteredOn(e -> e.getKind() == CampaignEventKind.HELD_OUT).extracting(CampaignEvent::getUserId)
                .containsExactlyInAnyOrderElementsOf(heldOut);

        String sentUser = users.stream().filter(u -> !heldOut.contains(u)).findFirst().orElseThrow();
        String heldUser = heldOut.get(0);
        Instant later = T0.plus(Duration.ofDays(3));
        for (String user : List.of(sentUser, heldUser)) {
            transitions.pipeInput(user, transition(user, "back-" + user, LifecycleStage.DORMANT,
                    LifecycleStage.RESURRECTED, later), later);
        }
        List<CampaignEvent> converted = campaignEvents.readValuesToList().stream()
                .filter(e -> e.getKind() == CampaignEventKind.CONVERTED).toList();
        assertThat(converted).extracting(e -> e.getUserId() + ":" + e.getReason())
                .containsExactlyInAnyOrder(sentUser + ":treated", heldUser + ":holdout");
        assertThat(converted).filteredOn(e -> e.getUserId().equals(sentUser)).extracting(CampaignEvent::getMessageId)
                .containsExactly(PendingSend.messageId("winback", sentUser, "d-" + sentUser));

        transitions.pipeInput(sentUser, transition(sentUser, "again-" + sentUser, LifecycleStage.DORMANT,
                LifecycleStage.RESURRECTED, later.plusSeconds(10)), later.plusSeconds(10));
        assertThat(campaignEvents.readValuesToList()).noneMatch(e -> e.getKind() == CampaignEventKind.CONVERTED);
    }

    @Test
    void shouldCancelWaitingSendsAndForgetTheUserOnErasure() {
        profile("gone", LifecycleStage.AT_RISK, "{\"email\":\"g@example.org\"}");
        transitions.pipeInput("gone", transition("gone", "t-g", LifecycleStage.ENGAGED, LifecycleStage.AT_RISK, T0), T0);
        profiles.pipeInput("gone", null, T0.plusSeconds(5));
        driver.advanceWallClockTime(Duration.ofDays(3));

        assertThat(messages.isEmpty()).isTrue();
        assertThat(campaignEvents.readValuesToList()).extracting(e -> e.getKind() + ":" + e.getReason())
                .containsExactly("TRIGGERED:null", "SKIPPED:erased");
        KeyValueStore<String, Object> history = driver.getKeyValueStore(TriggerNames.HISTORY_STORE);
        KeyValueStore<String, Object> pending = driver.getKeyValueStore(TriggerNames.PENDING_STORE);
        KeyValueStore<String, Object> profilesStore = driver.getKeyValueStore(TriggerNames.PROFILE_STORE);
        assertThat(history.get("gone")).isNull();
        assertThat(pending.get("gone")).isNull();
        assertThat(profilesStore.get("gone")).isNull();

        transitions.pipeInput("gone", transition("gone", "t-g2", LifecycleStage.NEW, LifecycleStage.ACTIVATED,
                T0.plusSeconds(10)), T0.plusSeconds(10));
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        assertThat(messages.isEmpty()).isTrue();
        assertThat(campaignEvents.readValuesToList()).extracting(e -> e.getKind() + ":" + e.getReason())
                .containsExactly("SKIPPED:erased");
    }

    @Test
    void shouldCallTheWebhookWhenAUserEntersTheKeyUsersSegment() {
        profile("k1", LifecycleStage.ENGAGED, "{}");
        tagChanges.pipeInput("k1", new TagChange("k1", "key_users", TagChangeKind.ADDED, TagChangeTarget.SEGMENT,
                "key_users", null, "e-9", T0, T0), T0);
        tagChanges.pipeInput("k1", new TagChange("k1", "key_users", TagChangeKind.ADDED, TagChangeTarget.TAG,
                "r", null, "e-9", T0, T0), T0);
        driver.advanceWallClockTime(Duration.ofSeconds(1));

        List<MessageRequest> sent = messages.readValuesToList();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).getChannel()).isEqualTo(Channel.WEBHOOK);
        assertThat(sent.get(0).getRecipient()).isNull();
        assertThat(sent.get(0).getBody()).isEqualTo("k1 became a key user");
    }

    @Test
    void shouldCompleteAnEventGoalOnlyFromTheUsersOwnTrackedEvents() {
        profile("u5", LifecycleStage.DORMANT, "{\"email\":\"e@example.org\"}");
        transitions.pipeInput("u5", transition("u5", "t-5", LifecycleStage.AT_RISK, LifecycleStage.DORMANT, T0), T0);
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        campaignEvents.readValuesToList();

        events.pipeInput("u5", track("u5", "Order Completed", T0.plusSeconds(60)));
        assertThat(campaignEvents.isEmpty()).as("winback's goal is a stage, not an event").isTrue();
    }

    @Test
    void shouldHoldSendsThatDependOnSilenceWhileSegmentationLagsAndSendThemOnceItCatchesUp() {
        String quiet = IntStream.range(0, 100).mapToObj(i -> "d" + i).filter(u -> !Holdout.isHeldOut("winback", u, 50))
                .findFirst().orElseThrow();
        profile(quiet, LifecycleStage.DORMANT, "{\"email\":\"q@example.org\"}");
        profile("active", LifecycleStage.ACTIVATED, "{\"email\":\"a@example.org\"}");
        guard.observe(Duration.ofMinutes(10), "segmentation on userops.events.v1");

        transitions.pipeInput(quiet, transition(quiet, "t-q", LifecycleStage.AT_RISK, LifecycleStage.DORMANT, T0), T0);
        transitions.pipeInput("active", transition("active", "t-a", LifecycleStage.NEW, LifecycleStage.ACTIVATED, T0), T0);
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        driver.advanceWallClockTime(Duration.ofSeconds(30));

        assertThat(messages.readValuesToList()).as("a welcome does not depend on silence")
                .extracting(MessageRequest::getUserId).containsExactly("active");
        assertThat(guard.held()).isGreaterThanOrEqualTo(2);
        assertThat(campaignEvents.readValuesToList()).filteredOn(e -> e.getUserId().equals(quiet))
                .extracting(e -> e.getKind().name()).containsExactly("TRIGGERED");

        guard.observe(Duration.ofSeconds(3), "segmentation on userops.events.v1");
        driver.advanceWallClockTime(Duration.ofSeconds(11));
        driver.advanceWallClockTime(Duration.ofSeconds(30));

        assertThat(messages.readValuesToList()).extracting(MessageRequest::getMessageId)
                .containsExactly(PendingSend.messageId("winback", quiet, "t-q"));
    }

    @Test
    void shouldCountCampaignEventsPerCampaign() {
        Instant at = T0;
        for (CampaignEventKind kind : List.of(CampaignEventKind.TRIGGERED, CampaignEventKind.TRIGGERED,
                CampaignEventKind.SENT, CampaignEventKind.DELIVERED, CampaignEventKind.HELD_OUT)) {
            campaignEventsIn.pipeInput("u-" + kind, new CampaignEvent("welcome", "u", kind, null, "t", "m", at), at);
        }
        campaignEventsIn.pipeInput("u", new CampaignEvent("welcome", "u", CampaignEventKind.FAILED, "gone", "t", "m", at),
                at);
        KeyValueStore<String, byte[]> stats = driver.getKeyValueStore(TriggerNames.STATS_STORE);

        CampaignStats welcome = CampaignStatsCodec.read(stats.get("welcome"));

        assertThat(welcome.triggered()).isEqualTo(2);
        assertThat(welcome.sent()).isEqualTo(1);
        assertThat(welcome.delivered()).isEqualTo(1);
        assertThat(welcome.heldOut()).isEqualTo(1);
        assertThat(welcome.failedByReason()).containsEntry("gone", 1L);
    }

    private List<String> kinds(String campaignId) {
        return campaignEvents.readValuesToList().stream().filter(e -> e.getCampaignId().equals(campaignId))
                .map(e -> e.getKind().name()).toList();
    }

    private void profile(String userId, LifecycleStage stage, String traits) {
        profiles.pipeInput(userId, UserProfile.newBuilder().setUserId(userId).setStage(stage).setStageSince(T0)
                .setFirstSeenAt(T0).setLastActiveAt(T0).setTraits(traits).setUpdatedAt(T0).build(), T0);
    }

    private static LifecycleTransition transition(String userId, String id, LifecycleStage from, LifecycleStage to,
            Instant at) {
        return LifecycleTransition.newBuilder().setTransitionId(id).setUserId(userId).setFrom(from).setTo(to)
                .setReason("test").setEventTime(at).setProcessingTime(at).build();
    }

    private static TrackedEvent track(String userId, String name, Instant at) {
        return TrackedEvent.newBuilder().setSourceId("web").setType(EventType.TRACK).setMessageId("m-" + at)
                .setUserId(userId).setEvent(name).setTimestamp(at).setReceivedAt(at).build();
    }
}
