package io.userops.segmentation.streams;

import io.userops.avro.TrackedEvent;
import io.userops.segmentation.lifecycle.UserLifecycle;
import java.time.Instant;
import java.util.Objects;

/**
 * What the topology sends itself between the partitions of two identities, on its routing topic, keyed by
 * the identifier whose partition must handle it; and, in-task, what the identity resolver hands the
 * lifecycle decider.
 */
sealed interface Routed permits Routed.Resolve, Routed.Event, Routed.Link, Routed.Refused, Routed.Retire,
        Routed.Absorb, Routed.AbsorbProfile, Routed.Erase {

    /** The most times one record is passed on along a chain of links (an alias of an alias...). */
    int MAX_HOPS = 4;

    /** An event that names only an anonymous id, arrived under another key: resolve it at the id's partition. */
    record Resolve(TrackedEvent event) implements Routed {
        public Resolve {
            Objects.requireNonNull(event, "event");
        }
    }

    /** An event for the subject it is keyed by. */
    record Event(TrackedEvent event, int hops) implements Routed {
        public Event {
            Objects.requireNonNull(event, "event");
        }
    }

    /** The user {@code userId} claims the identifier this is keyed by, as the event {@code eventId} said. */
    record Link(String userId, String eventId, Instant at) implements Routed {
        public Link {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(at, "at");
        }
    }

    /** To the user this is keyed by: its claim on {@code identifier} was refused, another user holds it. */
    record Refused(String identifier, Instant at) implements Routed {
        public Refused {
            Objects.requireNonNull(identifier, "identifier");
            Objects.requireNonNull(at, "at");
        }
    }

    /** In-task only: the identity this is keyed by now belongs to {@code into}; retire its state there. */
    record Retire(String into, String eventId, Instant at) implements Routed {
        public Retire {
            Objects.requireNonNull(into, "into");
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(at, "at");
        }
    }

    /** A retired identity's lifecycle, for the user this is keyed by to take in. */
    record Absorb(String retiredId, UserLifecycle lifecycle, String eventId, Instant at, int hops) implements Routed {
        public Absorb {
            Objects.requireNonNull(retiredId, "retiredId");
            Objects.requireNonNull(lifecycle, "lifecycle");
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(at, "at");
        }
    }

    /** A retired identity's profile, for the user this is keyed by to take in. */
    record AbsorbProfile(String retiredId, io.userops.segmentation.profile.Profile profile, int hops) implements Routed {
        public AbsorbProfile {
            Objects.requireNonNull(retiredId, "retiredId");
            Objects.requireNonNull(profile, "profile");
        }
    }

    /**
     * Erase the subject this is keyed by: every store of its partition forgets it, and its events are dropped
     * until {@code suppressUntil}. {@code linkedTo} is set when this erases an identifier on behalf of the user
     * it was linked to.
     */
    record Erase(String requestId, Instant requestedAt, Instant suppressUntil, String linkedTo) implements Routed {
        public Erase {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(requestedAt, "requestedAt");
            Objects.requireNonNull(suppressUntil, "suppressUntil");
        }
    }
}
