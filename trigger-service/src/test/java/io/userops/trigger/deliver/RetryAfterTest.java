package io.userops.trigger.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @ParameterizedTest(name = "''{0}'' waits {1} s")
    @CsvSource(delimiter = '|', value = {
            "120|120",
            "0|0",
            "' 7 '|7",
            "Sun, 01 Mar 2026 12:00:30 GMT|30",
            "Sun, 01 Mar 2026 13:00:00 GMT|3600",
            "Sun, 01 Mar 2026 11:59:00 GMT|0",
            "Sun, 06 Nov 1994 08:49:37 GMT|0"})
    void shouldReadDelaySecondsAndHttpDates(String value, long seconds) {
        assertThat(RetryAfter.parse(value, NOW)).contains(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest(name = "''{0}'' is ignored")
    @NullAndEmptySource
    @ValueSource(strings = {"soon", "-5", "1.5", "  ", "12s", "99999999999999999999999",
            "Sun, 32 Mar 2026 12:00:00 GMT", "2026-03-01T12:00:30Z"})
    void shouldIgnoreWhatItCannotRead(String value) {
        assertThat(RetryAfter.parse(value, NOW)).isEqualTo(Optional.empty());
    }
}
