package io.userops.trigger.campaign;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Local times of day when no message is sent, from {@code start} (included) to {@code end} (excluded), in the
 * user's time zone; the window wraps midnight when {@code end} is before {@code start} (21:00-08:00).
 */
public record QuietHours(LocalTime start, LocalTime end) {

    private static final Pattern TEXT = Pattern.compile("(\\d{2}:\\d{2})\\s*-\\s*(\\d{2}:\\d{2})");

    public QuietHours {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (start.equals(end)) {
            throw new IllegalArgumentException("quiet hours from " + start + " to " + end + " are empty; leave them"
                    + " out, or give two different times");
        }
    }

    /**
     * @param text such as {@code 21:00-08:00} (24-hour clock, HH:mm)
     * @throws IllegalArgumentException naming the expected form
     */
    public static QuietHours parse(String text) {
        Matcher m = TEXT.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not quiet hours such as 21:00-08:00 (HH:mm-HH:mm)");
        }
        try {
            return new QuietHours(LocalTime.parse(m.group(1)), LocalTime.parse(m.group(2)));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not quiet hours such as 21:00-08:00: a time is"
                    + " 00:00 to 23:59");
        }
    }

    public boolean wrapsMidnight() {
        return end.isBefore(start);
    }

    /** Whether {@code at} is quiet in {@code zone}. */
    public boolean contains(Instant at, ZoneId zone) {
        LocalTime local = at.atZone(zone).toLocalTime();
        return wrapsMidnight()
                ? !local.isBefore(start) || local.isBefore(end)
                : !local.isBefore(start) && local.isBefore(end);
    }

    /**
     * The end of the quiet window {@code now} is in: the first instant after {@code now} that is not quiet in
     * {@code zone}. That is when the local clock next reads {@code end}, or jumps over it at a daylight-saving gap,
     * or jumps back out of the window when the clocks go back. When a gap swallows a day's whole sending window,
     * it is the next day's end.
     */
    public Instant endAfter(Instant now, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        Instant horizon = now.plus(Duration.ofDays(4));
        List<Instant> candidates = new ArrayList<>();
        LocalDate date = now.atZone(zone).toLocalDate().minusDays(1);
        for (int day = 0; day < 5; day++, date = date.plusDays(1)) {
            candidates.addAll(clockReadsEnd(date, rules));
        }
        for (ZoneOffsetTransition t = rules.nextTransition(now); t != null && t.getInstant().isBefore(horizon);
             t = rules.nextTransition(t.getInstant())) {
            candidates.add(t.getInstant());
        }
        return candidates.stream().filter(c -> c.isAfter(now) && !contains(c, zone)).min(Comparator.naturalOrder())
                .orElseThrow(() -> new IllegalStateException("no end of quiet hours " + this + " in " + zone
                        + " within days of " + now));
    }

    /** The instants of {@code date} when the clock reads {@code end}: one, two, or the gap that skips it. */
    private List<Instant> clockReadsEnd(LocalDate date, ZoneRules rules) {
        LocalDateTime local = LocalDateTime.of(date, end);
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.isEmpty()) {
            ZoneOffsetTransition gap = rules.getTransition(local);
            return gap == null ? List.of() : List.of(gap.getInstant());
        }
        return offsets.stream().map(local::toInstant).toList();
    }

    @Override
    public String toString() {
        return start + "-" + end;
    }
}
