package io.userops.segmentation.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.userops.segmentation.tags.QuintileCuts;
import io.userops.segmentation.tags.RfmBoundaries;
import io.userops.segmentation.tags.RfmRules;
import io.userops.segmentation.tags.RfmScore.Scored;
import io.userops.segmentation.tags.TagInput;
import io.userops.segmentation.tags.TagRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TagRulesFileTest {

    static final Instant NOW = Instant.parse("2026-03-15T12:00:00Z");
    static final TagRules DEFAULTS = TagRulesFile.defaults();
    /** Cut points 1.5, 2.5, 3.5, 4.5 in every dimension: a value of 1 to 5 is its own score. */
    static final QuintileCuts HALVES = new QuintileCuts(1.5, 2.5, 3.5, 4.5);

    static RfmBoundaries boundaries(long purchasers) {
        return new RfmBoundaries(purchasers, HALVES, HALVES, HALVES);
    }

    /** The rfm, archetype and tier tags of a purchaser whose score against {@link #boundaries} is the code. */
    static List<String> tagsOfScore(TagRules rules, String code, long purchasers) {
        TagInput user = new TagInput(Map.of(), Instant.ofEpochSecond(code.charAt(0) - '0'), code.charAt(1) - '0',
                code.charAt(2) - '0', "ENGAGED", Instant.EPOCH);
        return rules.tagsFor(user, boundaries(purchasers), NOW).stream()
                .filter(tag -> tag.matches("(rfm|archetype|tier)_.*")).toList();
    }

    static TagInput withTraits(Object... keysAndValues) {
        Map<String, Object> traits = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            traits.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return TagInput.withoutPurchases(traits, "NEW", NOW);
    }

    static SortedSet<String> tags(TagRules rules, Object... keysAndValues) {
        return rules.tagsFor(withTraits(keysAndValues), RfmBoundaries.none(), NOW);
    }

    @Test
    void shouldTagAFullProfileWithTheDefaults() {
        assertThat(tags(DEFAULTS, "birthday", "1995-07-01", "gender", "Female", "income", 80_000, "city", "上海",
                "occupation", "程序员")).containsExactly("age_25_34", "city_shanghai", "gender_female",
                "income_middle", "occupation_engineer", "region_east_china");
        assertThat(DEFAULTS.families()).containsExactly("age", "gender", "income", "city", "region", "occupation",
                "rfm", "archetype", "tier");
    }

    @Test
    void shouldGiveAnEmptyFileTheDefaults() {
        TagRules empty = TagRulesFile.parse("", "empty.yaml");

        assertThat(tags(empty, "age", 70, "city", "peking", "income", "HIGH"))
                .isEqualTo(tags(DEFAULTS, "age", 70, "city", "peking", "income", "HIGH"))
                .containsExactly("age_65_plus", "city_beijing", "gender_unknown", "income_high", "region_north_china");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "555, champions", "454, champions", "444, champions",
            "354, loyal", "531, loyal", "335, loyal",
            "515, new", "411, new",
            "521, potential_loyalist", "311, potential_loyalist", "325, potential_loyalist",
            "155, at_risk", "144, at_risk", "231, at_risk", "215, at_risk", "114, at_risk",
            "111, hibernating", "122, hibernating", "213, hibernating"})
    void shouldMapScoresToTheDefaultArchetypes(String code, String archetype) {
        assertThat(tagsOfScore(DEFAULTS, code, 1_000)).filteredOn(tag -> tag.startsWith("archetype_"))
                .containsExactly("archetype_" + archetype);
    }

    @Test
    void shouldGiveEveryScoreADefaultArchetype() {
        for (Scored score : RfmRules.allScores()) {
            assertThat(tagsOfScore(DEFAULTS, score.code(), 1_000)).as(score.code())
                    .anyMatch(tag -> tag.startsWith("archetype_"));
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "155, key", "544, key", "145, key",
            "515, potential", "124, potential", "521, potential", "431, potential", "533, potential",
            "311, occasional", "112, occasional", "221, occasional", "522, potential",
            "333, general", "353, general", "143, general", "131, general"})
    void shouldPlaceScoresInTheDefaultValueTiers(String code, String tier) {
        assertThat(tagsOfScore(DEFAULTS, code, 1_000)).filteredOn(tag -> tag.startsWith("tier_"))
                .containsExactly("tier_" + tier);
    }

    @Test
    void shouldTagTheScoresOfPurchasersOnceThereAreTwentyByDefault() {
        assertThat(tagsOfScore(DEFAULTS, "524", 20)).containsExactly("archetype_potential_loyalist", "rfm_f2",
                "rfm_m4", "rfm_r5", "tier_potential");
        assertThat(tagsOfScore(DEFAULTS, "524", 19)).isEmpty();
    }

    @Test
    void shouldKeepDefaultsForSettingsTheFileLeavesOut() {
        TagRules rules = TagRulesFile.parse("""
                rfm:
                  minPurchasers: 50
                """, "rules.yaml");

        assertThat(tagsOfScore(rules, "555", 49)).isEmpty();
        assertThat(tagsOfScore(rules, "555", 50)).contains("archetype_champions", "tier_key");
        assertThat(tags(rules, "age", 30, "gender", "m")).containsExactly("age_25_34", "gender_male");
    }

    @Test
    void shouldReplaceListsAndMapsWhole() {
        TagRules rules = TagRulesFile.parse("""
                age:
                  bands: [0-17, 18+]
                location:
                  cities:
                    lyon: {region: france}
                occupation:
                  synonyms:
                    chef: [cook]
                rfm:
                  archetypes:
                    - {archetype: lost, r: 1}
                  valueTiers:
                    - {tier: occasional}
                """, "rules.yaml");

        assertThat(tags(rules, "age", 12, "city", "Lyon", "occupation", "Cook"))
                .containsExactly("age_0_17", "city_lyon", "gender_unknown", "occupation_chef", "region_france");
        assertThat(tags(rules, "age", 30, "city", "Shanghai", "occupation", "engineer"))
                .containsExactly("age_18_plus", "city_shanghai", "gender_unknown", "occupation_other");
        assertThat(tagsOfScore(rules, "155", 100)).contains("archetype_lost", "tier_occasional");
        assertThat(tagsOfScore(rules, "555", 100)).contains("tier_occasional").noneMatch(t -> t.startsWith("arch"));
    }

    @Test
    void shouldPassConfiguredIncomeLabelsThroughElseTheBandLabels() {
        TagRules labelled = TagRulesFile.parse("""
                income:
                  labels: [Lower Middle, high]
                """, "rules.yaml");
        TagRules rebanded = TagRulesFile.parse("""
                income:
                  bands: {modest: 0, ample: 100000}
                """, "rules.yaml");

        assertThat(tags(labelled, "income", "lower-middle")).contains("income_lower_middle");
        assertThat(tags(labelled, "income", "middle")).noneMatch(t -> t.startsWith("income"));
        assertThat(tags(labelled, "income", 60_000)).contains("income_middle");
        assertThat(tags(DEFAULTS, "income", "middle")).contains("income_middle");
        assertThat(tags(rebanded, "income", "ample")).contains("income_ample");
        assertThat(tags(rebanded, "income", "high")).noneMatch(t -> t.startsWith("income"));
        assertThat(tags(rebanded, "income", 99_999.5)).contains("income_modest");
    }

    @Test
    void shouldLoadAFileByPath(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("tags.yaml"), """
                gender:
                  synonyms:
                    female: [w, 女士]
                """);

        TagRules rules = TagRulesFile.load(file);

        assertThat(tags(rules, "gender", "女士")).contains("gender_female");
        assertThat(tags(rules, "gender", "woman")).contains("gender_unknown");
        assertThat(tags(rules, "gender", "male")).contains("gender_male");
        assertThat(Set.copyOf(tags(rules, "gender", "F"))).containsExactly("gender_unknown");
    }
}
