package io.userops.ingest.events;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
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
            .toFormatter();

    private Timestamps() {
    }

    /**
     * @return the instant, truncated to milliseconds (the precision of the contract's timestamps)
     * @throws DateTimeParseException when the text is not such a time
     */
    public static Instant parse(String text) {
        return OffsetDateTime.parse(text.trim(), ISO).toInstant().truncatedTo(ChronoUnit.MILLIS);
    }
}
