package io.userops.trigger.campaign;

import io.userops.rules.segments.SegmentSubject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The user as the campaigns see them when deciding: known, or erased (their profile was deleted). */
public sealed interface UserSnapshot permits UserSnapshot.Known, UserSnapshot.Erased {

    String userId();

    /**
     * @param subject what audience and re-check expressions see: stage, tags, traits, computed traits
     * @param traits  the profile traits as JSON-ish values, read by {@link UserContext#fromTraits}
     */
    record Known(String userId, SegmentSubject subject, Map<String, Object> traits) implements UserSnapshot {
        public Known {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(subject, "subject");
            traits = Collections.unmodifiableMap(new LinkedHashMap<>(traits));
        }
    }

    /** A user whose profile was erased (a tombstone on the profiles topic): nothing is ever sent to them. */
    record Erased(String userId) implements UserSnapshot {
        public Erased {
            Objects.requireNonNull(userId, "userId");
        }
    }
}
