package io.userops.segmentation.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userops.avro.EventType;
import io.userops.avro.TrackedEvent;
import io.userops.schemas.registry.LocalSchemaRegistryClient;
import io.userops.schemas.topics.Topics;
import io.userops.segmentation.identity.RefusalReason;
import io.userops.segmentation.identity.UserIdentities;
import io.userops.segmentation.lifecycle.LifecycleDecider;
import io.userops.segmentation.lifecycle.LifecycleInput;
import io.userops.segmentation.lifecycle.LifecycleRules;
import io.userops.segmentation.profile.EventFacts;
import io.userops.segmentation.profile.Profile;
import io.userops.segmentation.profile.ProfileBuilder;
import io.userops.segmentation.profile.ProfileRules;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** The topology's own serdes: what they write reads back equal; what they cannot read fails with the reason. */
class StateSerdeRoundTripTest {

    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    @Test
    void shouldReadBackAProfileWithTraitsCountsAndMemberships() {
        ProfileBuilder builder = new ProfileBuilder(ProfileRules.defaults());
        Profile p = builder.apply(null, "u1", new EventFacts("e1", T0, "identify", null,
                Map.of("city", "上海", "age", 31, "vip", true, "address", Map.of("zip", "200000"), "tags", List.of("a")),
                null, null, null, null, null));
        p = builder.apply(p, "u1", new EventFacts("e2", T0.plusSeconds(60), "track", "Order Completed", Map.of(), 99.5,
                "CNY", "iOS", EventFacts.DeviceClass.MOBILE, ZoneId.of("Asia/Shanghai")));
        StoredProfile stored = new StoredProfile(p, new TreeSet<>(List.of("city_上海", "night_owl")),
                new TreeSet<>(List.of("buyers")), T0.toEpochMilli());

        StoredProfile read = ProfileStateSerde.read(ProfileStateSerde.write(stored));

        assertThat(read).isEqualTo(stored);
        assertThat(read.profile().traits().get("address").value()).isEqualTo(Map.of("zip", "200000"));
    }

    /** Written by the first release (fixed-width numbers) for the profile built below. */
    private static final String VERSION_1_STATE =
            "AQACdTEAAAACAANhZ2UAAAGcrcaagAAEY2l0eQAAAZytxpqAAAAADVszMSwi5LiK5rW3Il0AAAGcrceE4AAAAZytx4TgAAAAAAAA"
            + "AAEAAQAAAAAAAFAiAAEAD09yZGVyIENvbXBsZXRlZAAAAAEAAAAAAAAAAQAAAAAAAAABAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
            + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
            + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
            + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
            + "AQADaU9TAAAAAAAAAAEBAAAAAAAAAAABAAAAAAAAAAFAWOAAAAAAAAAAAZytx4TgAQADQ05ZAQANQXNpYS9TaGFuZ2hhaQABAAlu"
            + "aWdodF9vd2wAAQAGYnV5ZXJzAAABnK3GmoA=";

    @Test
    void shouldStillReadProfileStateOfTheFirstFormatAndRewriteItSmaller() {
        ProfileBuilder builder = new ProfileBuilder(ProfileRules.defaults());
        Profile p = builder.apply(null, "u1", new EventFacts("e1", T0, "identify", null,
                new TreeMap<>(Map.of("city", "上海", "age", 31)), null, null, null, null, null));
        p = builder.apply(p, "u1", new EventFacts("e2", T0.plusSeconds(60), "track", "Order Completed", Map.of(), 99.5,
                "CNY", "iOS", EventFacts.DeviceClass.MOBILE, ZoneId.of("Asia/Shanghai")));
        StoredProfile expected = new StoredProfile(p, new TreeSet<>(List.of("night_owl")),
                new TreeSet<>(List.of("buyers")), T0.toEpochMilli());
        byte[] version1 = Base64.getDecoder().decode(VERSION_1_STATE);

        StoredProfile read = ProfileStateSerde.read(version1);

        assertThat(read).isEqualTo(expected);
        assertThat(ProfileStateSerde.write(read).length).isLessThan(version1.length / 2);
    }

    @Test
    void shouldKeepCountsOfManyDaysAndNamesAcrossTheVariableLengthFormat() {
        ProfileBuilder builder = new ProfileBuilder(ProfileRules.defaults());
        Profile p = null;
        for (int day = 0; day < 120; day++) {
            for (String name : List.of("Page Viewed", "Song Played", "Order Completed")) {
                p = builder.apply(p, "u1", new EventFacts("e" + day + name, T0.plus(Duration.ofDays(day)), "track", name,
                        Map.of(), name.startsWith("Order") ? 1_000_000.25 : null, "EUR", "web", null, null));
            }
        }
        StoredProfile stored = new StoredProfile(p, new TreeSet<>(), new TreeSet<>(), Long.MIN_VALUE);

        assertThat(ProfileStateSerde.read(ProfileStateSerde.write(stored))).isEqualTo(stored);
    }

    @Test
    void shouldReadBackIdentitiesAndEveryRoutedRecord() {
        UserIdentities identities = new UserIdentities(List.of("anon-1", "anon-2"),
                List.of(new UserIdentities.Refusal("shared", RefusalReason.LINKED_TO_ANOTHER_USER, T0)));
        assertThat(UserIdentitiesSerde.read(UserIdentitiesSerde.write(identities))).isEqualTo(identities);

        RoutedSerde serde = new RoutedSerde(Topics.EVENTS.valueSerde(new LocalSchemaRegistryClient(), true));
        TrackedEvent event = TrackedEvent.newBuilder().setSourceId("web").setType(EventType.IDENTIFY).setMessageId("m1")
                .setUserId("u1").setAnonymousId("a1").setTimestamp(T0).setReceivedAt(T0).build();
        var lifecycle = new LifecycleDecider(LifecycleRules.defaults())
                .decide("a1", null, new LifecycleInput.Activity("m0", T0, true), T0).next();
        Profile profile = new ProfileBuilder(ProfileRules.defaults()).apply(null, "a1",
                new EventFacts("m0", T0, "page", null, Map.of(), null, null, "web", null, null));
        for (Routed routed : List.of(new Routed.Resolve(event), new Routed.Event(event, 2),
                new Routed.Link("u1", "m1", T0), new Routed.Refused("a1", T0),
                new Routed.Absorb("a1", lifecycle, "m1", T0, 1), new Routed.AbsorbProfile("a1", profile, 3))) {
            byte[] bytes = serde.serializer().serialize("routing", routed);
            assertThat(serde.deserializer().deserialize("routing", bytes)).isEqualTo(routed);
        }
    }

    @Test
    void shouldRefuseStateOfAnUnknownVersionOrKind() {
        assertThatThrownBy(() -> ProfileStateSerde.read(new byte[] {9, 0, 0})).isInstanceOf(SerializationException.class)
                .hasMessageContaining("profile state version 9");
        assertThatThrownBy(() -> UserIdentitiesSerde.read(new byte[] {1, 0})).isInstanceOf(SerializationException.class)
                .hasMessageContaining("unreadable identities");
        RoutedSerde serde = new RoutedSerde(Topics.EVENTS.valueSerde(new LocalSchemaRegistryClient(), true));
        assertThatThrownBy(() -> serde.deserializer().deserialize("routing", new byte[] {42}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("unknown kind 42");
        assertThatThrownBy(() -> serde.serializer().serialize("routing", new Routed.Retire("u1", "m1", T0)))
                .hasMessageContaining("never leaves its task");
    }
}
