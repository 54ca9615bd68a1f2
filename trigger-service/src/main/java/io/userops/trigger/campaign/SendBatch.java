package io.userops.trigger.campaign;

import java.util.List;
import java.util.Objects;

/**
 * The decisions for one user's due sends, in the order they were decided (highest priority first), and the
 * user's history with every send and hold-out added: store it in place of the old one.
 */
public record SendBatch(List<SendDecision> decisions, SendHistory history) {
    public SendBatch {
        decisions = List.copyOf(decisions);
        Objects.requireNonNull(history, "history");
    }
}
