package io.userops.segmentation.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything the lifecycle knows about one user.
 *
 * @param stageBeforeRisk    the stage to return to when activity ends AT_RISK; null outside AT_RISK
 * @param earliestKeyEvents  the times of the user's earliest key events, at most the activation count, sorted
 * @param activeIntervals    one bit per interval the user was active in; bit 0 is the interval of lastActiveAt
 * @param silence            the timer-made transitions since lastActiveAt, oldest first: what a late event may correct
 * @param wakeAt             the next due silence threshold, null when none is left
 */
public record UserLifecycle(String userId, Stage stage, Instant stageSince, Stage stageBeforeRisk,
                            Instant firstSeenAt, Instant lastActiveAt, long eventCount,
                            List<Instant> earliestKeyEvents, long activeIntervals, List<SilenceStep> silence,
                            Instant wakeAt) {

    public UserLifecycle {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(stageSince, "stageSince");
        Objects.requireNonNull(firstSeenAt, "firstSeenAt");
        Objects.requireNonNull(lastActiveAt, "lastActiveAt");
        earliestKeyEvents = List.copyOf(earliestKeyEvents);
        silence = List.copyOf(silence);
    }

    /**
     * A transition made by silence, with what the user's stage was before it, so that a late event
     * proving activity before {@code at} can undo it.
     */
    public record SilenceStep(String transitionId, Instant at, Stage before, Instant beforeSince, Stage beforeRisk) {
        public SilenceStep {
            Objects.requireNonNull(transitionId, "transitionId");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(before, "before");
            Objects.requireNonNull(beforeSince, "beforeSince");
        }
    }

    UserLifecycle withStage(Stage next, Instant since, Stage beforeRisk) {
        return new UserLifecycle(userId, next, since, beforeRisk, firstSeenAt, lastActiveAt, eventCount,
                earliestKeyEvents, activeIntervals, silence, wakeAt);
    }

    UserLifecycle withSilence(List<SilenceStep> steps) {
        return new UserLifecycle(userId, stage, stageSince, stageBeforeRisk, firstSeenAt, lastActiveAt, eventCount,
                earliestKeyEvents, activeIntervals, steps, wakeAt);
    }

    UserLifecycle withWakeAt(Instant next) {
        return new UserLifecycle(userId, stage, stageSince, stageBeforeRisk, firstSeenAt, lastActiveAt, eventCount,
                earliestKeyEvents, activeIntervals, silence, next);
    }
}
