package io.userops.segmentation.streams;

/** Which clock drives silence (docs/lifecycle.md, "Time"). */
public enum TimeMode {
    /** The wall clock, except while catching up on a backlog, when stream time does. */
    LIVE,
    /** Event time only: replaying the same log gives the same transitions, all flagged {@code replayed}. */
    REPLAY
}
