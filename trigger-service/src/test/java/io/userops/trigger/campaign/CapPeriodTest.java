package io.userops.trigger.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CapPeriodTest {

    @ParameterizedTest(name = "{0}: {1} and {2} in {3}: same {4}")
    @CsvSource(textBlock = """
            # Berlin springs forward on 2026-03-29: a 23-hour day, 00:30 CET to 23:50 CEST
            DAY,  2026-03-28T23:30:00Z, 2026-03-29T21:50:00Z, Europe/Berlin,       true
            DAY,  2026-03-28T22:30:00Z, 2026-03-28T23:30:00Z, Europe/Berlin,       false
            # Berlin falls back on 2026-10-25: a 25-hour day, 00:10 CEST to 23:50 CET is 24h40m
            DAY,  2026-10-24T22:10:00Z, 2026-10-25T22:50:00Z, Europe/Berlin,       true
            DAY,  2026-10-25T22:50:00Z, 2026-10-25T23:05:00Z, Europe/Berlin,       false
            DAY,  2026-06-15T14:00:00Z, 2026-06-15T16:00:00Z, Asia/Tokyo,          false
            DAY,  2026-06-15T14:00:00Z, 2026-06-15T16:00:00Z, UTC,                 true
            DAY,  2026-06-15T06:00:00Z, 2026-06-15T08:00:00Z, America/Los_Angeles, false
            # weeks start on Monday 00:00 local
            WEEK, 2026-06-14T21:00:00Z, 2026-06-15T05:00:00Z, Europe/Berlin,       false
            WEEK, 2026-06-15T00:30:00Z, 2026-06-21T20:00:00Z, Europe/Berlin,       true
            WEEK, 2026-03-23T00:30:00Z, 2026-03-29T21:30:00Z, Europe/Berlin,       true
            WEEK, 2026-06-14T09:00:00Z, 2026-06-14T10:30:00Z, Pacific/Kiritimati,  false
            WEEK, 2026-06-14T09:00:00Z, 2026-06-14T10:30:00Z, Europe/Berlin,       true
            """)
    void shouldCountCalendarPeriodsInTheUsersZone(CapPeriod period, Instant a, Instant b, ZoneId zone,
                                                  boolean same) {
        assertThat(period.samePeriod(a, b, zone)).isEqualTo(same);
        assertThat(period.samePeriod(b, a, zone)).isEqualTo(same);
    }
}
