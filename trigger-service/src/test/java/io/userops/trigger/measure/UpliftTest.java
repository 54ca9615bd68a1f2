package io.userops.trigger.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Conversion-rate intervals and the uplift, against published values and a derivation written out here. */
class UpliftTest {

    private static final double Z = Uplift.Z_95;
    /** Published figures have 4 decimals. */
    private static final double PUBLISHED = 0.5e-4;

    /**
     * The Wilson interval from its definition rather than from its closed form: the rates π that the
     * score test does not reject, (p - π)^2 = z^2 π (1 - π) / n, i.e. the two roots of
     * (1 + z^2/n) π^2 - (2p + z^2/n) π + p^2 = 0. Near p = 1 the textbook formula subtracts near-equal
     * numbers and loses digits, so the discriminant b^2 - 4ac is written out as k (4p (1 - p) + k), and
     * the smaller root comes from the product of the roots, c / a.
     */
    private static double[] wilsonFromDefinition(long successes, long trials, double z) {
        double p = (double) successes / trials;
        double k = z * z / trials;
        double a = 1 + k;
        double b = -(2 * p + k);
        double c = p * p;
        double q = (double) (trials - successes) / trials;
        double larger = (-b + Math.sqrt(k * (4 * p * q + k))) / (2 * a);
        return new double[] {c / (a * larger), larger};
    }

    @ParameterizedTest(name = "{0}/{1} at z={2}")
    @CsvSource({"0, 1, 1.96", "1, 1, 1.96", "0, 20, 1.96", "1, 29, 1.96", "29, 29, 1.96", "81, 263, 1.96",
            "3, 7, 1.0", "500, 1000, 2.5758", "1, 100000, 1.96", "99999, 100000, 3.29"})
    void shouldMatchTheWilsonIntervalDerivedFromItsDefinition(long successes, long trials, double z) {
        Interval wilson = new Proportion(successes, trials).wilson(z);
        double[] expected = wilsonFromDefinition(successes, trials, z);

        assertThat(wilson.lower()).isCloseTo(expected[0], within(1e-12));
        assertThat(wilson.upper()).isCloseTo(expected[1], within(1e-12));
    }

    /**
     * Newcombe RG. Two-sided confidence intervals for the single proportion: comparison of seven methods.
     * Statistics in Medicine 1998;17:857-872, Table I, method 3 (score interval without continuity
     * correction), 95%.
     */
    @ParameterizedTest(name = "{0}/{1} -> ({2}, {3})")
    @CsvSource({"81, 263, 0.2553, 0.3662", "15, 148, 0.0624, 0.1605", "0, 20, 0.0000, 0.1611",
            "1, 29, 0.0061, 0.1718", "29, 29, 0.8830, 1.0000"})
    void shouldMatchNewcombesPublishedWilsonIntervals(long successes, long trials, double lower, double upper) {
        Interval wilson = new Proportion(successes, trials).wilson(Z);

        assertThat(wilson.lower()).isCloseTo(lower, within(PUBLISHED));
        assertThat(wilson.upper()).isCloseTo(upper, within(PUBLISHED));
    }

    /**
     * Newcombe RG. Interval estimation for the difference between independent proportions: comparison of
     * eleven methods. Statistics in Medicine 1998;17:873-890, Table II, method 10 (hybrid score, no
     * continuity correction), 95%; the same figures are in DescTools' tests of BinomDiffCI(method =
     * "score"). Example (a) is 56/70 vs 48/80: the difference is 0.2000 and the interval 0.0524 to 0.3339
     * (a brief once quoted 0.1000 and (-0.0524, 0.2439); recomputed here, those are not this example's).
     */
    @ParameterizedTest(name = "{0}/{1} - {2}/{3} -> ({4}, {5})")
    @CsvSource({
            "56, 70, 48, 80, 0.0524, 0.3339",
            "9, 10, 3, 10, 0.1705, 0.8090",
            "6, 7, 2, 7, 0.0582, 0.8062",
            "5, 56, 0, 29, -0.0381, 0.1926",
            "0, 10, 0, 20, -0.1611, 0.2775",
            "0, 10, 0, 10, -0.2775, 0.2775",
            "10, 10, 0, 20, 0.6791, 1.0000",
            "10, 10, 0, 10, 0.6075, 1.0000"
    })
    void shouldMatchNewcombesPublishedDifferenceIntervals(long c1, long n1, long c2, long n2, double lower,
            double upper) {
        Uplift uplift = Uplift.measure(c1, n1, c2, n2, Z);

        assertThat(uplift.status()).isEqualTo(UpliftStatus.MEASURED);
        assertThat(uplift.absolute()).isCloseTo((double) c1 / n1 - (double) c2 / n2, within(1e-15));
        assertThat(uplift.lower()).isCloseTo(lower, within(PUBLISHED));
        assertThat(uplift.upper()).isCloseTo(upper, within(PUBLISHED));
    }

