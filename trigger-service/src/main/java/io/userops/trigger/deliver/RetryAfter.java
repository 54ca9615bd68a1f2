package io.userops.trigger.deliver;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reading an HTTP {@code Retry-After} value (RFC 9110, section 10.2.3). */
public final class RetryAfter {

    private static final Pattern SECONDS = Pattern.compile("\\d{1,18}");

    private RetryAfter() {
    }

    /**
     * The wait a {@code Retry-After} value asks for: delay-seconds, or an HTTP date (IMF-fixdate,
     * {@code Sun, 06 Nov 1994 08:49:37 GMT}) measured from {@code now}, zero when it is past. Empty
     * when the value is absent or cannot be read.
     */
    public static Optional<Duration> parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.trim();
        if (SECONDS.matcher(text).matches()) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
        }
        try {
            Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
