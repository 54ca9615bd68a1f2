package io.userops.segmentation.lifecycle;

import java.time.Instant;
import java.util.Objects;

/** What the decider reacts to: an activity of the user, or the passing of time. */
public sealed interface LifecycleInput permits LifecycleInput.Activity, LifecycleInput.TimerFired,
        LifecycleInput.IdentityMerged {

    /**
     * The user did something that counts as activity.
     *
     * @param eventId  the event's messageId, named as the cause of any transition it makes
     * @param at       the event time
     * @param keyEvent whether the event is one of the configured key events of the activation criterion
     */
    record Activity(String eventId, Instant at, boolean keyEvent) implements LifecycleInput {
        public Activity {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(at, "at");
        }
    }

    /** The user's wake-up is due: silence thresholds up to {@code now} are applied. */
    record TimerFired() implements LifecycleInput {
    }

    /**
     * Another identity of the same person was linked to this user and retired: its lifecycle joins this one.
     *
     * @param retired the retired identity's lifecycle, as it stood when it was retired
     * @param eventId the messageId of the identify or alias event that linked the two
     * @param at      that event's time
     */
    record IdentityMerged(UserLifecycle retired, String eventId, Instant at) implements LifecycleInput {
        public IdentityMerged {
            Objects.requireNonNull(retired, "retired");
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(at, "at");
        }
    }
}
