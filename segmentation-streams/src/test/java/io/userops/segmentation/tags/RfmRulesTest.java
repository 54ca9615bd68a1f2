package io.userops.segmentation.tags;

import static io.userops.segmentation.tags.Users.NOW;
import static io.userops.segmentation.tags.Users.purchaser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userops.segmentation.tags.RfmScore.Scored;
import io.userops.segmentation.tags.RfmScore.Unscored;
import io.userops.segmentation.tags.ScoreRule.Range;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RfmRulesTest {

    /** Cut points 1.5, 2.5, 3.5, 4.5 in every dimension: a value of 1 to 5 is its own score. */
    static final QuintileCuts HALVES = new QuintileCuts(1.5, 2.5, 3.5, 4.5);

    static RfmBoundaries boundaries(long purchasers) {
        return new RfmBoundaries(purchasers, HALVES, HALVES, HALVES);
    }

    /** A purchaser whose score against {@link #boundaries} is r-f-m. */
    static TagInput scoring(int r, int f, int m) {
        return purchaser(Instant.ofEpochSecond(r), f, m);
    }

    static ScoreRule<Archetype> archetype(Archetype archetype, String r, String f, String m) {
        return new ScoreRule<>(archetype, Range.parse(r), Range.parse(f), Range.parse(m));
    }

    static ScoreRule<ValueTier> tier(ValueTier tier, String r, String f, String m) {
        return new ScoreRule<>(tier, Range.parse(r), Range.parse(f), Range.parse(m));
    }

    static final ScoreRule<ValueTier> EVERYONE_GENERAL = tier(ValueTier.GENERAL, "1-5", "1-5", "1-5");

    static RfmRules rules(int minPurchasers) {
        return new RfmRules(minPurchasers,
                List.of(archetype(Archetype.CHAMPIONS, "5", "4-5", "4-5"),
                        archetype(Archetype.LOYAL, "4-5", "4-5", "1-5"),
                        archetype(Archetype.HIBERNATING, "1", "1-5", "1-5")),
                List.of(tier(ValueTier.KEY, "1-5", "5", "5"), EVERYONE_GENERAL));
    }

    @Test
    void shouldNotScoreAUserWithoutOrders() {
        assertThat(rules(20).score(Users.withTraits(), boundaries(1_000))).isEqualTo(Unscored.NO_PURCHASE);
    }

    @Test
    void shouldScoreNobodyWhileThereAreFewerPurchasersThanTheMinimum() {
        assertThat(rules(20).score(scoring(5, 5, 5), boundaries(19))).isEqualTo(Unscored.TOO_FEW_PURCHASERS);
        assertThat(rules(20).score(scoring(5, 5, 5), boundaries(20))).isEqualTo(new Scored(5, 5, 5));
        assertThat(rules(20).score(scoring(5, 5, 5), RfmBoundaries.none())).isEqualTo(Unscored.TOO_FEW_PURCHASERS);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"555, CHAMPIONS", "545, CHAMPIONS", "455, LOYAL", "553, LOYAL", "155, HIBERNATING", "111, HIBERNATING"})
    void shouldNameTheArchetypeOfTheFirstMatchingRule(String code, Archetype archetype) {
        assertThat(rules(20).archetypeOf(scored(code))).contains(archetype);
    }

    @Test
    void shouldLeaveAScoreNoArchetypeRuleMatchesWithoutArchetype() {
        assertThat(rules(20).archetypeOf(new Scored(3, 3, 3))).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"155, KEY", "555, KEY", "554, GENERAL", "111, GENERAL"})
    void shouldNameTheTierOfTheFirstMatchingRule(String code, ValueTier tier) {
        assertThat(rules(20).tierOf(scored(code))).isEqualTo(tier);
    }

    @Test
    void shouldTagScoresArchetypeAndTierOfScoredUsersOnly() {
        TagRules tags = new TagRules(rules(20).tagRules());

        assertThat(tags.families()).containsExactly("rfm", "archetype", "tier");
        assertThat(tags.tagsFor(scoring(5, 4, 5), boundaries(100), NOW))
                .containsExactly("archetype_champions", "rfm_f4", "rfm_m5", "rfm_r5", "tier_general");
        assertThat(tags.tagsFor(scoring(3, 3, 3), boundaries(100), NOW))
                .containsExactly("rfm_f3", "rfm_m3", "rfm_r3", "tier_general");
        assertThat(tags.tagsFor(scoring(5, 5, 5), boundaries(10), NOW)).isEmpty();
        assertThat(tags.tagsFor(Users.withTraits(), boundaries(100), NOW)).isEmpty();
    }

    @Test
    void shouldRequireAValueTierForEveryScore() {
        List<ScoreRule<ValueTier>> gap = List.of(tier(ValueTier.KEY, "1-5", "4-5", "1-5"),
                tier(ValueTier.OCCASIONAL, "1-5", "1-2", "1-5"));

        assertThatThrownBy(() -> new RfmRules(20, List.of(), gap)).hasMessage("the score 131 matches no value tier;"
                + " end the list with a tier without score ranges to catch the rest");
    }

    @Test
    void shouldRequireEnoughPurchasersForQuintiles() {
        assertThatThrownBy(() -> new RfmRules(4, List.of(), List.of(EVERYONE_GENERAL)))
                .hasMessage("must be at least 5 (quintiles need five purchasers), but is 4");
        assertThat(new RfmRules(5, List.of(), List.of(EVERYONE_GENERAL)).minPurchasers()).isEqualTo(5);
    }

    @Test
    void shouldListAll125ScoresOnce() {
        List<Scored> all = RfmRules.allScores();

        assertThat(all).hasSize(125).doesNotHaveDuplicates().contains(new Scored(1, 1, 1), new Scored(5, 5, 5),
                new Scored(1, 5, 3));
        assertThat(new HashSet<>(all.stream().map(Scored::code).toList())).hasSize(125);
    }

    @Test
    void shouldKeepScoresBetweenOneAndFive() {
        assertThat(new Scored(1, 4, 5).code()).isEqualTo("145");
        assertThatThrownBy(() -> new Scored(0, 3, 3)).hasMessageContaining("RFM scores are 1-5, but got 0-3-3");
        assertThatThrownBy(() -> new Scored(3, 3, 6)).hasMessageContaining("RFM scores are 1-5, but got 3-3-6");
    }

    @ParameterizedTest(name = "''{0}'' -> {1}-{2}")
    @CsvSource({"4-5, 4, 5", "3, 3, 3", "' 1 - 2 ', 1, 2", "5-5, 5, 5"})
    void shouldReadScoreRanges(String text, int min, int max) {
        assertThat(Range.parse(text)).isEqualTo(new Range(min, max));
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource({"0", "6", "5-4", "4-6", "high", "'4..5'", "''"})
    void shouldRejectScoreRangesOutsideOneToFive(String text) {
        assertThatThrownBy(() -> Range.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    static Scored scored(String code) {
        return new Scored(code.charAt(0) - '0', code.charAt(1) - '0', code.charAt(2) - '0');
    }

    @Test
    void shouldReadTheScoreOfTheHelperUser() {
        assertThat(rules(20).score(scoring(2, 4, 1), boundaries(100))).isEqualTo(new Scored(2, 4, 1));
        assertThat(rules(20).score(scoring(1, 1, 1), boundaries(100))).isEqualTo(new Scored(1, 1, 1));
    }
}
