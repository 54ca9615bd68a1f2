package io.userops.segmentation.tags;

import java.time.Instant;
import java.util.Set;

/**
 * The occupation, normalised: {@code occupation_engineer} for "Software Engineer" when the synonyms say so.
 * Read from {@code traits.occupation}, else {@code traits.title}; a text matching no name or synonym gives
 * {@code occupation_other}, which keeps free text from becoming a tag of its own.
 */
public record OccupationRule(Synonyms synonyms) implements TagRule {

    public static final String OTHER = "other";

    @Override
    public String family() {
        return "occupation";
    }

    @Override
    public Set<String> valuesFor(TagInput user, RfmBoundaries population, Instant now) {
        return user.text("occupation", "title").map(text -> Set.of(synonyms.canonical(text).orElse(OTHER)))
                .orElse(Set.of());
    }
}
