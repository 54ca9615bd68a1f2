package io.userops.trigger.campaign;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One decision per matched campaign, highest priority first; no decisions and a reason in
 * {@code ignoredBecause} when the occurrence triggers nothing by rule ({@value TriggerMatches#REPLAYED}).
 */
public record TriggerOutcome(List<TriggerDecision> decisions, Optional<String> ignoredBecause) {
    public TriggerOutcome {
        decisions = List.copyOf(decisions);
        Objects.requireNonNull(ignoredBecause, "ignoredBecause");
    }
}
