package io.userops.segmentation.tags;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What tag rules see about one user.
 *
 * @param traits       the user's identify traits as received: {@code age} (a number or a number as text),
 *                     {@code birthday} (ISO date), {@code gender}, {@code income} (a number, or a band label),
 *                     {@code city} (or {@code address.city}), {@code region}, {@code occupation} (or
 *                     {@code title}), and any others
 * @param lastPurchase when the user last bought; null exactly when {@code orders} is 0
 * @param orders       orders placed, the F of RFM
 * @param totalRevenue the user's total spend, the M of RFM; 0 without orders
 * @param stage        the lifecycle stage name such as {@code NEW} or {@code AT_RISK}; null when unknown
 * @param firstSeen    when the user was first seen; null when unknown
 */
public record TagInput(Map<String, Object> traits, Instant lastPurchase, long orders, double totalRevenue,
                       String stage, Instant firstSeen) {

    public TagInput {
        traits = traits == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(traits));
        if (orders < 0) {
            throw new IllegalArgumentException("orders must be 0 or more, but is " + orders);
        }
        if ((orders == 0) != (lastPurchase == null)) {
            throw new IllegalArgumentException("lastPurchase is set exactly when orders > 0, but orders is " + orders
                    + " and lastPurchase " + lastPurchase);
        }
        if (!Double.isFinite(totalRevenue) || totalRevenue < 0 || orders == 0 && totalRevenue != 0) {
            throw new IllegalArgumentException("totalRevenue must be a finite amount of 0 or more, and 0 without"
                    + " orders, but is " + totalRevenue + " with " + orders + " orders");
        }
    }

    /** A user who has bought nothing yet. */
    public static TagInput withoutPurchases(Map<String, Object> traits, String stage, Instant firstSeen) {
        return new TagInput(traits, null, 0, 0, stage, firstSeen);
    }

    public boolean hasPurchased() {
        return orders > 0;
    }

    /** The trait at a path such as {@code address.city}, when present and not null. */
    public Optional<Object> trait(String path) {
        Object value = traits;
        for (String key : path.split("\\.")) {
            value = value instanceof Map<?, ?> map ? map.get(key) : null;
        }
        return Optional.ofNullable(value);
    }

    /** The first of the traits that is present and has letters or digits, as text. */
    Optional<String> text(String... paths) {
        for (String path : paths) {
            Optional<String> text = trait(path).map(String::valueOf).filter(s -> !TagNames.tagForm(s).isEmpty());
            if (text.isPresent()) {
                return text;
            }
        }
        return Optional.empty();
    }
}
