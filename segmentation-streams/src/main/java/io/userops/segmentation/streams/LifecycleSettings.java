package io.userops.segmentation.streams;

import io.userops.segmentation.identity.IdentityRules;
import io.userops.segmentation.lifecycle.LifecycleRules;
import java.time.Duration;
import java.util.Objects;

/**
 * How the segmentation topology runs.
 *
 * @param tick              how often due users are woken up
 * @param maxUsersPerTick   the most users one tick wakes; the rest wait for the next tick, so a burst
 *                          (after downtime) never holds the stream thread for long
 * @param catchUpLag        in LIVE mode, while records keep arriving that are older than this, the
 *                          timers follow stream time instead of the wall clock
 * @param countsRetention   how long per-minute transition counts are kept for {@code /v1/lifecycle/transitions}
 * @param dedupWindow       a (source, messageId) seen again within this much event time is dropped
 * @param identity          which ids are junk, and how many identifiers one user may have
 */
public record LifecycleSettings(LifecycleRules rules, TimeMode mode, Duration tick, int maxUsersPerTick,
                                Duration catchUpLag, Duration countsRetention, Duration dedupWindow,
                                IdentityRules identity) {

    public LifecycleSettings {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(mode, "mode");
        if (tick.isNegative() || tick.compareTo(Duration.ofMillis(10)) < 0) {
            throw new IllegalArgumentException("tick must be at least 10 ms, was " + tick);
        }
        if (maxUsersPerTick < 1) {
            throw new IllegalArgumentException("maxUsersPerTick must be at least 1, was " + maxUsersPerTick);
        }
        Objects.requireNonNull(catchUpLag, "catchUpLag");
        Objects.requireNonNull(countsRetention, "countsRetention");
        if (dedupWindow.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("the dedup window must be at least a minute, was " + dedupWindow);
        }
        Objects.requireNonNull(identity, "identity");
    }

    public static LifecycleSettings live(LifecycleRules rules) {
        return new LifecycleSettings(rules, TimeMode.LIVE, Duration.ofSeconds(1), 5_000, Duration.ofSeconds(30),
                Duration.ofDays(7), Duration.ofHours(24), IdentityRules.defaults());
    }

    public LifecycleSettings withMode(TimeMode next) {
        return new LifecycleSettings(rules, next, tick, maxUsersPerTick, catchUpLag, countsRetention, dedupWindow,
                identity);
    }

    public LifecycleSettings withMaxUsersPerTick(int next) {
        return new LifecycleSettings(rules, mode, tick, next, catchUpLag, countsRetention, dedupWindow, identity);
    }

    public LifecycleSettings withDedupWindow(Duration next) {
        return new LifecycleSettings(rules, mode, tick, maxUsersPerTick, catchUpLag, countsRetention, next, identity);
    }

    public LifecycleSettings withIdentity(IdentityRules next) {
        return new LifecycleSettings(rules, mode, tick, maxUsersPerTick, catchUpLag, countsRetention, dedupWindow,
                next);
    }
}
