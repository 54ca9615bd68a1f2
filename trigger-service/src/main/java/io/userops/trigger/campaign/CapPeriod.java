package io.userops.trigger.campaign;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

/**
 * A calendar period in the user's time zone: a day from local midnight to local midnight (23 or 25 hours on a
 * daylight-saving change), or a week from Monday 00:00 to the next Monday 00:00 (ISO-8601 weeks).
 */
public enum CapPeriod {
    DAY,
    WEEK;

    /** The local date the period holding {@code at} starts on, in {@code zone}. */
    public LocalDate startDate(Instant at, ZoneId zone) {
        LocalDate date = at.atZone(zone).toLocalDate();
        return this == DAY ? date : date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** Whether two instants fall in the same period of the user's calendar. */
    public boolean samePeriod(Instant a, Instant b, ZoneId zone) {
        return startDate(a, zone).equals(startDate(b, zone));
    }
}
