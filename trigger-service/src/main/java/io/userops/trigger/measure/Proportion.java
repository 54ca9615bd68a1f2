package io.userops.trigger.measure;

/** {@code successes} out of {@code trials}, such as users who converted out of users treated. */
public record Proportion(long successes, long trials) {

    public Proportion {
        if (successes < 0 || trials <= 0 || successes > trials) {
            throw new IllegalArgumentException("a proportion needs 0 <= successes <= trials and trials > 0, got "
                    + successes + "/" + trials);
        }
    }

    public double rate() {
        return (double) successes / trials;
    }

    /**
     * The Wilson score interval (Wilson 1927): the rates {@code π} whose normal test at {@code z} does not
     * reject the observed rate. Unlike the Wald interval it stays inside [0, 1] and is not empty when
     * every trial, or none, succeeded.
     *
     * @param z the standard normal quantile, {@link Uplift#Z_95} for 95%
     */
    public Interval wilson(double z) {
        Uplift.requireZ(z);
        double n = trials;
        double p = rate();
        double z2 = z * z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denominator;
        double halfWidth = z / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        // At p = 0 or 1 one bound is exactly the edge; rounding must not put it a hair outside [0, 1].
        double lower = successes == 0 ? 0 : Math.max(0, centre - halfWidth);
        double upper = successes == trials ? 1 : Math.min(1, centre + halfWidth);
        return new Interval(lower, upper);
    }
}
