package io.userops.rules.segments;

import java.util.Map;
import java.util.Set;

/**
 * A user as the services hold them: stage, tags, traits and computed traits in maps. The address fields of a
 * Segment {@code identify} ({@code traits.address.city}) are also read by their short name ({@code traits.city}).
 */
public record ProfileSubject(String stage, Set<String> tags, Map<String, ?> traits, Map<String, ?> computedTraits)
        implements SegmentSubject {

    private static final Set<String> ADDRESS_FIELDS = Set.of("city", "country", "postalCode", "state", "street");

    @Override
    public Object trait(String name) {
        Object value = traits.get(name);
        if (value == null && ADDRESS_FIELDS.contains(name) && traits.get("address") instanceof Map<?, ?> address) {
            return address.get(name);
        }
        return value;
    }

    @Override
    public Object computed(String name) {
        return computedTraits.get(name);
    }
}
