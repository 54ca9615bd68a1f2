package io.userops.rules.segments;

import java.util.Set;

/** What a segment expression can see of one user. */
public interface SegmentSubject {

    /** The lifecycle stage name such as {@code AT_RISK}; null when the user has none yet. */
    String stage();

    /** The user's tags such as {@code big_spender}; empty when none. */
    Set<String> tags();

    /** A trait as sent by the client: a String, a Number, a Boolean, or null when absent. */
    Object trait(String name);

    /**
     * A computed trait: a Number, String, Boolean, {@link java.time.Instant}, a {@code Map<String, ?>} for
     * map-valued traits such as event counts by event name, or null when absent.
     */
    Object computed(String name);
}
