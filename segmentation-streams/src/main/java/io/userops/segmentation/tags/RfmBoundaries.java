package io.userops.segmentation.tags;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The quintile cut points of the purchaser population, from {@link RfmPopulation#boundaries()}.
 *
 * @param purchasers   the users with at least one order that the cuts describe
 * @param lastPurchase cut points of the last purchase time, in epoch seconds: a later purchase is more recent,
 *                     so the R score rises with it, and the cuts stay right as the clock moves on
 * @param frequency    cut points of the number of orders
 * @param monetary     cut points of the total revenue per user
 */
public record RfmBoundaries(long purchasers, QuintileCuts lastPurchase, QuintileCuts frequency,
                            QuintileCuts monetary) {

    private static final QuintileCuts NO_CUTS = new QuintileCuts(0, 0, 0, 0);
    private static final double SECONDS_PER_DAY = Duration.ofDays(1).toSeconds();

    public RfmBoundaries {
        if (purchasers < 0) {
            throw new IllegalArgumentException("purchasers must be 0 or more, but is " + purchasers);
        }
        Objects.requireNonNull(lastPurchase, "lastPurchase");
        Objects.requireNonNull(frequency, "frequency");
        Objects.requireNonNull(monetary, "monetary");
    }

    /** No purchasers yet: nobody is scored. */
    public static RfmBoundaries none() {
        return new RfmBoundaries(0, NO_CUTS, NO_CUTS, NO_CUTS);
    }

    /** The last-purchase cuts as days since purchase at {@code now}, for display: most days (R 1|2) first. */
    public List<Double> recencyDaysAt(Instant now) {
        double today = now.getEpochSecond();
        return List.of(lastPurchase.p20(), lastPurchase.p40(), lastPurchase.p60(), lastPurchase.p80()).stream()
                .map(cut -> (today - cut) / SECONDS_PER_DAY).toList();
    }
}
