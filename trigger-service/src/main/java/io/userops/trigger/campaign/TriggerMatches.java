package io.userops.trigger.campaign;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The campaigns an occurrence triggers, highest priority first; when it triggers none by rule rather than by
 * shape, {@code ignoredBecause} says why ({@value #REPLAYED}).
 */
public record TriggerMatches(List<Campaign> campaigns, Optional<String> ignoredBecause) {

    /** A transition decided while replaying history: it already happened once, and nothing is sent for it. */
    public static final String REPLAYED = "replayed";

    public TriggerMatches {
        campaigns = List.copyOf(campaigns);
        Objects.requireNonNull(ignoredBecause, "ignoredBecause");
        if (ignoredBecause.isPresent() && !campaigns.isEmpty()) {
            throw new IllegalArgumentException("an ignored occurrence matches no campaign");
        }
    }
}
