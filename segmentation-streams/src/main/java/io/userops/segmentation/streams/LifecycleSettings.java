package io.userops.segmentation.streams;

import io.userops.segmentation.identity.IdentityRules;
import io.userops.segmentation.lifecycle.LifecycleRules;
import io.userops.segmentation.profile.ProfileRules;
import io.userops.rules.segments.SegmentDefinition;
import io.userops.segmentation.tags.TagRules;
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
 * @param memberships       how profiles become tags and segments
 */
public record LifecycleSettings(LifecycleRules rules, TimeMode mode, Duration tick, int maxUsersPerTick,
                                Duration catchUpLag, Duration countsRetention, Duration dedupWindow,
                                IdentityRules identity, Memberships memberships) {

    /**
     * The profile rules, the tag rules, the behaviour tags and the segments; and the sweep that revisits every
     * profile to refresh time-dependent memberships and the RFM population.
     *
     * @param sweepUsersPerTick  profiles revisited per second and task
     * @param minSweepPeriod     a new sweep starts no sooner than this after the previous one started
     * @param decideAtMostEvery  an event that changes only counts re-decides the user's memberships at most this
     *                           often (processing time); identify calls, orders and stage changes always do
     */
    public record Memberships(ProfileRules profile, TagRules tags, java.util.List<SegmentDefinition> behaviourTags,
                              java.util.List<SegmentDefinition> segments, int sweepUsersPerTick,
                              Duration minSweepPeriod, Duration decideAtMostEvery) {
        public Memberships {
            Objects.requireNonNull(profile, "profile");
            Objects.requireNonNull(tags, "tags");
            behaviourTags = java.util.List.copyOf(behaviourTags);
            segments = java.util.List.copyOf(segments);
            if (sweepUsersPerTick < 1) {
                throw new IllegalArgumentException("sweepUsersPerTick must be at least 1, was " + sweepUsersPerTick);
            }
            Objects.requireNonNull(minSweepPeriod, "minSweepPeriod");
            Objects.requireNonNull(decideAtMostEvery, "decideAtMostEvery");
        }

        /** Names, not whole definitions: this is logged at start. */
        @Override
        public String toString() {
            return "Memberships[tagFamilies=" + tags.families() + ", behaviourTags="
                    + behaviourTags.stream().map(SegmentDefinition::name).toList() + ", segments="
                    + segments.stream().map(SegmentDefinition::name).toList() + ", sweepUsersPerTick=" + sweepUsersPerTick
                    + ", minSweepPeriod=" + minSweepPeriod + ", decideAtMostEvery=" + decideAtMostEvery + "]";
        }

        /** The same memberships, swept no sooner than {@code next} after the previous sweep started. */
        public Memberships withMinSweepPeriod(Duration next) {
            return new Memberships(profile, tags, behaviourTags, segments, sweepUsersPerTick, next, decideAtMostEvery);
        }

        /** No tags, behaviour tags or segments: profiles only. */
        public static Memberships none() {
            return new Memberships(ProfileRules.defaults(), new TagRules(java.util.List.of()), java.util.List.of(),
                    java.util.List.of(), 2_000, Duration.ofMinutes(1), Duration.ofSeconds(10));
        }
    }

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
        Objects.requireNonNull(memberships, "memberships");
    }

    public static LifecycleSettings live(LifecycleRules rules) {
        return new LifecycleSettings(rules, TimeMode.LIVE, Duration.ofSeconds(1), 5_000, Duration.ofSeconds(30),
                Duration.ofDays(7), Duration.ofHours(24), IdentityRules.defaults(), Memberships.none());
    }

    public LifecycleSettings withMode(TimeMode next) {
        return new LifecycleSettings(rules, next, tick, maxUsersPerTick, catchUpLag, countsRetention, dedupWindow,
                identity, memberships);
    }

    public LifecycleSettings withMaxUsersPerTick(int next) {
        return new LifecycleSettings(rules, mode, tick, next, catchUpLag, countsRetention, dedupWindow, identity,
                memberships);
    }

    public LifecycleSettings withDedupWindow(Duration next) {
        return new LifecycleSettings(rules, mode, tick, maxUsersPerTick, catchUpLag, countsRetention, next, identity,
                memberships);
    }

    public LifecycleSettings withIdentity(IdentityRules next) {
        return new LifecycleSettings(rules, mode, tick, maxUsersPerTick, catchUpLag, countsRetention, dedupWindow,
                next, memberships);
    }

    public LifecycleSettings withMemberships(Memberships next) {
        return new LifecycleSettings(rules, mode, tick, maxUsersPerTick, catchUpLag, countsRetention, dedupWindow,
                identity, next);
    }
}
