package io.userops.segmentation.tags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuintileCutsTest {

    static final QuintileCuts CUTS = new QuintileCuts(10, 20, 30, 40);
    /** Most purchasers have one order: the three lowest cuts are all 1. */
    static final QuintileCuts TIED = new QuintileCuts(1, 1, 1, 3);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"-5, 1", "10, 1", "10.001, 2", "20, 2", "25, 3", "30, 3", "40, 4", "40.5, 5", "1e9, 5"})
    void shouldScoreOnePlusTheCutsBelowTheValue(double value, int score) {
        assertThat(CUTS.score(value)).isEqualTo(score);
    }

    @ParameterizedTest(name = "{0} orders -> F{1}")
    @CsvSource({"1, 1", "2, 4", "3, 4", "4, 5"})
    void shouldGiveTiedValuesTheLowestScoreTheySpan(double orders, int score) {
        assertThat(TIED.score(orders)).isEqualTo(score);
    }

    @Property
    void scoresRiseWithTheValueWithinOneToFive(@ForAll double a, @ForAll double b) {
        double low = Math.min(a, b);
        double high = Math.max(a, b);

        assertThat(CUTS.score(low)).isBetween(1, 5).isLessThanOrEqualTo(CUTS.score(high));
    }

    @org.junit.jupiter.api.Test
    void shouldRejectFallingCuts() {
        assertThatThrownBy(() -> new QuintileCuts(1, 3, 2, 4)).hasMessageContaining("must not fall");
        assertThatThrownBy(() -> new QuintileCuts(1, 2, 3, Double.NaN)).hasMessageContaining("must not fall");
    }
}
