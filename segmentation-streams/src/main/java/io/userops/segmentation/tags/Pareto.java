package io.userops.segmentation.tags;

import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.DoublesSortedViewIterator;

/** The 80/20 figure: how much of the revenue the top fifth (or any top share) of purchasers brings. */
public final class Pareto {

    private Pareto() {
    }

    /**
     * The share of {@code totalRevenue} that comes from the top {@code topFraction} of the sketched purchasers,
     * approximately: the revenue of the bottom {@code 1 - topFraction} is read from the sketch's sorted view (its
     * retained values with their weights, splitting the value that straddles the cut), and the rest of the exact
     * total is the top's. With rank error ε the estimate is within ε × q(1 − topFraction + ε) × n / totalRevenue
     * of the exact share, where q is the quantile function and n the number of purchasers: a misplaced cut moves at
     * most εn users, none of them worth more than that quantile, across it. The exact total matters: the
     * sketch's own total rests on a sample of the few largest spenders and is far noisier.
     *
     * @param monetary     a sketch of revenue per purchaser, every value 0 or more
     * @param totalRevenue the exact revenue of the same purchasers
     * @param topFraction  the top share of purchasers, between 0 and 1, such as 0.2
     * @return the share between 0 and 1; NaN when the sketch is empty or there is no revenue
     */
    public static double topShareOfRevenue(KllDoublesSketch monetary, double totalRevenue, double topFraction) {
        if (!(topFraction >= 0 && topFraction <= 1)) {
            throw new IllegalArgumentException("topFraction must be between 0 and 1, but is " + topFraction);
        }
        if (monetary.isEmpty() || !(totalRevenue > 0)) {
            return Double.NaN;
        }
        double bottomUsers = (1 - topFraction) * monetary.getN();
        double bottomRevenue = 0;
        long usersSeen = 0;
        DoublesSortedViewIterator values = monetary.getSortedView().iterator();
        while (values.next() && usersSeen < bottomUsers) {
            long weight = values.getWeight();
            bottomRevenue += values.getQuantile() * Math.min(weight, bottomUsers - usersSeen);
            usersSeen += weight;
        }
        return Math.max(0, Math.min(1, 1 - bottomRevenue / totalRevenue));
    }
}
