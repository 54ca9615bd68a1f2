package io.userops.trigger.measure;

/** Whether an uplift could be measured from the counts. */
public enum UpliftStatus {
    /** Both groups have users: the figures are set. */
    MEASURED,
    /** The treated group or the holdout has no users yet: nothing can be compared. */
    INSUFFICIENT_DATA,
    /** A group has more conversions than users, which the counting contract rules out: a bug upstream. */
    INCONSISTENT_COUNTS
}
