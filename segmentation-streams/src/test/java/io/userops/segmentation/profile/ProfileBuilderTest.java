package io.userops.segmentation.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.userops.segmentation.profile.EventFacts.DeviceClass;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileBuilderTest {

    /** A Monday, 10:00 UTC = 18:00 in Shanghai. */
    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    final ProfileBuilder builder = new ProfileBuilder(ProfileRules.defaults());
    int ids;

    EventFacts track(Instant at, String name) {
        return new EventFacts("e" + (++ids), at, "track", name, Map.of(), null, null, "iOS", DeviceClass.MOBILE, null);
    }

    EventFacts order(Instant at, double revenue) {
        return new EventFacts("e" + (++ids), at, "track", "Order Completed", Map.of(), revenue, "CNY", "iOS",
                DeviceClass.MOBILE, null);
    }

    EventFacts identify(Instant at, Map<String, Object> traits) {
        return new EventFacts("e" + (++ids), at, "identify", null, traits, null, null, null, null, null);
    }

    EventFacts page(Instant at, ZoneId zone) {
        return new EventFacts("e" + (++ids), at, "page", null, Map.of(), null, null, "Mac OS X", DeviceClass.DESKTOP, zone);
    }

    Profile play(EventFacts... events) {
        Profile p = null;
        for (EventFacts e : events) {
            p = builder.apply(p, "u1", e);
        }
        return p;
    }

    static Instant days(double d) {
        return T0.plus(Duration.ofMinutes(Math.round(d * 24 * 60)));
    }

    @Test
    void shouldKeepTheTraitSetAtTheLatestEventTimeWhateverTheArrivalOrder() {
        Profile p = play(identify(days(2), Map.of("city", "Hangzhou", "age", 31)),
                identify(days(1), Map.of("city", "Shanghai", "gender", "female")));

        assertThat(p.traits().get("city").value()).isEqualTo("Hangzhou");
        assertThat(p.traits().get("age").value()).isEqualTo(31);
        assertThat(p.traits().get("gender").value()).isEqualTo("female");
        assertThat(p.traits().get("gender").at()).isEqualTo(days(1));
        assertThat(p.events()).as("identify is not an event of the user's behaviour").isZero();
    }

    @Test
    void shouldCountEventsPerNameInSlidingWindowsOfLocalDays() {
        Profile p = play(track(days(0), "Song Played"), track(days(-10), "Song Played"), track(days(-40), "Song Played"),
                track(days(-100), "Song Played"), track(days(-3), "Invite Sent"));

        ComputedTraits c = builder.computed(p, days(0.1));

        assertThat(c.asMap().get("events7d")).isEqualTo(Map.of("Song Played", 1L, "Invite Sent", 1L));
        assertThat(c.asMap().get("events30d")).isEqualTo(Map.of("Song Played", 2L, "Invite Sent", 1L));
        assertThat(c.asMap().get("events90d")).isEqualTo(Map.of("Song Played", 3L, "Invite Sent", 1L));
        assertThat(c.events()).isEqualTo(5);
        assertThat(p.dailyCounts().firstKey()).as("days beyond 90 are forgotten")
                .isGreaterThan(days(-91).atZone(ZoneId.of("UTC")).toLocalDate().toEpochDay());
        assertThat(builder.computed(p, days(8)).asMap().get("events7d")).isEqualTo(Map.of());
    }

    @Test
    void shouldStartASessionAfterThirtyMinutesOfQuietAndCountActiveDays() {
        Profile p = play(track(T0, "a"), track(T0.plusSeconds(29 * 60), "b"), track(T0.plusSeconds(60 * 60), "c"),
                track(days(1), "d"), track(days(1).plusSeconds(60), "e"));

        assertThat(p.sessions()).isEqualTo(3);
        assertThat(p.activeDays()).isEqualTo(2);
        assertThat(p.firstSeen()).isEqualTo(T0);
        assertThat(p.lastSeen()).isEqualTo(days(1).plusSeconds(60));
    }

    @Test
    void shouldFindThePreferredHourAndWeekdayInTheUsersTimeZone() {
        Profile p = play(page(T0, SHANGHAI), page(days(7), SHANGHAI), page(days(1).plusSeconds(3600), SHANGHAI));

        ComputedTraits c = builder.computed(p, days(8));

        assertThat(c.preferredHour()).isEqualTo(18);
        assertThat(c.preferredWeekday()).isEqualTo(DayOfWeek.MONDAY);
        assertThat(c.platform()).isEqualTo("Mac OS X");
        assertThat(c.device()).isEqualTo(DeviceClass.DESKTOP);
        assertThat(c.asMap()).containsEntry("device", "desktop").containsEntry("preferredWeekday", "MONDAY");
        assertThat(c.nightShare()).isZero();
    }

    @Test
    void shouldSumOrdersAndRevenueOfPurchaseEventsOnly() {
        Profile p = play(order(days(0), 120.0), track(days(1), "Product Viewed"), order(days(2), 80.0),
                new EventFacts("x", days(3), "track", "Order Completed", Map.of(), null, null, null, null, null));

        ComputedTraits c = builder.computed(p, days(3));

        assertThat(c.orders()).isEqualTo(3);
        assertThat(c.totalRevenue()).isEqualTo(200.0);
        assertThat(c.averageRevenue()).isCloseTo(66.67, within(0.01));
        assertThat(c.lastPurchase()).isEqualTo(days(3));
        assertThat(p.currency()).isEqualTo("CNY");
        assertThat(c.mobileShare()).isCloseTo(0.75, within(1e-9));
    }

    @Test
    void shouldMergeTwoProfilesCountingEveryEventOnceAndKeepingTheNewerTraits() {
        Profile anonymous = builder.apply(builder.apply(null, "anon", track(days(0), "a")), "anon",
                identify(days(0.5), Map.of("city", "Shanghai")));
        anonymous = builder.apply(anonymous, "anon", order(days(1), 50));
        Profile user = play(identify(days(0.2), Map.of("city", "Beijing", "age", 40)), track(days(1.01), "b"),
                track(days(5), "c"));

        Profile merged = builder.merge(user, anonymous, "u1");

        assertThat(merged.userId()).isEqualTo("u1");
        assertThat(merged.events()).isEqualTo(anonymous.events() + user.events());
        assertThat(merged.traits().get("city").value()).isEqualTo("Shanghai");
        assertThat(merged.traits().get("age").value()).isEqualTo(40);
        assertThat(merged.firstSeen()).isEqualTo(days(0));
        assertThat(merged.lastSeen()).isEqualTo(days(5));
        assertThat(merged.orders()).isEqualTo(1);
        assertThat(merged.activeDays()).as("day 1 was active for both").isEqualTo(3);
        assertThat(builder.merge(null, anonymous, "u1")).isEqualTo(anonymous.renamed("u1"));
    }
}
