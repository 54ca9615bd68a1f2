package io.userops.segmentation.lifecycle;

import java.time.Instant;
import java.util.Objects;

/**
 * One move from a stage to another. Exactly one of {@code causeEventId} and {@code causeTimerAt} is set.
 *
 * @param from                 the stage before, null for the user's first transition
 * @param at                   the instant the transition holds from: the event time, or the threshold instant
 * @param correctsTransitionId the transition a correction retracts, else null
 */
public record Transition(String transitionId, String userId, Stage from, Stage to, Reason reason,
                         String causeEventId, Instant causeTimerAt, Instant at, boolean correction,
                         String correctsTransitionId) {

    public Transition {
        Objects.requireNonNull(transitionId, "transitionId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
        if ((causeEventId == null) == (causeTimerAt == null)) {
            throw new IllegalArgumentException("a transition has exactly one cause: an event or a timer");
        }
    }
}
