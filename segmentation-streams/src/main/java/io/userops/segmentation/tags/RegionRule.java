package io.userops.segmentation.tags;

import java.time.Instant;
import java.util.Set;

/** {@code region_<name>}: the configured region of a known city, else {@code traits.region} in tag form. */
public record RegionRule(Cities cities) implements TagRule {

    @Override
    public String family() {
        return "region";
    }

    @Override
    public Set<String> valuesFor(TagInput user, RfmBoundaries population, Instant now) {
        return Cities.cityOf(user).flatMap(cities::find).map(cities::regionOf)
                .or(() -> user.text("region").map(TagNames::tagForm))
                .map(Set::of).orElse(Set.of());
    }
}
