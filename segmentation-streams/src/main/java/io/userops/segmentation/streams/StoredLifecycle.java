package io.userops.segmentation.streams;

import io.userops.segmentation.lifecycle.UserLifecycle;
import java.util.Objects;

/**
 * A user's lifecycle as stored, with the due second of the user's entry in the timer index
 * ({@link #NO_TIMER} when there is none). The entry may be earlier than the lifecycle's wake-up:
 * activity only ever moves a deadline later, so the entry is left where it is rather than moved on
 * every event; when it fires early the user is re-checked and re-indexed at the real deadline.
 */
public record StoredLifecycle(UserLifecycle lifecycle, long timerDueSecond) {

    public static final long NO_TIMER = Long.MIN_VALUE;

    public StoredLifecycle {
        Objects.requireNonNull(lifecycle, "lifecycle");
    }

    public boolean indexed() {
        return timerDueSecond != NO_TIMER;
    }
}
