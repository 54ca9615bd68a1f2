package io.userops.trigger.campaign;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** What starts a campaign for a user. */
public sealed interface Trigger permits Trigger.Transition, Trigger.SegmentEntered, Trigger.SegmentExited,
        Trigger.TagAdded {

    /** Segment and tag names: 1-128 characters without spaces, as the segmentation service names them. */
    Pattern NAME = Pattern.compile("\\S{1,128}");

    /** Whether the occurrence has this trigger's shape; replays are the caller's concern. */
    boolean matches(Occurrence occurrence);

    /** A lifecycle transition into {@code to}, out of {@code from}, or both; at least one is set. */
    record Transition(Optional<String> from, Optional<String> to) implements Trigger {
        public Transition {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            from.ifPresent(stage -> Stages.require(stage, "from"));
            to.ifPresent(stage -> Stages.require(stage, "to"));
            if (from.isEmpty() && to.isEmpty()) {
                throw new IllegalArgumentException("a transition trigger needs from, to or both");
            }
            if (from.isPresent() && from.equals(to)) {
                throw new IllegalArgumentException("a transition from " + from.get() + " to itself never happens");
            }
        }

        public static Transition to(String stage) {
            return new Transition(Optional.empty(), Optional.of(stage));
        }

        @Override
        public boolean matches(Occurrence occurrence) {
            return occurrence instanceof Occurrence.Transition t
                    && (from.isEmpty() || from.equals(t.from()))
                    && (to.isEmpty() || to.get().equals(t.to()));
        }
    }

    record SegmentEntered(String segment) implements Trigger {
        public SegmentEntered {
            requireName(segment, "segment");
        }

        @Override
        public boolean matches(Occurrence occurrence) {
            return occurrence instanceof Occurrence.SegmentEntered e && e.segment().equals(segment);
        }
    }

    record SegmentExited(String segment) implements Trigger {
        public SegmentExited {
            requireName(segment, "segment");
        }

        @Override
        public boolean matches(Occurrence occurrence) {
            return occurrence instanceof Occurrence.SegmentExited e && e.segment().equals(segment);
        }
    }

    record TagAdded(String tag) implements Trigger {
        public TagAdded {
            requireName(tag, "tag");
        }

        @Override
        public boolean matches(Occurrence occurrence) {
            return occurrence instanceof Occurrence.TagAdded e && e.tag().equals(tag);
        }
    }

    private static void requireName(String name, String what) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a " + what + " name is 1-128 characters without spaces, but is '"
                    + name + "'");
        }
    }
}
