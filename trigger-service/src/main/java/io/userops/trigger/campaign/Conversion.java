package io.userops.trigger.campaign;

import java.time.Instant;
import java.util.Objects;

/** A user met a campaign's goal within its window after a send ({@code heldOut} false) or a hold-out (true). */
public record Conversion(String campaignId, String triggerId, boolean heldOut, Instant decidedAt,
                         Instant convertedAt) {
    public Conversion {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(triggerId, "triggerId");
        Objects.requireNonNull(decidedAt, "decidedAt");
        Objects.requireNonNull(convertedAt, "convertedAt");
    }
}
