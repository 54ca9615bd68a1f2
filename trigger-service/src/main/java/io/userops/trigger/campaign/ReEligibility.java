package io.userops.trigger.campaign;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** How soon a user may get the same campaign again: after a duration, or never ({@code after} empty). */
public record ReEligibility(Optional<Duration> after) {

    public ReEligibility {
        Objects.requireNonNull(after, "after");
        after.ifPresent(d -> {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("re-eligibility needs a positive duration, but is " + d);
            }
        });
    }

    public static ReEligibility never() {
        return new ReEligibility(Optional.empty());
    }

    public static ReEligibility after(Duration duration) {
        return new ReEligibility(Optional.of(duration));
    }

    public boolean isNever() {
        return after.isEmpty();
    }

    /** Whether a user last decided for at {@code last} may be decided for again at {@code now}. */
    public boolean allowsAgain(Instant last, Instant now) {
        return after.isPresent() && !now.isBefore(last.plus(after.get()));
    }
}
