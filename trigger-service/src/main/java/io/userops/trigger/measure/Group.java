package io.userops.trigger.measure;

/** Which side of a campaign's experiment a user is on. */
public enum Group {
    /** Triggered and not held out: the campaign tried to reach them (whether or not a send was skipped). */
    TREATED,
    /** Triggered and held out: the campaign deliberately did nothing, to measure what it changes. */
    HOLDOUT
}
