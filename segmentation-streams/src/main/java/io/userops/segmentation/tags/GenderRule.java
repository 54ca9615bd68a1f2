package io.userops.segmentation.tags;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Exactly one gender tag per user: {@code gender_male}, {@code gender_female}, {@code gender_other}, or
 * {@code gender_unknown} when {@code traits.gender} is absent or matches none of the synonyms. Gender is the one
 * attribute family with an "unknown" value, as its values are a closed set (and copy that must not assume a
 * gender is chosen by it).
 *
 * @param synonyms the texts meaning male, female and other; the names themselves always match
 */
public record GenderRule(Synonyms synonyms) implements TagRule {

    public static final List<String> GENDERS = List.of("male", "female", "other");
    public static final String UNKNOWN = "unknown";

    @Override
    public String family() {
        return "gender";
    }

    @Override
    public Set<String> valuesFor(TagInput user, RfmBoundaries population, Instant now) {
        return Set.of(user.text("gender").flatMap(synonyms::canonical).orElse(UNKNOWN));
    }
}
