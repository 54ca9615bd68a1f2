package io.userops.ingest.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
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

    @Property(tries = 2_000)
    void shouldReadTheCommonFormsExactlyAsTheGeneralFormatterDoes(
            @ForAll @LongRange(min = -2_208_988_800_000L, max = 4_102_444_800_000L) long epochMillis,
            @ForAll @IntRange(min = -18 * 4, max = 18 * 4) int offsetQuarters,
            @ForAll @IntRange(min = 0, max = 9) int fractionDigits,
            @ForAll boolean colon) {
        ZoneOffset offset = ZoneOffset.ofTotalSeconds(offsetQuarters * 900);
        OffsetDateTime time = Instant.ofEpochMilli(epochMillis).plusNanos(123_456).atOffset(offset);
        String fraction = fractionDigits == 0 ? "" : "." + String.format("%09d", time.getNano()).substring(0, fractionDigits);
        String zone = offset.getTotalSeconds() == 0 && !colon ? "Z"
                : colon ? offset.getId().replace("Z", "+00:00") : offset.getId().replace("Z", "+00:00").replace(":", "");
        String text = time.toLocalDateTime().format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")) + fraction + zone;

        Instant fast = Timestamps.parseCommonForm(text);

        assertThat(fast).as(text).isNotNull();
        assertThat(fast).as(text).isEqualTo(OffsetDateTime.parse(text.replace("Z", "+00:00"),
                DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss[.SSSSSSSSS][.SSSSSSSS][.SSSSSSS][.SSSSSS][.SSSSS][.SSSS][.SSS][.SS][.S][XXX][XX]"))
                .toInstant().truncatedTo(ChronoUnit.MILLIS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30T00:00:00Z", "2026-11-28T24:00:00Z", "2026-11-28T10:15:30.Z",
        "2026-11-28T10:15:30+25:00", "2026-11-28T10:15:30+08", "2026-11-28 10:15:30Z", "2026-11-28T10:15:30.1234567890Z"})
    void shouldLeaveUnusualFormsToTheGeneralFormatter(String text) {
        assertThat(Timestamps.parseCommonForm(text)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2026-11-28", "1700000000000", "2026-13-01T00:00:00Z", "", "2026-02-30T00:00:00Z"})
    void shouldRefuseWhatIsNotAnIsoDateTime(String text) {
        assertThatThrownBy(() -> Timestamps.parse(text)).isInstanceOf(DateTimeParseException.class);
    }
}
