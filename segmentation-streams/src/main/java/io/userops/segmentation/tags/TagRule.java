package io.userops.segmentation.tags;

import java.time.Instant;
import java.util.Set;

/**
 * One family of tags, such as {@code age} or {@code city}: the extension point for further families (behaviour
 * tags built on segment expressions plug in here). {@link TagRules} names each value {@code family_value}.
 */
public interface TagRule {

    /** Lower-case letters a-z only: the prefix of every tag this rule gives. */
    String family();

    /**
     * The values of this family for the user, each with at least one letter or digit; empty when none applies.
     *
     * @param population the RFM quintile cut points of the current purchaser population
     * @param now        the time of evaluation (ages are counted at it); rules never read a clock
     */
    Set<String> valuesFor(TagInput user, RfmBoundaries population, Instant now);
}
