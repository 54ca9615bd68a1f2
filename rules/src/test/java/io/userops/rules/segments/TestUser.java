package io.userops.rules.segments;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** A user for tests: a stage, tags, and traits and computed traits by name. */
record TestUser(String stage, Set<String> tags, Map<String, Object> traits, Map<String, Object> computedTraits)
        implements SegmentSubject {

    static TestUser withStage(String stage) {
        return new TestUser(stage, Set.of(), Map.of(), Map.of());
    }

    TestUser withTags(String... next) {
        return new TestUser(stage, Set.of(next), traits, computedTraits);
    }

    TestUser withTrait(String name, Object value) {
        Map<String, Object> next = new HashMap<>(traits);
        next.put(name, value);
        return new TestUser(stage, tags, next, computedTraits);
    }

    TestUser withComputed(String name, Object value) {
        Map<String, Object> next = new HashMap<>(computedTraits);
        next.put(name, value);
        return new TestUser(stage, tags, traits, next);
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
