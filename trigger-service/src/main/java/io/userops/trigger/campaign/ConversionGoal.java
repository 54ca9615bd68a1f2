package io.userops.trigger.campaign;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What counts as success for a campaign, and within how long of the decision to send (or to hold out) it counts.
 */
public sealed interface ConversionGoal permits ConversionGoal.ReachStage, ConversionGoal.PerformEvent {

    /** The longest window, as Customer.io allows. */
    Duration MAX_WINDOW = Duration.ofDays(90);

    Duration within();

    boolean isMetBy(ConversionSignal signal);

    /** Whether a signal at {@code at} falls in the window of a decision at {@code decidedAt}, both ends included. */
    default boolean isInWindow(Instant decidedAt, Instant at) {
        return !at.isBefore(decidedAt) && !at.isAfter(decidedAt.plus(within()));
    }

    record ReachStage(String stage, Duration within) implements ConversionGoal {
        public ReachStage {
            Stages.require(stage, "goal");
            requireWindow(within);
        }

        @Override
        public boolean isMetBy(ConversionSignal signal) {
            return signal instanceof ConversionSignal.StageReached reached && reached.stage().equals(stage);
        }
    }

    record PerformEvent(String eventName, Duration within) implements ConversionGoal {
        public PerformEvent {
            if (eventName == null || eventName.isBlank()) {
                throw new IllegalArgumentException("a conversion event needs a name");
            }
            requireWindow(within);
        }

        @Override
        public boolean isMetBy(ConversionSignal signal) {
            return signal instanceof ConversionSignal.EventPerformed performed
                    && performed.eventName().equals(eventName);
        }
    }

    private static void requireWindow(Duration within) {
        Objects.requireNonNull(within, "within");
        if (within.isNegative() || within.isZero() || within.compareTo(MAX_WINDOW) > 0) {
            throw new IllegalArgumentException("a conversion window is more than zero and at most 90d");
        }
    }
}
