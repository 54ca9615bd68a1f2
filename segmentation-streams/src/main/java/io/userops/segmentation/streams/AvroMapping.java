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

    static LifecycleTransition transition(Transition t, Instant processingTime, boolean replayed) {
        return LifecycleTransition.newBuilder()
                .setTransitionId(t.transitionId())
                .setUserId(t.userId())
                .setFrom(t.from() == null ? null : stage(t.from()))
                .setTo(stage(t.to()))
                .setReason(t.reason().code())
                .setCauseEventId(t.causeEventId())
                .setCauseTimerAt(t.causeTimerAt())
                .setEventTime(t.at())
                .setProcessingTime(processingTime)
                .setCorrection(t.correction())
                .setCorrectsTransitionId(t.correctsTransitionId())
                .setReplayed(replayed)
                .build();
    }

    static UserProfile profile(UserLifecycle s, Instant updatedAt) {
        return UserProfile.newBuilder()
                .setUserId(s.userId())
                .setAnonymousIds(List.of())
                .setStage(stage(s.stage()))
                .setStageSince(s.stageSince())
                .setFirstSeenAt(s.firstSeenAt())
                .setLastActiveAt(s.lastActiveAt())
                .setEventCount(s.eventCount())
                .setTags(List.of())
                .setSegments(List.of())
                .setUpdatedAt(updatedAt)
                .build();
    }

    static LifecycleStage stage(Stage stage) {
        return LifecycleStage.valueOf(stage.name());
    }
}
