package io.userops.segmentation.tags;

/**
 * The values at ranks 0.2, 0.4, 0.6 and 0.8 of one RFM dimension: each cut is the smallest value with at least
 * that share of the population at or below it.
 */
public record QuintileCuts(double p20, double p40, double p60, double p80) {

    public QuintileCuts {
        if (!(p20 <= p40 && p40 <= p60 && p60 <= p80)) {
            throw new IllegalArgumentException("quintile cuts must not fall: " + p20 + ", " + p40 + ", " + p60
                    + ", " + p80);
        }
    }

    /**
     * 1 plus the number of cuts strictly below the value: 1 for the lowest fifth, 5 for the highest. A value equal
     * to a cut takes the lower score, so equal values always score alike; where many users share a value (most
     * have one order) the scores it spans collapse to the lowest of them and some scores go unused.
     */
    public int score(double value) {
        return 1 + above(value, p20) + above(value, p40) + above(value, p60) + above(value, p80);
    }

    private static int above(double value, double cut) {
        return value > cut ? 1 : 0;
    }
}
