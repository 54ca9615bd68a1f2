package io.userops.trigger.template;

import java.util.Map;
import java.util.Objects;

/**
 * What a template may name about the user: {@code user.id}, {@code user.stage}, {@code traits.*} and
 * {@code computed.*}. Traits and computed traits are JSON-like values: text, numbers, booleans, instants,
 * lists and nested maps (reached with dotted names such as {@code traits.address.city}).
 *
 * <p>The maps are read as given, not copied: they must not change while a render runs.
 *
 * @param stage the lifecycle stage name such as {@code DORMANT}; may be null
 * @param traits null is read as no traits
 * @param computed null is read as no computed traits
 */
public record TemplateScope(String userId, String stage, Map<String, ?> traits, Map<String, ?> computed) {

    public TemplateScope {
        Objects.requireNonNull(userId, "userId");
        traits = traits == null ? Map.of() : traits;
        computed = computed == null ? Map.of() : computed;
    }
}
