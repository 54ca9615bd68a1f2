package io.userops.segmentation.tags;

/** A user's RFM score: three scores 1-5, or the reason there is none. */
public sealed interface RfmScore permits RfmScore.Scored, RfmScore.Unscored {

    /** 5 is best in each dimension: the most recent, the most frequent, the biggest spenders. */
    record Scored(int recency, int frequency, int monetary) implements RfmScore {

        public Scored {
            for (int score : new int[] {recency, frequency, monetary}) {
                if (score < 1 || score > 5) {
                    throw new IllegalArgumentException("RFM scores are 1-5, but got " + recency + "-" + frequency
                            + "-" + monetary);
                }
            }
        }

        /** The usual three-digit code such as {@code 555}. */
        public String code() {
            return "" + recency + frequency + monetary;
        }
    }

    enum Unscored implements RfmScore {
        /** The user has no order: RFM describes buyers only. */
        NO_PURCHASE,
        /** Fewer purchasers than {@link RfmRules#minPurchasers()}: quintiles of so few would be noise. */
        TOO_FEW_PURCHASERS
    }
}
