package io.userops.segmentation.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the decider concluded: the user's next state, the transitions to publish in order, and when
 * to wake the user up again if nothing happens before (empty once no threshold is left to cross).
 */
public record Decision(UserLifecycle next, List<Transition> transitions, Optional<Instant> wakeAt) {

    public Decision {
        transitions = List.copyOf(transitions);
    }
}
