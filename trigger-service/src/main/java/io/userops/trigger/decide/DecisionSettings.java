package io.userops.trigger.decide;

import java.time.Duration;

/**
 * How the decision stage runs.
 *
 * @param tick            how often (wall clock) the due sends are read
 * @param maxUsersPerTick the most users decided in one tick; the rest wait for the next
 * @param staleAfter      how long after its decision a message is still delivered ({@code notAfter})
 * @param guardRetry      how soon a send held by the freshness guard is looked at again
 */
public record DecisionSettings(Duration tick, int maxUsersPerTick, Duration staleAfter, Duration guardRetry) {

    public static DecisionSettings defaults() {
        return new DecisionSettings(Duration.ofSeconds(1), 10_000, Duration.ofHours(24), Duration.ofSeconds(10));
    }
}
