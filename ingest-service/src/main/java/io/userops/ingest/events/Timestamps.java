package io.userops.ingest.events;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;

/**
 * Parses the ISO-8601 times tracking SDKs send: {@code 2026-11-28T10:15:30.123Z}, with an offset
 * as {@code +08:00} or {@code +0800}, any fraction of a second, or no offset at all (read as UTC).
 */
public final class Timestamps {

    private static final DateTimeFormatter ISO = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .parseDefaulting(ChronoField.OFFSET_SECONDS, 0)
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT);

    private Timestamps() {
    }

    /**
     * @return the instant, truncated to milliseconds (the precision of the contract's timestamps)
     * @throws DateTimeParseException when the text is not such a time
     */
    public static Instant parse(String text) {
        String trimmed = text.trim();
        Instant fast = parseCommonForm(trimmed);
        return fast != null ? fast : OffsetDateTime.parse(trimmed, ISO).toInstant().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * The forms SDKs send almost always ({@code yyyy-MM-ddTHH:mm:ss[.fraction][Z|±HH:MM|±HHMM]}),
     * read without the general formatter, which costs a few microseconds a call on the hot path.
     * Returns null for anything else, which then goes to the formatter (and its error message).
     */
    static Instant parseCommonForm(String s) {
        int n = s.length();
        if (n < 19 || s.charAt(4) != '-' || s.charAt(7) != '-' || (s.charAt(10) != 'T' && s.charAt(10) != 't')
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
                || second > 59) {
            return null;
        }
        int i = 19;
        int millis = 0;
        if (i < n && s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
                if (i - start < 3) {
                    millis = millis * 10 + (s.charAt(i) - '0');
                }
                i++;
            }
            int fractionDigits = i - start;
            if (fractionDigits == 0 || fractionDigits > 9) {
                return null;
            }
            for (int d = fractionDigits; d < 3; d++) {
                millis *= 10;
            }
        }
        int offsetSeconds = 0;
        if (i < n) {
            char sign = s.charAt(i);
            if ((sign == 'Z' || sign == 'z') && i == n - 1) {
                i++;
            } else if (sign == '+' || sign == '-') {
                int offsetHours = digits(s, i + 1, 2);
                int colon = i + 3 < n && s.charAt(i + 3) == ':' ? 1 : 0;
                int offsetMinutes = digits(s, i + 3 + colon, 2);
                if (offsetHours < 0 || offsetHours > 18 || offsetMinutes < 0 || offsetMinutes > 59
                        || i + 5 + colon != n) {
                    return null;
                }
                offsetSeconds = (sign == '-' ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
                i = n;
            } else {
                return null;
            }
        }
        if (i != n) {
            return null;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null;
        }
        long epochSecond = epochDay * 86_400 + hour * 3_600L + minute * 60L + second - offsetSeconds;
        return Instant.ofEpochSecond(epochSecond, millis * 1_000_000L);
    }

    private static int digits(String s, int from, int count) {
        if (from + count > s.length()) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
