package io.userops.segmentation.config;

import io.userops.rules.yaml.InvalidRulesFileException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.userops.rules.segments.SegmentDefinition;
import io.userops.rules.segments.SegmentExpression;
import io.userops.rules.segments.SegmentSubject;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SegmentsFileTest {

    static final String FILE = "segments.yaml";

    static InvalidRulesFileException failureOf(String yaml) {
        Throwable thrown = catchThrowable(() -> SegmentsFile.parse(yaml, FILE));
        assertThat(thrown).isInstanceOf(InvalidRulesFileException.class);
        return (InvalidRulesFileException) thrown;
    }

    @Test
    void shouldReadNamesDescriptionsAndExpressionsInFileOrder() {
        List<SegmentDefinition> segments = SegmentsFile.parse("""
                segments:
                  - name: at_risk_big_spenders
                    description: big spenders who went quiet
                    expression: stage == AT_RISK && tags has "big_spender"
                  - name: shanghai-new
                    expression: |
                      stage == NEW
                        && traits.city in ["Shanghai", "Hangzhou"]
                """, FILE);

        assertThat(segments).extracting(SegmentDefinition::name).containsExactly("at_risk_big_spenders", "shanghai-new");
        assertThat(segments.get(0).description()).isEqualTo("big spenders who went quiet");
        assertThat(segments.get(0).expression())
                .isEqualTo(SegmentExpression.parse("stage == AT_RISK && tags has \"big_spender\""));
        assertThat(segments.get(1).description()).isEmpty();
        assertThat(segments.get(1).source()).isEqualTo("stage == NEW\n  && traits.city in [\"Shanghai\", \"Hangzhou\"]\n");
    }

    @Test
    void shouldReadAnEmptyListOfSegments() {
        assertThat(SegmentsFile.parse("segments: []\n", FILE)).isEmpty();
    }

    @Test
    void shouldLoadTheExampleFileWithSegmentsThatMatchTheirIntendedUsers() throws URISyntaxException {
        Path file = Path.of(SegmentsFile.class.getResource("/segments-default.yaml").toURI());
        Instant now = Instant.parse("2026-03-01T12:00:00Z");
        SegmentSubject atRiskBigSpender = new Subject("AT_RISK", Set.of("big_spender"), Map.of(),
                Map.of("lastPurchase", now.minus(Duration.ofDays(45))));
        SegmentSubject keyUser = new Subject("ENGAGED", Set.of("tier_key"), Map.of(), Map.of());

        List<SegmentDefinition> segments = SegmentsFile.load(file);

        assertThat(segments).hasSizeBetween(4, 8);
        assertThat(segments).allSatisfy(s -> assertThat(s.description()).isNotBlank());
        assertThat(segments.get(0).name()).isEqualTo("at_risk_big_spenders");
        assertThat(segments.get(0).expression().matches(atRiskBigSpender, now)).isTrue();
        SegmentDefinition keyUsers = segments.stream().filter(s -> s.name().equals("key_users")).findFirst().orElseThrow();
        assertThat(keyUsers.expression().matches(keyUser, now)).as("the trigger service's VIP campaign needs it").isTrue();
        assertThat(keyUsers.expression().matches(atRiskBigSpender, now)).isFalse();
    }

    @Test
    void shouldReadTheDefaultBehaviourTagsThatTagTheUsersTheyName() {
        SegmentsFile.Definitions defaults = SegmentsFile.defaults();
        Instant now = Instant.parse("2026-03-01T12:00:00Z");
        Map<String, SegmentDefinition> tags = new java.util.HashMap<>();
        defaults.behaviourTags().forEach(tag -> tags.put(tag.name(), tag));

        assertThat(tags).containsOnlyKeys("night_owl", "weekend_user", "mobile_first", "big_spender");
        assertThat(tags.get("night_owl").expression().matches(new Subject("ENGAGED", Set.of(), Map.of(),
                Map.of("events", 12L, "nightShare", 0.5)), now)).isTrue();
        assertThat(tags.get("night_owl").expression().matches(new Subject("ENGAGED", Set.of(), Map.of(),
                Map.of("events", 3L, "nightShare", 0.9)), now)).as("too few events for a habit").isFalse();
        assertThat(tags.get("big_spender").expression().matches(new Subject("NEW", Set.of("rfm_m5"), Map.of(),
                Map.of()), now)).isTrue();
        assertThat(defaults.segments()).extracting(SegmentDefinition::name).contains("at_risk_big_spenders");
    }

    record Subject(String stage, Set<String> tags, Map<String, Object> traits, Map<String, Object> computedTraits)
            implements SegmentSubject {

        @Override
        public Object trait(String name) {
            return traits.get(name);
        }

        @Override
        public Object computed(String name) {
            return computedTraits.get(name);
        }
    }

    @Test
    void shouldNameTheExpressionLineAndColumnOfAnInvalidExpression() {
        InvalidRulesFileException e = failureOf("""
                segments:
                  - name: at_risk
                    expression: stage == AT_RSK
                """);

        assertThat(e).hasMessage("segments.yaml:3: segments[0].expression: invalid expression, column 10:"
                + " unknown stage 'AT_RSK'; the stages are NEW, ACTIVATED, ENGAGED, AT_RISK, DORMANT, CHURNED,"
                + " RESURRECTED");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.path()).isEqualTo("segments[0].expression");
    }

    @Test
    void shouldAddTheLineWithinALiteralBlockExpressionToItsLineInTheFile() {
        InvalidRulesFileException e = failureOf("""
                segments:
                  - name: ok
                    expression: stage == NEW
                  - name: shanghai_at_risk
                    expression: |
                      stage == AT_RISK
                        && tags has "big_spender"
                        && traits.city in ["Shanghai", Hangzhou]
                """);

        assertThat(e.line()).isEqualTo(8);
        assertThat(e.path()).isEqualTo("segments[1].expression");
        assertThat(e.reason()).startsWith("invalid expression, line 3, column 34: unknown name 'Hangzhou'");
    }

    @Test
    void shouldNameTheFirstLineOfAFoldedExpressionWithTheColumnInTheFoldedText() {
        InvalidRulesFileException e = failureOf("""
                segments:
                  - name: folded
                    expression: >
                      stage == AT_RISK
                      && traits.age > 1.
                """);

        assertThat(e.line()).isEqualTo(4);
        assertThat(e.reason()).isEqualTo("invalid expression, column 34: a decimal needs digits after the point,"
                + " as in 1.5");
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', textBlock = """
            `segments:\\n  - name: a\\n    expression: true\\n  - name: a\\n    expression: false\\n` => 4 => segments[1].name => segment name 'a' is used twice (first on line 2); keep one
            `segments:\\n  - name: Big Spenders\\n    expression: true\\n`                         => 2 => segments[0].name => segment name 'Big Spenders' must be 1-64 characters of a-z, 0-9, _ and -
            `segments:\\n  - expression: true\\n`                                                => 2 => segments[0] => the segment has no name
            `segments:\\n  - name: a\\n`                                                         => 2 => segments[0] => the segment has no expression
            `segments:\\n  - name: a\\n    expression:\\n`                                       => 3 => segments[0].expression => has no value
            `segments:\\n  - name: a\\n    expression: [stage]\\n`                               => 3 => segments[0].expression => expected text, but got a list
            `segments:\\n  - name: a\\n    expresion: true\\n`                                   => 3 => segments[0].expresion => unknown key 'expresion'; a segment has name, description, expression
            `segments:\\n  - name: a\\n    expression: true\\n    description:\\n`                 => 4 => segments[0].description => has no value
            `segments:\\n  - stage == NEW\\n`                                                    => 2 => segments[0] => expected a segment with name and expression, but got 'stage == NEW'
            `segments: at_risk\\n`                                                               => 1 => segments => expected a list of segments (- name: ...), but got 'at_risk'
            `segment:\\n  - name: a\\n`                                                          => 1 => segment => unknown key 'segment'; the file holds segments and, optionally, behaviourTags
            `segments: []\nbehaviourTags: night_owl\n`                                          => 2 => behaviourTags => expected a list of behaviour tags (- name: ...), but got 'night_owl'
            `segments: []\nbehaviourTags:\n  - name: a\n    expression: true\n  - name: a\n    expression: true\n` => 5 => behaviourTags[1].name => behaviour tag name 'a' is used twice (first on line 3); keep one
            ``                                                                                   => 1 => (root) => no segments: key; list the segments under segments:
            `segments:\\n  - name: a\\n    expression: traits.x == "\\\\q"\\n`                => 3 => segments[0].expression => invalid expression, column 14: unknown escape \\q in a string; the escapes are \\", \\\\, \\n, \\t and \\uXXXX
            `segments:\\n  - name: a\\n   expression: true\\n`                                   => 3 => segments.name => invalid YAML
            """)
    void shouldRejectABadFileNamingLinePathAndReason(String yaml, int line, String path, String reason) {
        InvalidRulesFileException e = failureOf(yaml.translateEscapes());

        assertThat(e.file()).isEqualTo(FILE);
        assertThat(e.path()).as("path").isEqualTo(path);
        assertThat(e.line()).as("line").isEqualTo(line);
        assertThat(e.reason()).as("reason").startsWith(reason);
        assertThat(e).hasMessage(FILE + ":" + e.line() + ": " + e.path() + ": " + e.reason());
    }

    @Test
    void shouldNameAMissingFile(@TempDir Path dir) {
        Path missing = dir.resolve("segments.yaml");

        Throwable thrown = catchThrowable(() -> SegmentsFile.load(missing));

        assertThat(thrown).isInstanceOf(InvalidRulesFileException.class).hasMessage(missing + ": file not found");
    }

    @Test
    void shouldNameTheFileAsGivenToLoad(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("mine.yaml"), "segments:\n  - name: a\n    expression: stage\n");

        Throwable thrown = catchThrowable(() -> SegmentsFile.load(file));

        assertThat(thrown).hasMessage(file + ":3: segments[0].expression: invalid expression, column 6: expected a"
                + " comparison (==, !=, <, <=, >, >=, in or not in) after stage, found the end of the expression");
    }
}
