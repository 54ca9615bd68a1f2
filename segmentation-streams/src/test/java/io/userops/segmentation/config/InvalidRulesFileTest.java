package io.userops.segmentation.config;

import io.userops.rules.yaml.InvalidRulesFileException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.userops.segmentation.lifecycle.InvalidRulesException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InvalidRulesFileTest {

    static final String FILE = "rules.yaml";

    static InvalidRulesFileException failureOf(String yaml) {
        Throwable thrown = catchThrowable(() -> LifecycleRulesFile.parse(yaml, FILE));
        assertThat(thrown).isInstanceOf(InvalidRulesFileException.class);
        InvalidRulesFileException e = (InvalidRulesFileException) thrown;
        assertThat(e).hasMessage(e.file() + ":" + e.line() + ": " + e.path() + ": " + e.reason());
        return e;
    }

    static void assertFailure(InvalidRulesFileException e, int line, String path, String... reasonFragments) {
        assertThat(e.file()).isEqualTo(FILE);
        assertThat(e.line()).as("line").isEqualTo(line);
        assertThat(e.path()).as("path").isEqualTo(path);
        assertThat(e.reason()).contains(reasonFragments);
    }

    @Test
    void shouldNameThePathForAMissingFile(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");

        Throwable thrown = catchThrowable(() -> LifecycleRulesFile.load(missing));

        assertThat(thrown).isInstanceOfSatisfying(InvalidRulesFileException.class, e -> {
            assertThat(e).hasMessage(missing + ": file not found");
            assertThat(e.file()).isEqualTo(missing.toString());
            assertThat(e.line()).isZero();
            assertThat(e.path()).isEmpty();
            assertThat(e.reason()).isEqualTo("file not found");
        });
    }

    @Test
    void shouldNameTheFileAsGivenToLoad(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("lifecycle.yaml"), "interval: 1d\ninterval: 2d\n");

        Throwable thrown = catchThrowable(() -> LifecycleRulesFile.load(file));

        assertThat(thrown).isInstanceOfSatisfying(InvalidRulesFileException.class, e -> {
            assertThat(e.file()).isEqualTo(file.toString());
            assertThat(e).hasMessage(file + ":2: interval: is set twice (first on line 1); keep one");
        });
    }

    @Test
    void shouldNameTheParserLineForMisindentedYaml() {
        InvalidRulesFileException e = failureOf("""
                interval: 1d
                activation:
                  count: 3
                 within: 7d
                """);

        assertFailure(e, 4, "activation.count", "invalid YAML", "expected <block end>");
        assertThat(e.getCause()).isNotNull();
    }

    @Test
    void shouldNameTheParserLineForAnUnclosedList() {
        assertFailure(failureOf("""
                interval: 1d
                activeEventTypes: [track, page
                engaged:
                  ofLast: 7
                """), 3, "activeEventTypes", "invalid YAML", "flow sequence started on line 2");
    }

    @Test
    void shouldNameTheOpeningLineOfAnUnterminatedQuote() {
        assertFailure(failureOf("""
                interval: 1d
                activation:
                  keyEvents: ["Order Completed]
                  count: 3
                """), 3, "activation.keyEvents", "invalid YAML", "unexpected end of stream");
    }

    @Test
    void shouldNameTheLineOfATabIndentation() {
        assertFailure(failureOf("interval: 1d\nengaged:\n\tofLast: 7\n"), 3, "engaged", "invalid YAML", "TAB");
    }

    @Test
    void shouldRejectAValueThatIsAMappingOnTheSameLine() {
        assertFailure(failureOf("""
                interval: 1d
                churned: silentFor: 30d
                """), 2, "churned", "mapping values are not allowed here");
    }

    @Test
    void shouldNameFileLineAndKeyForUnknownSetting() {
        assertFailure(failureOf("""
                interval: 1d
                intervall: 2d
                """), 2, "intervall", "unknown setting 'intervall'",
                "interval, activeEventTypes, activation, engaged, atRisk, dormant, churned");
    }

    @Test
    void shouldNameFileLineAndFullPathForUnknownNestedSetting() {
        assertFailure(failureOf("""
                atRisk:
                  silentFor: 7d
                  baseline:
                    window: 7
                    windowCount: 4
                """), 5, "atRisk.baseline.windowCount", "unknown setting 'windowCount'",
                "under atRisk.baseline", "window, windows, fraction, minActiveIntervals");
    }

    @Test
    void shouldRejectTheFlatDormantAfterNameOfTheRecord() {
        assertFailure(failureOf("dormantAfter: 14d\n"), 1, "dormantAfter", "unknown setting 'dormantAfter'");
    }

    @Test
    void shouldNameTheSecondLineOfARepeatedSetting() {
        assertFailure(failureOf("""
                engaged:
                  ofLast: 7
                  ofLast: 8
                """), 3, "engaged.ofLast", "is set twice (first on line 2)");
    }

    @Test
    void shouldNameFileLineAndKeyForTextWhereANumberBelongs() {
        assertFailure(failureOf("""
                activation:
                  keyEvents: [Signup]
                  count: three
                """), 3, "activation.count", "expected a whole number, but got 'three'");
    }

    @Test
    void shouldRejectAFractionWhereAWholeNumberBelongs() {
        assertFailure(failureOf("""
                atRisk:
                  baseline:
                    window: 7.5
                """), 3, "atRisk.baseline.window", "expected a whole number, but got 7.5");
    }

    @Test
    void shouldRejectAWholeNumberTooLargeForTheSetting() {
        assertFailure(failureOf("engaged:\n  ofLast: 99999999999\n"), 2, "engaged.ofLast", "too large");
    }

    @Test
    void shouldRejectTextWhereAFractionBelongs() {
        assertFailure(failureOf("""
                atRisk:
                  baseline:
                    fraction: 50%
                """), 3, "atRisk.baseline.fraction", "expected a number such as 0.5, but got '50%'");
    }

    @Test
    void shouldRejectASingleNameWhereAListBelongs() {
        assertFailure(failureOf("""
                activation:
                  keyEvents: Order Completed
                """), 2, "activation.keyEvents", "expected a list of names", "got 'Order Completed'");
    }

    @Test
    void shouldNameTheLineOfAListItemThatIsNotAName() {
        assertFailure(failureOf("""
                activation:
                  keyEvents:
                    - Signup
                    - 404
                """), 4, "activation.keyEvents", "item 2 must be a name, but is 404; quote it");
    }

    @Test
    void shouldRejectABlankName() {
        assertFailure(failureOf("activeEventTypes: [track, '  ']\n"), 1, "activeEventTypes", "item 2 is blank");
    }

    @Test
    void shouldRejectAValueWhereASectionBelongs() {
        assertFailure(failureOf("""
                interval: 1d
                engaged: 3
                """), 2, "engaged", "expected a section with activeIntervals, ofLast, but got 3");
    }

    @Test
    void shouldRejectASectionWhereADurationBelongs() {
        assertFailure(failureOf("""
                dormant:
                  silentFor:
                    days: 14
                """), 3, "dormant.silentFor", "expected a duration such as 7d, but got a section");
    }

    @Test
    void shouldRejectBaselineOn() {
        assertFailure(failureOf("""
                atRisk:
                  baseline: on
                """), 2, "atRisk.baseline", "expected off, or a section with window", "but got on");
    }

    @Test
    void shouldRejectASettingWithoutAValue() {
        assertFailure(failureOf("""
                activation:
                  count:
                  within: 7d
                """), 2, "activation.count", "has no value");
    }

    @Test
    void shouldNameFileLineAndKeyForABadDuration() {
        assertFailure(failureOf("""
                interval: 1d
                activation:
                  within: 7 days
                """), 3, "activation.within", "'7 days' is not a valid duration",
                "500ms, 45s, 30m, 12h, 7d or 2w");
    }

    @Test
    void shouldRejectADurationWithoutAUnit() {
        assertFailure(failureOf("interval: 86400\n"), 1, "interval", "86400 has no unit");
    }

    @Test
    void shouldRejectAZeroDuration() {
        assertFailure(failureOf("churned:\n  silentFor: 0d\n"), 2, "churned.silentFor", "it is zero");
    }

    @Test
    void shouldNameTheLineOfTheKeyTheRulesReject() {
        InvalidRulesFileException e = failureOf("""
                atRisk:
                  silentFor: 20d
                dormant:
                  silentFor: 14d
                churned:
                  silentFor: 30d
                """);

        assertFailure(e, 4, "dormant.silentFor", "must be longer than atRisk.silentFor (20d), but is 14d");
        assertThat(e.getCause()).isInstanceOf(InvalidRulesException.class);
        assertThat(e).hasMessage(
                "rules.yaml:4: dormant.silentFor: must be longer than atRisk.silentFor (20d), but is 14d");
    }

    @Test
    void shouldNameTheParentSectionLineForARejectedDefault() {
        assertFailure(failureOf("""
                interval: 1d
                engaged:
                  ofLast: 2
                """), 2, "engaged.activeIntervals", "must be between 1 and ofLast (2), but is 3",
                "engaged.activeIntervals is not in the file, so it takes the default");
    }

    @Test
    void shouldNameLineOneForARejectedDefaultOfAnAbsentSection() {
        assertFailure(failureOf("""
                interval: 1d
                atRisk:
                  silentFor: 20d
                """), 1, "dormant.silentFor", "must be longer than atRisk.silentFor (20d), but is 14d",
                "not in the file");
    }

    @Test
    void shouldNameTheBaselineLineWhenItsWindowsReachPastMemory() {
        assertFailure(failureOf("""
                interval: 1d
                atRisk:
                  silentFor: 7d
                  baseline:
                    window: 20
                """), 4, "atRisk.baseline", "window x (windows + 1) = 100 intervals");
    }

    @Test
    void shouldNameTheLineOfAFractionOutOfRange() {
        assertFailure(failureOf("""
                atRisk:
                  baseline:
                    window: 7
                    fraction: 1.5
                """), 4, "atRisk.baseline.fraction", "must be in (0, 1], but is 1.5");
    }

    @Test
    void shouldNameTheLineOfACountOutOfRange() {
        assertFailure(failureOf("""
                activation:
                  keyEvents: [Signup]
                  count: 17
                """), 3, "activation.count", "must be between 1 and 16, but is 17");
    }

    @Test
    void shouldNameTheLineOfAnEmptyListOfKeyEvents() {
        assertFailure(failureOf("""
                interval: 1d
                activation:
                  keyEvents: []
                """), 3, "activation.keyEvents", "name at least one key event");
    }

    @Test
    void shouldNameTheLineOfAnEmptyListOfEventTypes() {
        assertFailure(failureOf("""
                interval: 1d
                activeEventTypes: []
                """), 2, "activeEventTypes", "name at least one event type");
    }

    @Test
    void shouldNameTheLineOfTooManyIntervalsForEngaged() {
        assertFailure(failureOf("""
                engaged:
                  activeIntervals: 3
                  ofLast: 65
                """), 3, "engaged.ofLast", "must be between 1 and 64, but is 65");
    }

    @Test
    void shouldRejectASecondDocument() {
        assertFailure(failureOf("""
                interval: 1d
                ---
                interval: 2d
                """), 3, "(root)", "more than one YAML document");
    }

    @Test
    void shouldRejectAnAlias() {
        assertFailure(failureOf("""
                atRisk:
                  silentFor: &week 7d
                dormant:
                  silentFor: *week
                """), 4, "dormant.silentFor", "aliases such as *week are not supported");
    }

    @Test
    void shouldRejectADocumentThatIsNotSettings() {
        assertFailure(failureOf("- interval: 1d\n"), 1, "(root)", "expected settings as key: value lines",
                "a list");
    }
}
