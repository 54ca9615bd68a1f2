package io.userops.segmentation.tags;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Known cities with their region and the aliases they go by ({@code 上海} for {@code shanghai}), matched in
 * {@linkplain TagNames#tagForm tag form}, so case-insensitively.
 */
public final class Cities {

    private final Synonyms names;
    private final Map<String, String> regionByCity;

    private Cities(Synonyms names, Map<String, String> regionByCity) {
        this.names = names;
        this.regionByCity = Map.copyOf(regionByCity);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The configured name, in tag form, of the city the text names. */
    public Optional<String> find(String text) {
        return names.canonical(text);
    }

    /** The region, in tag form, of a city {@link #find} returned. */
    public String regionOf(String city) {
        return regionByCity.get(city);
    }

    /** The city of a user: {@code traits.city}, else {@code traits.address.city}. */
    static Optional<String> cityOf(TagInput user) {
        return user.text("city", "address.city");
    }

    /** Fails at the first city or alias that is empty in tag form or already taken. */
    public static final class Builder {

        private final Synonyms.Builder names = Synonyms.builder();
        private final Map<String, String> regionByCity = new LinkedHashMap<>();

        private Builder() {
        }

        /** @throws IllegalArgumentException when the city is a duplicate or the region has no letters or digits */
        public Builder city(String name, String region) {
            String regionForm = TagNames.tagForm(region);
            if (regionForm.isEmpty()) {
                throw new IllegalArgumentException("the region '" + region + "' has no letters or digits");
            }
            names.name(name);
            regionByCity.put(TagNames.tagForm(name), regionForm);
            return this;
        }

        /** @throws IllegalArgumentException when the alias already names a city */
        public Builder alias(String city, String alias) {
            names.synonym(city, alias);
            return this;
        }

        public Cities build() {
            return new Cities(names.build(), regionByCity);
        }
    }
}
