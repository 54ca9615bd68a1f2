package io.userops.trigger.measure;

/**
 * What a campaign changed: the treated group's conversion rate minus the holdout's, with Newcombe's
 * hybrid score interval, and the relative uplift. Every figure is null unless the status is
 * {@link UpliftStatus#MEASURED}; {@code relative} is also null when the holdout rate is 0.
 *
 * @param z the standard normal quantile the interval was computed with (1.96 for 95%)
 * @param absolute treated rate minus holdout rate, in [-1, 1]
 * @param lower lower bound of the interval for {@code absolute}
 * @param upper upper bound of the interval for {@code absolute}
 * @param relative treated rate / holdout rate - 1
 */
public record Uplift(UpliftStatus status, double z, Double absolute, Double lower, Double upper, Double relative) {

    /** The two-sided 95% quantile of the standard normal distribution. */
    public static final double Z_95 = 1.959963984540054;

    /**
     * Measures the uplift of the treated group over the holdout.
     *
     * @param z the standard normal quantile for the interval's confidence: {@link #Z_95} for 95%, 2.5758 for 99%
     * @throws IllegalArgumentException when z is not a positive number or a count is negative
     */
    public static Uplift measure(long treatedConverted, long treated, long holdoutConverted, long heldOut,
            double z) {
        requireZ(z);
        if (treatedConverted < 0 || treated < 0 || holdoutConverted < 0 || heldOut < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
        if (treated == 0 || heldOut == 0) {
            return notMeasured(UpliftStatus.INSUFFICIENT_DATA, z);
        }
        if (treatedConverted > treated || holdoutConverted > heldOut) {
            return notMeasured(UpliftStatus.INCONSISTENT_COUNTS, z);
        }
        Proportion treatedRate = new Proportion(treatedConverted, treated);
        Proportion holdoutRate = new Proportion(holdoutConverted, heldOut);
        Interval difference = newcombe(treatedRate, holdoutRate, z);
        double p1 = treatedRate.rate();
        double p2 = holdoutRate.rate();
        Double relative = holdoutConverted == 0 ? null : p1 / p2 - 1;
        return new Uplift(UpliftStatus.MEASURED, z, p1 - p2, difference.lower(), difference.upper(), relative);
    }

    /**
     * Newcombe's hybrid score interval for {@code p1 - p2} (Newcombe 1998, method 10): each side's
     * distance to its bound combines the two Wilson intervals' distances in quadrature.
     */
    public static Interval newcombe(Proportion first, Proportion second, double z) {
        Interval w1 = first.wilson(z);
        Interval w2 = second.wilson(z);
        double p1 = first.rate();
        double p2 = second.rate();
        double d = p1 - p2;
        double lower = d - Math.sqrt(square(p1 - w1.lower()) + square(w2.upper() - p2));
        double upper = d + Math.sqrt(square(w1.upper() - p1) + square(p2 - w2.lower()));
        return new Interval(Math.max(-1, lower), Math.min(1, upper));
    }

    static void requireZ(double z) {
        if (!(z > 0) || Double.isInfinite(z)) {
            throw new IllegalArgumentException("z is a positive normal quantile such as 1.96, got " + z);
        }
    }

    private static Uplift notMeasured(UpliftStatus status, double z) {
        return new Uplift(status, z, null, null, null, null);
    }

    private static double square(double x) {
        return x * x;
    }
}
