package io.userops.trigger.decide;

import io.userops.trigger.campaign.Campaign;
import io.userops.trigger.campaign.Trigger;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the sends that depend on recent silence while the data behind them is stale. A user who went quiet
 * (AT_RISK, DORMANT, CHURNED) may only look quiet because segmentation is behind on their events: while its
 * consumer lag is older than the bound, sends of campaigns triggered by those stages wait (and are decided again
 * at every tick), and go out once the lag has recovered. Other campaigns are not held.
 */
public final class FreshnessGuard {

    /** The stages that silence produces: a lagging pipeline fakes exactly these. */
    static final Set<String> SILENCE_STAGES = Set.of("AT_RISK", "DORMANT", "CHURNED");

    private final Duration bound;
    private final AtomicReference<Optional<String>> staleBecause = new AtomicReference<>(Optional.empty());
    private final AtomicLong held = new AtomicLong();

    public FreshnessGuard(Duration bound) {
        this.bound = bound;
    }

    /** A guard that never holds: for deployments without the segmentation service's lag to read. */
    public static FreshnessGuard off() {
        return new FreshnessGuard(Duration.ofDays(36_500));
    }

    public Duration bound() {
        return bound;
    }

    /** Records the latest reading: how old the oldest event segmentation has not consumed yet is, and where. */
    public void observe(Duration inputAge, String where) {
        staleBecause.set(inputAge.compareTo(bound) > 0
                ? Optional.of(where + " is " + inputAge.toSeconds() + " s behind, more than the bound of "
                        + bound.toSeconds() + " s")
                : Optional.empty());
    }

    /** Why sends that depend on silence are held now; empty when the data is fresh enough. */
    public Optional<String> staleBecause() {
        return staleBecause.get();
    }

    /** Sends held since start (a send held at several ticks counts each time). */
    public long held() {
        return held.get();
    }

    boolean holds(Campaign campaign) {
        return staleBecause.get().isPresent() && dependsOnSilence(campaign);
    }

    void recordHeld() {
        held.incrementAndGet();
    }

    static boolean dependsOnSilence(Campaign campaign) {
        return campaign.trigger() instanceof Trigger.Transition t && t.to().filter(SILENCE_STAGES::contains).isPresent();
    }
}
