package io.userops.segmentation.tags;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Users for tests. */
final class Users {

    static final Instant NOW = Instant.parse("2026-03-15T12:00:00Z");

    private Users() {
    }

    /** A user without orders and with traits given as key, value, key, value... */
    static TagInput withTraits(Object... keysAndValues) {
        Map<String, Object> traits = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            traits.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return TagInput.withoutPurchases(traits, "NEW", NOW.minusSeconds(86_400));
    }

    static TagInput purchaser(Instant lastPurchase, long orders, double totalRevenue) {
        return new TagInput(Map.of(), lastPurchase, orders, totalRevenue, "ENGAGED", lastPurchase.minusSeconds(1));
    }
}
