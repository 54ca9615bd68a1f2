package io.userops.segmentation.lifecycle;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The thresholds of the lifecycle, validated so that every rule set the decider receives can work.
 * Defaults ({@link #defaults()}) and their reasons: docs/lifecycle.md.
 *
 * @param interval         the activity interval (Amplitude/PostHog's "interval"): activity is counted per interval
 * @param activeEventTypes the Segment calls that count as activity (lower case: track, page, screen, ...)
 */
public record LifecycleRules(Duration interval, Set<String> activeEventTypes, Activation activation,
                             Engaged engaged, AtRisk atRisk, Duration dormantAfter, Duration churnedAfter) {

    /** Activity is remembered per interval for this many intervals (one bit each). */
    public static final int REMEMBERED_INTERVALS = 64;

    public LifecycleRules {
        positive("interval", interval);
        if (activeEventTypes == null || activeEventTypes.isEmpty()) {
            throw new InvalidRulesException("activeEventTypes", "name at least one event type that counts as activity");
        }
        activeEventTypes = activeEventTypes.stream().map(t -> t.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        requireSet("activation", activation);
        requireSet("engaged", engaged);
        requireSet("atRisk", atRisk);
        positive("dormant.silentFor", dormantAfter);
        positive("churned.silentFor", churnedAfter);
        if (dormantAfter.compareTo(atRisk.silentFor()) <= 0) {
            throw new InvalidRulesException("dormant.silentFor", "must be longer than atRisk.silentFor ("
                    + atRisk.silentFor() + "), but is " + dormantAfter);
        }
        if (churnedAfter.compareTo(dormantAfter) <= 0) {
            throw new InvalidRulesException("churned.silentFor", "must be longer than dormant.silentFor ("
                    + dormantAfter + "), but is " + churnedAfter);
        }
        atRisk.baseline().ifPresent(b -> {
            int span = b.windowIntervals() * (b.windows() + 1);
            if (span > REMEMBERED_INTERVALS) {
                throw new InvalidRulesException("atRisk.baseline", "window x (windows + 1) = " + span
                        + " intervals, more than the " + REMEMBERED_INTERVALS + " intervals remembered per user");
            }
        });
    }

    /**
     * The activation criterion: {@code count} key events within {@code within} of first seen.
     */
    public record Activation(Set<String> keyEvents, int count, Duration within) {
        public Activation {
            if (keyEvents == null || keyEvents.isEmpty()) {
                throw new InvalidRulesException("activation.keyEvents", "name at least one key event");
            }
            keyEvents = Set.copyOf(keyEvents);
            if (count < 1 || count > 16) {
                throw new InvalidRulesException("activation.count", "must be between 1 and 16, but is " + count);
            }
            positive("activation.within", within);
        }
    }

    /** ENGAGED: active in at least {@code activeIntervals} of the last {@code ofLast} intervals. */
    public record Engaged(int activeIntervals, int ofLast) {
        public Engaged {
            if (ofLast < 1 || ofLast > REMEMBERED_INTERVALS) {
                throw new InvalidRulesException("engaged.ofLast", "must be between 1 and "
                        + REMEMBERED_INTERVALS + ", but is " + ofLast);
            }
            if (activeIntervals < 1 || activeIntervals > ofLast) {
                throw new InvalidRulesException("engaged.activeIntervals", "must be between 1 and ofLast ("
                        + ofLast + "), but is " + activeIntervals);
            }
        }
    }

    /** AT_RISK: silent for {@code silentFor}, or (when configured) active below the user's own baseline. */
    public record AtRisk(Duration silentFor, Optional<Baseline> baseline) {
        public AtRisk {
            positive("atRisk.silentFor", silentFor);
            baseline = baseline == null ? Optional.empty() : baseline;
        }
    }

    /**
     * The drop below baseline: active intervals in the last {@code window} intervals are fewer than
     * {@code fraction} of the average over the {@code windows} windows before it, for users whose
     * baseline holds at least {@code minActiveIntervals} active intervals.
     */
    public record Baseline(int windowIntervals, int windows, double fraction, int minActiveIntervals) {
        public Baseline {
            if (windowIntervals < 1) {
                throw new InvalidRulesException("atRisk.baseline.window", "must be at least 1 interval, but is "
                        + windowIntervals);
            }
            if (windows < 1) {
                throw new InvalidRulesException("atRisk.baseline.windows", "must be at least 1, but is " + windows);
            }
            if (!(fraction > 0 && fraction <= 1)) {
                throw new InvalidRulesException("atRisk.baseline.fraction", "must be in (0, 1], but is " + fraction);
            }
            if (minActiveIntervals < 1) {
                throw new InvalidRulesException("atRisk.baseline.minActiveIntervals", "must be at least 1, but is "
                        + minActiveIntervals);
            }
        }
    }

    /**
     * Daily intervals; activation = 3 key events within 7 days; ENGAGED = active on 3 of the last 7 days;
     * AT_RISK after 7 silent days or a week below half the user's 4-week baseline; DORMANT after 14,
     * CHURNED after 30 silent days.
     */
    public static LifecycleRules defaults() {
        return new LifecycleRules(Duration.ofDays(1), Set.of("track", "page", "screen"),
                new Activation(Set.of("Order Completed", "Project Created", "Invite Sent"), 3, Duration.ofDays(7)),
                new Engaged(3, 7),
                new AtRisk(Duration.ofDays(7), Optional.of(new Baseline(7, 4, 0.5, 8))),
                Duration.ofDays(14), Duration.ofDays(30));
    }

    public boolean countsAsActivity(String eventType) {
        return activeEventTypes.contains(eventType);
    }

    public boolean isKeyEvent(String eventName) {
        return eventName != null && activation.keyEvents().contains(eventName);
    }

    long intervalOf(long epochMillis) {
        return Math.floorDiv(epochMillis, interval.toMillis());
    }

    private static void positive(String path, Duration value) {
        if (value == null) {
            throw new InvalidRulesException(path, "is required");
        }
        if (value.isNegative() || value.isZero()) {
            throw new InvalidRulesException(path, "must be positive, but is " + value);
        }
    }

    private static void requireSet(String path, Object value) {
        if (value == null) {
            throw new InvalidRulesException(path, "is required");
        }
    }
}
