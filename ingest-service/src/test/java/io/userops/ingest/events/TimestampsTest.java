package io.userops.ingest.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "2026-11-28T10:15:30.123Z,       2026-11-28T10:15:30.123Z",
        "2026-11-28T10:15:30Z,           2026-11-28T10:15:30Z",
        "2026-11-28T18:15:30.123+08:00,  2026-11-28T10:15:30.123Z",
        "2026-11-28T05:15:30.123-0500,   2026-11-28T10:15:30.123Z",
        "2026-11-28T10:15:30.123456789Z, 2026-11-28T10:15:30.123Z",
        "2026-11-28T10:15:30.1Z,         2026-11-28T10:15:30.100Z",
        "2026-11-28T10:15:30,            2026-11-28T10:15:30Z",
        "2026-11-28t10:15:30z,           2026-11-28T10:15:30Z",
    })
    void shouldReadTheIsoFormsSdksSendAsMillisecondInstants(String text, Instant expected) {
        assertThat(Timestamps.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2026-11-28", "1700000000000", "2026-13-01T00:00:00Z", ""})
    void shouldRefuseWhatIsNotAnIsoDateTime(String text) {
        assertThatThrownBy(() -> Timestamps.parse(text)).isInstanceOf(DateTimeParseException.class);
    }
}
