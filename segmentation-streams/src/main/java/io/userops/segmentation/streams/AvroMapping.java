package io.userops.segmentation.streams;

import io.userops.avro.LifecycleStage;
import io.userops.avro.LifecycleTransition;
import io.userops.avro.UserProfile;
import io.userops.segmentation.lifecycle.Stage;
import io.userops.segmentation.lifecycle.Transition;
import io.userops.segmentation.lifecycle.UserLifecycle;
import java.time.Instant;
import java.util.List;

/** From the pure lifecycle types to the contract's records. */
final class AvroMapping {

    private AvroMapping() {
    }

    /** All-args constructors rather than builders: builders validate and copy defaults, a cost per record. */
    static LifecycleTransition transition(Transition t, Instant processingTime, boolean replayed) {
        return new LifecycleTransition(t.transitionId(), t.userId(), t.from() == null ? null : stage(t.from()),
                stage(t.to()), t.reason().code(), t.causeEventId(), t.causeTimerAt(), t.at(), processingTime,
                t.correction(), t.correctsTransitionId(), replayed);
    }

    static UserProfile profile(UserLifecycle s, List<String> anonymousIds, String traits, List<String> tags,
            List<String> segments, String computedTraits, Instant updatedAt) {
        return new UserProfile(s.userId(), anonymousIds, stage(s.stage()), s.stageSince(), s.firstSeenAt(),
                s.lastActiveAt(), s.eventCount(), traits, tags, segments, computedTraits, updatedAt);
    }

    private static final LifecycleStage[] STAGES = java.util.Arrays.stream(Stage.values())
            .map(stage -> LifecycleStage.valueOf(stage.name())).toArray(LifecycleStage[]::new);

    static LifecycleStage stage(Stage stage) {
        return STAGES[stage.ordinal()];
    }
}
