package io.userops.trigger.campaign;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Users for policy tests: u-1 in Berlin with an email address, changed one trait at a time. */
final class Users {

    private final String stage;
    private final Map<String, Object> traits = new HashMap<>(Map.of("email", "ana@example.com",
            "timezone", "Europe/Berlin", "locale", "en-GB", "name", "Ana"));
    private Set<String> tags = Set.of();

    private Users(String stage) {
        this.stage = stage;
    }

    static Users inStage(String stage) {
        return new Users(stage);
    }

    Users with(String trait, Object value) {
        traits.put(trait, value);
        return this;
    }

    Users without(String trait) {
        traits.remove(trait);
        return this;
    }

    Users tagged(String... next) {
        tags = Set.of(next);
        return this;
    }

    UserSnapshot.Known snapshot() {
        return snapshot("u-1");
    }

    UserSnapshot.Known snapshot(String userId) {
        return new UserSnapshot.Known(userId, new Subject(stage, tags, traits, Map.of()), traits);
    }
}
