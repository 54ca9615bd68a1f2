package io.userops.segmentation.profile;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How computed traits are counted.
 *
 * @param purchaseEvents track events that are orders (their revenue is summed)
 * @param sessionGap     a gap longer than this between two events of a user starts a new session
 * @param windowDays     the sliding windows of the per-event counts, in days, ascending
 */
public record ProfileRules(Set<String> purchaseEvents, Duration sessionGap, int[] windowDays) {

    public ProfileRules {
        purchaseEvents = Set.copyOf(purchaseEvents);
        Objects.requireNonNull(sessionGap, "sessionGap");
        windowDays = windowDays.clone();
        for (int i = 0; i < windowDays.length; i++) {
            if (windowDays[i] < 1 || (i > 0 && windowDays[i] <= windowDays[i - 1])) {
                throw new IllegalArgumentException("windows must be ascending whole days, was "
                        + java.util.Arrays.toString(windowDays));
            }
        }
    }

    public static ProfileRules defaults() {
        return new ProfileRules(Set.of("Order Completed"), Duration.ofMinutes(30), new int[] {7, 30, 90});
    }

    /** The longest window: per-day counts older than this are forgotten. */
    public int retainedDays() {
        return windowDays.length == 0 ? 0 : windowDays[windowDays.length - 1];
    }

    @Override
    public int[] windowDays() {
        return windowDays.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProfileRules r && purchaseEvents.equals(r.purchaseEvents)
                && sessionGap.equals(r.sessionGap) && java.util.Arrays.equals(windowDays, r.windowDays);
    }

    @Override
    public int hashCode() {
        return Objects.hash(purchaseEvents, sessionGap, java.util.Arrays.hashCode(windowDays));
    }

    @Override
    public String toString() {
        return "ProfileRules[purchaseEvents=" + purchaseEvents + ", sessionGap=" + sessionGap + ", windowDays="
                + java.util.Arrays.toString(windowDays) + "]";
    }
}
