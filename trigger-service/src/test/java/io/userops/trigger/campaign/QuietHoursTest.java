package io.userops.trigger.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuietHoursTest {

    @ParameterizedTest(name = "{0} at {1} in {2}: {3}")
    @CsvSource(textBlock = """
            21:00-08:00, 2026-06-15T19:30:00Z, Europe/Berlin,     true
            21:00-08:00, 2026-06-15T18:59:00Z, Europe/Berlin,     false
            21:00-08:00, 2026-06-15T19:00:00Z, Europe/Berlin,     true
            21:00-08:00, 2026-06-16T05:59:00Z, Europe/Berlin,     true
            21:00-08:00, 2026-06-16T06:00:00Z, Europe/Berlin,     false
            21:00-08:00, 2026-06-15T12:00:00Z, Europe/Berlin,     false
            21:00-08:00, 2026-01-15T20:30:00Z, Europe/Berlin,     true
            21:00-08:00, 2026-06-15T07:30:00Z, Pacific/Kiritimati, true
            21:00-08:00, 2026-06-15T07:30:00Z, Europe/Berlin,     false
            21:00-08:00, 2026-06-15T08:00:00Z, Pacific/Pago_Pago, true
            21:00-08:00, 2026-06-15T08:00:00Z, Asia/Kolkata,      false
            21:00-08:00, 2026-06-15T16:00:00Z, Asia/Kolkata,      true
            12:00-14:00, 2026-06-15T04:00:00Z, Asia/Tokyo,        true
            12:00-14:00, 2026-06-15T05:00:00Z, Asia/Tokyo,        false
            12:00-14:00, 2026-06-15T02:59:00Z, Asia/Tokyo,        false
            """)
    void shouldBeQuietFromTheStartIncludedToTheEndExcludedInTheUsersZone(String window, Instant at, ZoneId zone,
                                                                        boolean quiet) {
        assertThat(QuietHours.parse(window).contains(at, zone)).isEqualTo(quiet);
    }

    @ParameterizedTest(name = "{0} at {1} in {2} ends at {3}")
    @CsvSource(textBlock = """
            21:00-08:00, 2026-06-15T20:00:00Z, Europe/Berlin,      2026-06-16T06:00:00Z
            21:00-08:00, 2026-06-16T01:00:00Z, Europe/Berlin,      2026-06-16T06:00:00Z
            21:00-08:00, 2026-06-15T07:30:00Z, Pacific/Kiritimati, 2026-06-15T18:00:00Z
            21:00-08:00, 2026-06-15T08:00:00Z, Pacific/Pago_Pago,  2026-06-15T19:00:00Z
            12:00-14:00, 2026-06-15T04:00:00Z, Asia/Tokyo,         2026-06-15T05:00:00Z
            21:00-08:00, 2026-03-28T22:00:00Z, Europe/Berlin,      2026-03-29T06:00:00Z
            21:00-08:00, 2026-10-24T20:00:00Z, Europe/Berlin,      2026-10-25T07:00:00Z
            00:00-02:30, 2026-03-29T00:30:00Z, Europe/Berlin,      2026-03-29T01:00:00Z
            01:00-02:30, 2026-10-25T00:15:00Z, Europe/Berlin,      2026-10-25T00:30:00Z
            01:00-02:30, 2026-10-25T01:15:00Z, Europe/Berlin,      2026-10-25T01:30:00Z
            02:30-02:00, 2026-10-25T00:45:00Z, Europe/Berlin,      2026-10-25T01:00:00Z
            """)
    void shouldEndTheHoldAtTheFirstInstantThatIsNotQuiet(String window, Instant now, ZoneId zone, Instant end) {
        QuietHours quiet = QuietHours.parse(window);

        assertThat(quiet.contains(now, zone)).as("the test starts inside the window").isTrue();
        assertThat(quiet.endAfter(now, zone)).isEqualTo(end);
        assertThat(quiet.contains(end, zone)).isFalse();
    }

    @Test
    void shouldWaitForTheNextDaysEndWhenADaylightSavingGapSwallowsTheSendingWindow() {
        // quiet from 02:45 to 02:30: the only sending time, 02:30-02:45, does not exist in Berlin on 2026-03-29
        QuietHours almostAllDay = new QuietHours(LocalTime.of(2, 45), LocalTime.of(2, 30));
        ZoneId berlin = ZoneId.of("Europe/Berlin");

        Instant end = almostAllDay.endAfter(Instant.parse("2026-03-28T23:00:00Z"), berlin);

        assertThat(end).isEqualTo(Instant.parse("2026-03-30T00:30:00Z"));
    }

    @Test
    void shouldReadSpacesAroundTheDashAndTellWhichWindowWraps() {
        QuietHours night = QuietHours.parse(" 21:00 - 08:00 ");

        assertThat(night).isEqualTo(new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0)));
        assertThat(night.wrapsMidnight()).isTrue();
        assertThat(QuietHours.parse("12:00-14:00").wrapsMidnight()).isFalse();
        assertThat(night).hasToString("21:00-08:00");
    }

    @ParameterizedTest
    @ValueSource(strings = {"9pm-8am", "21:00", "21:00-8:00", "25:00-08:00", "21:00-08:60", ""})
    void shouldRejectTextThatIsNotTwoTimesOfDay(String text) {
        assertThatThrownBy(() -> QuietHours.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("21:00-08:00");
    }

    @Test
    void shouldRejectAnEmptyWindow() {
        assertThatThrownBy(() -> QuietHours.parse("21:00-21:00"))
                .hasMessage("quiet hours from 21:00 to 21:00 are empty; leave them out, or give two different times");
    }
}
