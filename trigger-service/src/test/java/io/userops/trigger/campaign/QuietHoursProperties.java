package io.userops.trigger.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class QuietHoursProperties {

    @Property(tries = 1500)
    void aHoldEndsAtAFutureInstantThatIsNotQuiet(@ForAll("windows") QuietHours quiet,
                                                 @ForAll("momentsInZones") Moment moment) {
        Assume.that(quiet.contains(moment.at(), moment.zone()));

        Instant end = quiet.endAfter(moment.at(), moment.zone());

        assertThat(end).isAfter(moment.at());
        assertThat(quiet.contains(end, moment.zone())).isFalse();
        assertThat(Duration.between(moment.at(), end)).isLessThanOrEqualTo(Duration.ofHours(49));
    }

    @Property(tries = 1000)
    void everyMinuteBeforeTheEndOfAHoldIsQuiet(@ForAll("windows") QuietHours quiet,
                                               @ForAll("momentsInZones") Moment moment) {
        Assume.that(quiet.contains(moment.at(), moment.zone()));

        Instant end = quiet.endAfter(moment.at(), moment.zone());

        for (Instant t = moment.at(); t.isBefore(end); t = t.plus(Duration.ofMinutes(7))) {
            assertThat(quiet.contains(t, moment.zone())).as("quiet at %s", t).isTrue();
        }
    }

    record Moment(Instant at, ZoneId zone) {
    }

    @Provide
    static Arbitrary<QuietHours> windows() {
        Arbitrary<LocalTime> times = Arbitraries.integers().between(0, 24 * 60 - 1)
                .map(minute -> LocalTime.of(minute / 60, minute % 60));
        return Combinators.combine(times, times).filter((a, b) -> !a.equals(b)).as(QuietHours::new);
    }

    /** Any zone; half the instants within a day of one of its offset changes, where the clock misbehaves. */
    @Provide
    static Arbitrary<Moment> momentsInZones() {
        Arbitrary<ZoneId> zones = Arbitraries.of(ZoneId.getAvailableZoneIds().stream().sorted().toList())
                .map(ZoneId::of);
        Arbitrary<Instant> instants = Arbitraries.longs()
                .between(Instant.parse("1995-01-01T00:00:00Z").getEpochSecond(),
                        Instant.parse("2040-01-01T00:00:00Z").getEpochSecond())
                .map(Instant::ofEpochSecond);
        Arbitrary<Long> nearby = Arbitraries.longs().between(-26 * 3600, 26 * 3600);
        Arbitrary<Boolean> nearChange = Arbitraries.of(true, false);
        return Combinators.combine(zones, instants, nearby, nearChange).as((zone, at, offset, near) -> {
            ZoneOffsetTransition next = zone.getRules().nextTransition(at);
            Instant moment = near && next != null ? next.getInstant().plusSeconds(offset) : at;
            return new Moment(moment, zone);
        });
    }
}
