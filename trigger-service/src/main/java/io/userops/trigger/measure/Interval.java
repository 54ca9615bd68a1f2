package io.userops.trigger.measure;

/** A confidence interval, {@code lower <= upper}. */
public record Interval(double lower, double upper) {

    public Interval {
        if (!(lower <= upper)) {
            throw new IllegalArgumentException("lower " + lower + " is above upper " + upper);
        }
    }

    public boolean contains(double value) {
        return lower <= value && value <= upper;
    }
}
