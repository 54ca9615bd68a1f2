package io.userops.segmentation.tags;

import java.time.Instant;
import java.util.Set;

/**
 * {@code city_<name>} from {@code traits.city} (else {@code traits.address.city}): a known city by its configured
 * name ({@code 上海} gives {@code city_shanghai}), any other city by its own name in tag form.
 */
public record CityRule(Cities cities) implements TagRule {

    @Override
    public String family() {
        return "city";
    }

    @Override
    public Set<String> valuesFor(TagInput user, RfmBoundaries population, Instant now) {
        return Cities.cityOf(user).map(city -> Set.of(cities.find(city).orElseGet(() -> TagNames.tagForm(city))))
                .orElse(Set.of());
    }
}
