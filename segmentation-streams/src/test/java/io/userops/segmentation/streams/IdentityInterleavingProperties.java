package io.userops.segmentation.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.userops.avro.EventType;
import io.userops.avro.TrackedEvent;
import io.userops.schemas.registry.LocalSchemaRegistryClient;
import io.userops.schemas.topics.Topics;
import io.userops.segmentation.lifecycle.LifecycleRules;
import io.userops.segmentation.lifecycle.UserLifecycle;
import io.userops.segmentation.profile.Profile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One person's events, some under the anonymous id only, some under the user id, one identify linking the
 * two: in whatever order they arrive, the user ends with the same lifecycle and the same profile, and the
 * anonymous id with nothing. Sessions are left out: they are counted per subject before a merge and added
 * at it (docs/profiles.md), so a session spanning the sign-up counts once in time order and twice otherwise; and
 * so is the instant the stage began, which a merge can only bound.
 */
class IdentityInterleavingProperties {

    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    static final String APP_ID = "interleaving-test";

    /** One event of the scenario: who it names and when it happened. */
    record Step(boolean anonymousOnly, boolean keyEvent, boolean order, long minutes) {
    }

    record Scenario(List<Step> steps, long identifyMinutes, List<Integer> arrival) {
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false),
                Arbitraries.of(true, false), Arbitraries.longs().between(0, 5 * 24 * 60)).as(Step::new);
        return Combinators.combine(step.list().ofMinSize(1).ofMaxSize(8), Arbitraries.longs().between(0, 5 * 24 * 60))
                .flatAs((steps, identify) -> {
                    List<Integer> indexes = new ArrayList<>();
                    for (int i = 0; i <= steps.size(); i++) {
                        indexes.add(i);
                    }
                    return Arbitraries.shuffle(indexes).map(order -> new Scenario(steps, identify, order));
                });
    }

    @Property(tries = 25)
    void anyArrivalOrderGivesTheSameUserAsArrivalInTimeOrder(@ForAll("scenarios") Scenario scenario) {
        List<Integer> timeOrder = new ArrayList<>(scenario.arrival());
        timeOrder.sort(Comparator.comparingLong(i -> minutesOf(scenario, i)));

        Outcome inTimeOrder = run(scenario, timeOrder);
        Outcome shuffled = run(scenario, scenario.arrival());

        assertThat(shuffled.anonymousLeft()).isFalse();
        assertThat(shuffled.lifecycle()).isEqualTo(inTimeOrder.lifecycle());
        assertThat(shuffled.profile()).isEqualTo(inTimeOrder.profile());
    }

    /** What the user ends with, sessions and the wake-up time left out. */
    record Outcome(String lifecycle, String profile, boolean anonymousLeft) {
    }

    private static long minutesOf(Scenario scenario, int index) {
        return index == scenario.steps().size() ? scenario.identifyMinutes() : scenario.steps().get(index).minutes();
    }

    private Outcome run(Scenario scenario, List<Integer> arrival) {
        LocalSchemaRegistryClient registry = new LocalSchemaRegistryClient();
        Properties props = new Properties();
        // A state directory per run: the driver's RocksDB stores would otherwise carry one run's state into the next.
        java.nio.file.Path stateDir;
        try {
            stateDir = java.nio.file.Files.createTempDirectory("interleaving-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APP_ID);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        Instant wallClock = T0.plus(Duration.ofDays(6));
        try (TopologyTestDriver driver = new TopologyTestDriver(SegmentationTopology.build(
                LifecycleSettings.live(LifecycleRules.defaults()), registry, true, APP_ID), props, wallClock)) {
            TestInputTopic<String, TrackedEvent> events = driver.createInputTopic(Topics.EVENTS.name(),
                    new StringSerializer(), Topics.EVENTS.valueSerde(registry).serializer());
            for (int index : arrival) {
                TrackedEvent event = event(scenario, index);
                events.pipeInput(event.getUserId() != null ? event.getUserId() : event.getAnonymousId(), event);
            }
            KeyValueStore<String, StoredLifecycle> lifecycles = driver.getKeyValueStore(Names.LIFECYCLE_STORE);
            KeyValueStore<String, StoredProfile> profiles = driver.getKeyValueStore(Names.PROFILE_STORE);
            StoredLifecycle lifecycle = lifecycles.get("u1");
            StoredProfile profile = profiles.get("u1");
            return new Outcome(describe(lifecycle == null ? null : lifecycle.lifecycle()),
                    describe(profile == null ? null : profile.profile()),
                    lifecycles.get("anon-1") != null || profiles.get("anon-1") != null);
        } finally {
            delete(stateDir);
        }
    }

    private static void delete(java.nio.file.Path dir) {
        try (var paths = java.nio.file.Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static TrackedEvent event(Scenario scenario, int index) {
        Instant at = T0.plus(Duration.ofMinutes(minutesOf(scenario, index)));
        TrackedEvent.Builder event = TrackedEvent.newBuilder().setSourceId("web").setMessageId("m" + index)
                .setTimestamp(at).setReceivedAt(at);
        if (index == scenario.steps().size()) {
            return event.setType(EventType.IDENTIFY).setUserId("u1").setAnonymousId("anon-1")
                    .setTraits("{\"city\":\"Shanghai\"}").build();
        }
        Step step = scenario.steps().get(index);
        event.setType(EventType.TRACK).setEvent(step.order() ? "Order Completed" : step.keyEvent() ? "Invite Sent" : "Viewed")
                .setProperties(step.order() ? "{\"revenue\":" + (index + 1) + "}" : "{}");
        return step.anonymousOnly() ? event.setAnonymousId("anon-1").build() : event.setUserId("u1").build();
    }

    private static String describe(UserLifecycle s) {
        return s == null ? "none" : s.stage() + ", first " + s.firstSeenAt() + ", last "
                + s.lastActiveAt() + ", events " + s.eventCount() + ", keys " + s.earliestKeyEvents() + ", intervals "
                + Long.toBinaryString(s.activeIntervals());
    }

    private static String describe(Profile p) {
        return p == null ? "none" : "traits " + p.traits() + ", first " + p.firstSeen() + ", last " + p.lastSeen()
                + ", events " + p.events() + ", days " + p.dailyCounts() + ", active days " + p.activeDays()
                + ", hours " + java.util.Arrays.toString(p.hours()) + ", orders " + p.orders() + ", revenue "
                + p.totalRevenue() + ", last purchase " + p.lastPurchase();
    }
}
