package io.userops.segmentation.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.userops.segmentation.lifecycle.LifecycleRules;
import io.userops.segmentation.lifecycle.LifecycleRules.Activation;
import io.userops.segmentation.lifecycle.LifecycleRules.AtRisk;
import io.userops.segmentation.lifecycle.LifecycleRules.Baseline;
import io.userops.segmentation.lifecycle.LifecycleRules.Engaged;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LifecycleRulesFileTest {

    static final LifecycleRules DEFAULTS = LifecycleRules.defaults();

    static LifecycleRules parse(String yaml) {
        return LifecycleRulesFile.parse(yaml, "rules.yaml");
    }

    @Test
    void shouldReadEverySettingOfAFullFile() {
        LifecycleRules rules = parse("""
                interval: 12h
                activeEventTypes: [track, Screen]
                activation:
                  keyEvents: ["Report Shared", "Seat Added"]
                  count: 2
                  within: 1d12h
                engaged:
                  activeIntervals: 4
                  ofLast: 10
                atRisk:
                  silentFor: 5d
                  baseline:
                    window: 6
                    windows: 3
                    fraction: 0.25
                    minActiveIntervals: 5
                dormant:
                  silentFor: 2w
                churned:
                  silentFor: P60D
                """);

        assertThat(rules).isEqualTo(new LifecycleRules(Duration.ofHours(12), Set.of("track", "screen"),
                new Activation(Set.of("Report Shared", "Seat Added"), 2, Duration.ofHours(36)),
                new Engaged(4, 10),
                new AtRisk(Duration.ofDays(5), Optional.of(new Baseline(6, 3, 0.25, 5))),
                Duration.ofDays(14), Duration.ofDays(60)));
    }

    @Test
    void shouldLoadTheDocumentedDefaultFileAsTheDefaults() throws URISyntaxException {
        Path file = Path.of(LifecycleRulesFile.class.getResource("/lifecycle-default.yaml").toURI());

        assertThat(LifecycleRulesFile.load(file)).isEqualTo(DEFAULTS);
    }

    @Test
    void shouldDocumentEverySettingOfTheDefaultFileWithAComment() throws Exception {
        Path file = Path.of(LifecycleRulesFile.class.getResource("/lifecycle-default.yaml").toURI());
        var lines = Files.readAllLines(file);

        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            boolean setting = !line.isEmpty() && !line.startsWith("#") && !line.endsWith(":");
            if (setting) {
                assertThat(lines.get(i - 1).strip()).as("comment above '%s'", line).startsWith("# ");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n", "# nothing set\n", "---\n"})
    void shouldTakeAllDefaultsFromAFileThatSetsNothing(String yaml) {
        assertThat(parse(yaml)).isEqualTo(DEFAULTS);
    }

    @Test
    void shouldTakeDefaultsForSectionsTheFileLeavesOut() {
        LifecycleRules rules = parse("""
                churned:
                  silentFor: 60d
                """);

        assertThat(rules).isEqualTo(new LifecycleRules(DEFAULTS.interval(), DEFAULTS.activeEventTypes(),
                DEFAULTS.activation(), DEFAULTS.engaged(), DEFAULTS.atRisk(), DEFAULTS.dormantAfter(),
                Duration.ofDays(60)));
    }

    @Test
    void shouldTakeDefaultsForSettingsASectionLeavesOut() {
        LifecycleRules rules = parse("""
                activation:
                  count: 5
                engaged:
                  ofLast: 14
                """);

        assertThat(rules.activation()).isEqualTo(new Activation(DEFAULTS.activation().keyEvents(), 5,
                DEFAULTS.activation().within()));
        assertThat(rules.engaged()).isEqualTo(new Engaged(DEFAULTS.engaged().activeIntervals(), 14));
        assertThat(rules.atRisk()).isEqualTo(DEFAULTS.atRisk());
    }

    @Test
    void shouldKeepTheDefaultBaselineWhenAtRiskLeavesItOut() {
        LifecycleRules rules = parse("""
                atRisk:
                  silentFor: 5d
                """);

        assertThat(rules.atRisk()).isEqualTo(new AtRisk(Duration.ofDays(5), DEFAULTS.atRisk().baseline()));
    }

    @Test
    void shouldTakeDefaultsForBaselineSettingsTheFileLeavesOut() {
        LifecycleRules rules = parse("""
                atRisk:
                  baseline:
                    fraction: 0.3
                """);

        assertThat(rules.atRisk().baseline()).contains(new Baseline(7, 4, 0.3, 8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"off", "false", "Off", "FALSE", "no", "'off'", "\"false\""})
    void shouldTurnTheBaselineOff(String off) {
        LifecycleRules rules = parse("""
                atRisk:
                  silentFor: 5d
                  baseline: %s
                """.formatted(off));

        assertThat(rules.atRisk()).isEqualTo(new AtRisk(Duration.ofDays(5), Optional.empty()));
    }

    @Test
    void shouldReadAWholeNumberAsAFraction() {
        assertThat(parse("atRisk: {baseline: {fraction: 1}}").atRisk().baseline().orElseThrow().fraction())
                .isEqualTo(1.0);
    }

    @Test
    void shouldReadListsWrittenAsBlocks() {
        LifecycleRules rules = parse("""
                activeEventTypes:
                  - track
                  - identify
                """);

        assertThat(rules.activeEventTypes()).containsExactlyInAnyOrder("track", "identify");
    }

    @Test
    void shouldLoadAFileFromDisk(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("lifecycle.yaml"), "interval: 6h\n");

        assertThat(LifecycleRulesFile.load(file).interval()).isEqualTo(Duration.ofHours(6));
    }
}
