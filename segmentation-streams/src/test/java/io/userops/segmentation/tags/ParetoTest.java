package io.userops.segmentation.tags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParetoTest {

    /** Log-normal spend with sigma 1.68: the top fifth brings about 80% of the revenue. */
    static final double EIGHTY_TWENTY_SIGMA = 1.68;

    static double exactTopShare(double[] ascending, double topFraction) {
        double total = Arrays.stream(ascending).sum();
        double bottomUsers = (1 - topFraction) * ascending.length;
        double bottom = 0;
        for (int i = 0; i < ascending.length && i < bottomUsers; i++) {
            bottom += ascending[i] * Math.min(1, bottomUsers - i);
        }
        return 1 - bottom / total;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void shouldEstimateTheTopFifthsShareWithinTheBoundFromTheRankError(long seed) {
        Random random = new Random(seed);
        int n = 100_000;
        double[] revenues = new double[n];
        KllDoublesSketch sketch = KllDoublesSketch.newHeapInstance(RfmPopulation.DEFAULT_K);
        for (int i = 0; i < n; i++) {
            revenues[i] = 50 * Math.exp(EIGHTY_TWENTY_SIGMA * random.nextGaussian());
            sketch.update(revenues[i]);
        }
        Arrays.sort(revenues);
        double total = Arrays.stream(revenues).sum();
        double exact = exactTopShare(revenues, 0.2);
        // A cut misplaced by the rank error moves at most rankError * n users across it, none worth more than the
        // quantile at 0.8 + rankError: that bounds the error of the bottom 80%'s revenue, and so of the share.
        double rankError = sketch.getNormalizedRankError(false);
        double bound = rankError * revenues[(int) Math.ceil((0.8 + rankError) * n)] * n / total;

        double estimate = Pareto.topShareOfRevenue(sketch, total, 0.2);

        assertThat(exact).isCloseTo(0.8, within(0.01));
        assertThat(bound).isBetween(0.005, 0.03);
        assertThat(estimate).isCloseTo(exact, within(bound));
    }

    @Test
    void shouldBeExactWhileTheSketchHoldsEveryValue() {
        KllDoublesSketch sketch = KllDoublesSketch.newHeapInstance();
        for (int revenue = 1; revenue <= 10; revenue++) {
            sketch.update(revenue);
        }

        assertThat(Pareto.topShareOfRevenue(sketch, 55, 0.2)).isCloseTo(19 / 55.0, within(1e-12));
        assertThat(Pareto.topShareOfRevenue(sketch, 55, 0.25)).isCloseTo((10 + 9 + 0.5 * 8) / 55.0, within(1e-12));
        assertThat(Pareto.topShareOfRevenue(sketch, 55, 1)).isEqualTo(1);
        assertThat(Pareto.topShareOfRevenue(sketch, 55, 0)).isEqualTo(0);
    }

    @Test
    void shouldHaveNoShareWithoutPurchasersOrRevenue() {
        KllDoublesSketch zeros = KllDoublesSketch.newHeapInstance();
        zeros.update(0);

        assertThat(Pareto.topShareOfRevenue(KllDoublesSketch.newHeapInstance(), 0, 0.2)).isNaN();
        assertThat(Pareto.topShareOfRevenue(zeros, 0, 0.2)).isNaN();
    }

    @Test
    void shouldRejectAFractionOutsideZeroToOne() {
        KllDoublesSketch sketch = KllDoublesSketch.newHeapInstance();
        sketch.update(1);

        assertThatThrownBy(() -> Pareto.topShareOfRevenue(sketch, 1, 1.2)).hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> Pareto.topShareOfRevenue(sketch, 1, Double.NaN))
                .hasMessageContaining("between 0 and 1");
    }
}
