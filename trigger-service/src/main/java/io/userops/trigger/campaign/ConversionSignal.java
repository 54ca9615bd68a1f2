package io.userops.trigger.campaign;

import java.time.Instant;
import java.util.Objects;

/** Something a user did that may complete a campaign's conversion goal. */
public sealed interface ConversionSignal permits ConversionSignal.StageReached, ConversionSignal.EventPerformed {

    Instant at();

    /** A lifecycle transition into {@code stage} (replayed transitions included: they happened). */
    record StageReached(String stage, Instant at) implements ConversionSignal {
        public StageReached {
            Stages.require(stage, "reached");
            Objects.requireNonNull(at, "at");
        }
    }

    /** A tracked event of the name the client sent, such as {@code Order Completed}. */
    record EventPerformed(String eventName, Instant at) implements ConversionSignal {
        public EventPerformed {
            Objects.requireNonNull(eventName, "eventName");
            Objects.requireNonNull(at, "at");
        }
    }
}
