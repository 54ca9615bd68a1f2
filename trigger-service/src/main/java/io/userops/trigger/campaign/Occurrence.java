package io.userops.trigger.campaign;

import java.util.Objects;
import java.util.Optional;

/**
 * Something that happened to one user and may trigger campaigns. {@code triggerId} identifies it for
 * idempotency: the transition id of a lifecycle transition, a deterministic id of a tag or segment change.
 */
public sealed interface Occurrence
        permits Occurrence.Transition, Occurrence.SegmentEntered, Occurrence.SegmentExited, Occurrence.TagAdded {

    String triggerId();

    /**
     * A lifecycle transition; {@code from} is empty for a user's first transition. A {@code replayed} transition
     * was decided while reprocessing history and never triggers a campaign.
     */
    record Transition(String triggerId, Optional<String> from, String to, boolean replayed) implements Occurrence {
        public Transition {
            requireId(triggerId);
            Objects.requireNonNull(from, "from");
            from.ifPresent(stage -> Stages.require(stage, "from"));
            Stages.require(to, "to");
        }
    }

    record SegmentEntered(String triggerId, String segment) implements Occurrence {
        public SegmentEntered {
            requireId(triggerId);
            Objects.requireNonNull(segment, "segment");
        }
    }

    record SegmentExited(String triggerId, String segment) implements Occurrence {
        public SegmentExited {
            requireId(triggerId);
            Objects.requireNonNull(segment, "segment");
        }
    }

    record TagAdded(String triggerId, String tag) implements Occurrence {
        public TagAdded {
            requireId(triggerId);
            Objects.requireNonNull(tag, "tag");
        }
    }

    private static void requireId(String triggerId) {
        if (triggerId == null || triggerId.isEmpty()) {
            throw new IllegalArgumentException("an occurrence needs a trigger id");
        }
    }
}