    @Test
    void shouldBuildTheDifferenceIntervalFromTheTwoWilsonIntervals() {
        double[] w1 = wilsonFromDefinition(56, 70, Z);
        double[] w2 = wilsonFromDefinition(48, 80, Z);
        double p1 = 0.8;
        double p2 = 0.6;

        Interval interval = Uplift.newcombe(new Proportion(56, 70), new Proportion(48, 80), Z);

        assertThat(interval.lower()).isCloseTo(p1 - p2 - Math.hypot(p1 - w1[0], w2[1] - p2), within(1e-12));
        assertThat(interval.upper()).isCloseTo(p1 - p2 + Math.hypot(w1[1] - p1, p2 - w2[0]), within(1e-12));
    }

    @Test
    void shouldGiveTheRelativeUpliftAsTheRatioMinusOne() {
        Uplift uplift = Uplift.measure(30, 100, 20, 100, Z);

        assertThat(uplift.absolute()).isCloseTo(0.1, within(1e-15));
        assertThat(uplift.relative()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void shouldLeaveTheRelativeUpliftOutWhenNoHeldOutUserConverted() {
        Uplift uplift = Uplift.measure(3, 40, 0, 10, Z);

        assertThat(uplift.status()).isEqualTo(UpliftStatus.MEASURED);
        assertThat(uplift.absolute()).isCloseTo(0.075, within(1e-15));
        assertThat(uplift.lower()).isNegative();
        assertThat(uplift.relative()).isNull();
    }

    @Test
    void shouldMeasureNoUpliftWhenEveryoneConverted() {
        Uplift uplift = Uplift.measure(50, 50, 5, 5, Z);

        assertThat(uplift.absolute()).isZero();
        assertThat(uplift.relative()).isZero();
        assertThat(uplift.upper()).isCloseTo(1 - wilsonFromDefinition(5, 5, Z)[0], within(1e-12));
        assertThat(uplift.lower()).isCloseTo(-(1 - wilsonFromDefinition(50, 50, Z)[0]), within(1e-12));
    }

    @Test
    void shouldGiveAWideButBoundedIntervalForOneUserInEachGroup() {
        Uplift uplift = Uplift.measure(1, 1, 0, 1, Z);

        assertThat(uplift.absolute()).isEqualTo(1.0);
        assertThat(uplift.upper()).isEqualTo(1.0);
        assertThat(uplift.lower()).as("one user each proves nothing").isNegative().isGreaterThan(-1);
    }

    @Test
    void shouldReportInsufficientDataWhileAGroupIsEmpty() {
        assertThat(Uplift.measure(0, 0, 2, 10, Z)).isEqualTo(
                new Uplift(UpliftStatus.INSUFFICIENT_DATA, Z, null, null, null, null));
        assertThat(Uplift.measure(2, 10, 0, 0, Z).status()).isEqualTo(UpliftStatus.INSUFFICIENT_DATA);
        assertThat(Uplift.measure(0, 0, 0, 0, Z).status()).isEqualTo(UpliftStatus.INSUFFICIENT_DATA);
    }

    @Test
    void shouldReportInconsistentCountsRatherThanARateAboveOne() {
        assertThat(Uplift.measure(11, 10, 0, 10, Z).status()).isEqualTo(UpliftStatus.INCONSISTENT_COUNTS);
        assertThat(Uplift.measure(1, 10, 4, 3, Z).absolute()).isNull();
    }

    @Test
    void shouldWidenTheIntervalForAHigherConfidence() {
        Uplift at95 = Uplift.measure(56, 70, 48, 80, Z);
        Uplift at99 = Uplift.measure(56, 70, 48, 80, 2.5758293035489);

        assertThat(at99.z()).isEqualTo(2.5758293035489);
        assertThat(at99.lower()).isLessThan(at95.lower());
        assertThat(at99.upper()).isGreaterThan(at95.upper());
        assertThat(at99.absolute()).isEqualTo(at95.absolute());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -1.96, Double.NaN, Double.POSITIVE_INFINITY})
    void shouldRefuseAZThatIsNotAPositiveQuantile(double z) {
        assertThatThrownBy(() -> Uplift.measure(1, 2, 1, 2, z)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("z is a positive normal quantile");
    }

    @Test
    void shouldRefuseAProportionWithoutTrialsOrWithMoreSuccessesThanTrials() {
        assertThatThrownBy(() -> new Proportion(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Proportion(3, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Uplift.measure(-1, 2, 1, 2, Z)).isInstanceOf(IllegalArgumentException.class);
    }
}
