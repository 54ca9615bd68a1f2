package io.userops.rules.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;

class HumanDurationTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "500ms,        PT0.5S",
            "45s,          PT45S",
            "30m,          PT30M",
            "12h,          PT12H",
            "7d,           PT168H",
            "2w,           PT336H",
            "1d12h,        PT36H",
            "1h30m,        PT1H30M",
            "90m,          PT1H30M",
            "1w2d3h4m5s6ms, PT219H4M5.006S",
            "1m1ms,        PT1M0.001S",
            "'  7d ',      PT168H",
            "PT1H,         PT1H",
            "P7D,          PT168H",
            "P1DT12H,      PT36H",
            "PT0.5S,       PT0.5S",
            "pt15m,        PT15M",
    })
    void shouldParseUnitsCombinationsAndIso(String text, String expected) {
        assertThat(HumanDuration.parse(text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource({
            "'',                      it is empty",
            "'   ',                   it is empty",
            "-1d,                     it is negative",
            "-PT1H,                   it is negative",
            "PT-1H,                   it is negative",
            "0s,                      it is zero",
            "0d0h,                    it is zero",
            "PT0S,                    it is zero",
            "12,                      12 has no unit",
            "1d12,                    12 has no unit",
            "3y,                      unknown unit 'y'",
            "5min,                    unknown unit 'min'",
            "7D,                      unknown unit 'D'",
            "abc,                     unexpected 'a' at position 1",
            "1.5h,                    unexpected '.' at position 2",
            "1d 12h,                  unexpected ' ' at position 3",
            "+5d,                     unexpected '+' at position 1",
            "12h1d,                   units must go largest first, each once",
            "1h1h,                    units must go largest first, each once",
            "P2W,                     it is not ISO-8601",
            "P,                       it is not ISO-8601",
            "99999999999999999999d,   it is too large",
            "999999999999999w,        it is too large",
    })
    void shouldRejectWithTheProblemAndTheAcceptedForms(String text, String problem) {
        assertThatIllegalArgumentException().isThrownBy(() -> HumanDuration.parse(text))
                .withMessageContaining("'" + text.strip() + "' is not a valid duration")
                .withMessageContaining(problem)
                .withMessageContaining("500ms, 45s, 30m, 12h, 7d or 2w")
                .withMessageContaining("1d12h")
                .withMessageContaining("PT1H or P7D");
    }

    @ParameterizedTest
    @NullSource
    void shouldRejectNullAsEmpty(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> HumanDuration.parse(text))
                .withMessageContaining("it is empty");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "PT168H,         7d",
            "PT336H,         14d",
            "PT1H30M,        1h30m",
            "PT0.5S,         500ms",
            "PT36H,          1d12h",
            "PT1.5S,         1s500ms",
            "PT24H0.001S,    1d1ms",
            "PT0S,           0s",
            "-PT1H30M,       -1h30m",
            "PT0.0015S,      PT0.0015S",
    })
    void shouldFormatLargestUnitsFirstWithoutWeeks(String iso, String expected) {
        assertThat(HumanDuration.format(Duration.parse(iso))).isEqualTo(expected);
    }

    @Property
    void shouldReadBackWhatItFormats(@ForAll @LongRange(min = 1, max = 10L * 365 * 86_400_000) long millis) {
        Duration duration = Duration.ofMillis(millis);
        assertThat(HumanDuration.parse(HumanDuration.format(duration))).isEqualTo(duration);
    }

    @Test
    void shouldFormatTheExamplesOfTheRulesFile() {
        assertThat(HumanDuration.format(Duration.ofDays(7))).isEqualTo("7d");
        assertThat(HumanDuration.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(HumanDuration.format(Duration.ofMillis(500))).isEqualTo("500ms");
    }
}
