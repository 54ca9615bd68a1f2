package io.userops.trigger.campaign;

import io.userops.rules.segments.SegmentSubject;
import java.util.Map;
import java.util.Set;

/** A user as expressions see them, for tests. */
record Subject(String stage, Set<String> tags, Map<String, Object> traits, Map<String, Object> computedTraits)
        implements SegmentSubject {

    static Subject inStage(String stage) {
        return new Subject(stage, Set.of(), Map.of(), Map.of());
    }

    @Override
    public Object trait(String name) {
        return traits.get(name);
    }

    @Override
    public Object computed(String name) {
        return computedTraits.get(name);
    }
}
