package io.userops.segmentation.lifecycle;

import io.userops.segmentation.lifecycle.LifecycleInput.Activity;
import io.userops.segmentation.lifecycle.LifecycleInput.IdentityMerged;
import io.userops.segmentation.lifecycle.UserLifecycle.SilenceStep;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The lifecycle rules as one pure function: {@code (state, input, now) -> (next state, transitions, wake-up)}.
 *
 * <p>The state after a decision is the user's stage at {@code now} given every fact seen so far:
 * silence thresholds that fell before an event are applied, in order, before the event; each threshold
 * transition carries its own instant, so the transitions do not depend on when the clock was read.
 * A late event that proves activity before a silence transition replaces that part of the history with
 * one correction transition. Transitions always chain: each one's {@code from} is the previous {@code to}.
 */
public final class LifecycleDecider {

    private final LifecycleRules rules;

    public LifecycleDecider(LifecycleRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    public LifecycleRules rules() {
        return rules;
    }

    /**
     * @param current the user's state, null for a user never seen
     * @param now     the lifecycle clock: wall-clock time live, stream time in replay
     */
    public Decision decide(String userId, UserLifecycle current, LifecycleInput input, Instant now) {
        List<Transition> out = new ArrayList<>();
        UserLifecycle state;
        if (input instanceof Activity activity) {
            state = onActivity(userId, current, activity, out);
        } else if (input instanceof IdentityMerged merged) {
            state = onMerge(userId, current, merged, out);
        } else if (current == null) {
            throw new IllegalArgumentException("a timer fired for user " + userId + " who has no lifecycle state");
        } else {
            state = current;
        }
        state = runDeadlines(state, now, out);
        Optional<Instant> wakeAt = nextDeadline(state).map(Deadline::at);
        state = state.withWakeAt(wakeAt.orElse(null));
        return new Decision(state, out, wakeAt);
    }

    private UserLifecycle onActivity(String userId, UserLifecycle current, Activity activity, List<Transition> out) {
        Instant t = activity.at();
        if (current == null) {
            UserLifecycle first = new UserLifecycle(userId, Stage.NEW, t, null, t, t, 1,
                    activity.keyEvent() ? List.of(t) : List.of(), 1L, List.of(), null);
            out.add(byEvent(first, null, Stage.NEW, Reason.FIRST_SEEN, activity));
            return promote(first, activity, out);
        }
        if (!t.isAfter(current.lastActiveAt())) {
            return promote(recordOlderActivity(current, activity), activity, out);
        }
        List<SilenceStep> disproved = current.silence().stream().filter(step -> step.at().isAfter(t)).toList();
        if (disproved.isEmpty()) {
            return applyNewActivity(runDeadlines(current, t, out), activity, out);
        }
        SilenceStep firstWrong = disproved.get(0);
        UserLifecycle reverted = current
                .withStage(firstWrong.before(), firstWrong.beforeSince(), firstWrong.beforeRisk())
                .withSilence(current.silence().stream().filter(step -> !step.at().isAfter(t)).toList());
        UserLifecycle corrected = applyNewActivity(reverted, activity, new ArrayList<>());
        if (corrected.stage() != current.stage()) {
            String id = transitionId(current.userId(), current.stage(), corrected.stage(),
                    "correction:" + firstWrong.transitionId() + ":" + activity.eventId());
            out.add(new Transition(id, current.userId(), current.stage(), corrected.stage(),
                    Reason.LATE_ACTIVITY_CORRECTION, activity.eventId(), null, t, true, firstWrong.transitionId()));
        }
        return corrected;
    }

    /**
     * One lifecycle from two identities of one person, decided once: the facts add up (event counts, key
     * events, active intervals, the earliest first-seen, the latest activity); the stage is that of the
     * identity active more recently, unless the other one's history, resumed by that activity, is further
     * along (an ENGAGED anonymous visitor who signs up stays ENGAGED; a DORMANT one is RESURRECTED). One
     * transition, caused by the linking event, tells the change.
     */
    private UserLifecycle onMerge(String userId, UserLifecycle target, IdentityMerged merge, List<Transition> out) {
        UserLifecycle merged = target == null ? renamed(merge.retired(), userId) : combined(target, merge);
        Stage from = target == null ? null : target.stage();
        if (from != merged.stage()) {
            String id = transitionId(userId, from, merged.stage(),
                    "merge:" + merge.retired().userId() + ":" + merge.eventId());
            out.add(new Transition(id, userId, from, merged.stage(), Reason.IDENTITY_MERGED, merge.eventId(), null,
                    merge.at(), false, null));
        }
        return merged;
    }

    private static UserLifecycle renamed(UserLifecycle s, String userId) {
        return new UserLifecycle(userId, s.stage(), s.stageSince(), s.stageBeforeRisk(), s.firstSeenAt(),
                s.lastActiveAt(), s.eventCount(), s.earliestKeyEvents(), s.activeIntervals(), s.silence(), s.wakeAt());
    }

    private UserLifecycle combined(UserLifecycle target, IdentityMerged merge) {
        UserLifecycle retired = merge.retired();
        UserLifecycle recent = retired.lastActiveAt().isAfter(target.lastActiveAt()) ? retired : target;
        UserLifecycle older = recent == target ? retired : target;
        long anchor = rules.intervalOf(recent.lastActiveAt().toEpochMilli());
        long bits = recent.activeIntervals() | ActivityBits.shift(older.activeIntervals(),
                rules.intervalOf(older.lastActiveAt().toEpochMilli()), anchor);
        List<Instant> keys = new ArrayList<>(target.earliestKeyEvents());
        keys.addAll(retired.earliestKeyEvents());
        keys.sort(null);
        int keep = Math.min(keys.size(), rules.activation().count());
        Instant firstSeen = target.firstSeenAt().isBefore(retired.firstSeenAt()) ? target.firstSeenAt()
                : retired.firstSeenAt();
        Stage stage = recent.stage();
        // NEW holds from first seen; a stage both were in holds from the earlier of the two.
        Instant since = stage == Stage.NEW ? firstSeen
                : older.stage() == stage && older.stageSince().isBefore(recent.stageSince()) ? older.stageSince()
                : recent.stageSince();
        if (recent.stage().isActive()) {
            Stage olderResumed = switch (older.stage()) {
                case DORMANT, CHURNED -> Stage.RESURRECTED;
                case AT_RISK -> Objects.requireNonNullElse(older.stageBeforeRisk(), Stage.NEW);
                default -> older.stage();
            };
            if (activeRank(olderResumed) > activeRank(recent.stage())) {
                stage = olderResumed;
                since = olderResumed == older.stage() ? older.stageSince() : recent.stageSince();
            }
        }
        if (stage == Stage.ACTIVATED && keep == rules.activation().count()) {
            // As on a single timeline: activation holds from the key event that completed the criterion.
            since = keys.get(keep - 1);
        }
        UserLifecycle merged = new UserLifecycle(target.userId(), stage, since,
                stage == recent.stage() ? recent.stageBeforeRisk() : null, firstSeen, recent.lastActiveAt(),
                target.eventCount() + retired.eventCount(), keys.subList(0, keep), bits,
                stage == recent.stage() ? recent.silence() : List.of(), null);
        // The criteria may hold only for the facts combined; their steps are told as the one merge transition.
        return promote(merged, new Activity(merge.eventId(), merge.at(), false), new ArrayList<>());
    }

    private static int activeRank(Stage stage) {
        return switch (stage) {
            case NEW -> 0;
            case ACTIVATED -> 1;
            case RESURRECTED -> 2;
            case ENGAGED -> 3;
            default -> -1;
        };
    }

    /** An activity after lastActiveAt: it ends the silence, whatever stage the silence had reached. */
    private UserLifecycle applyNewActivity(UserLifecycle s, Activity activity, List<Transition> out) {
        Instant t = activity.at();
        long anchor = rules.intervalOf(t.toEpochMilli());
        long bits = ActivityBits.mark(
                ActivityBits.shift(s.activeIntervals(), rules.intervalOf(s.lastActiveAt().toEpochMilli()), anchor),
                anchor, anchor);
        UserLifecycle active = new UserLifecycle(s.userId(), s.stage(), s.stageSince(), s.stageBeforeRisk(),
                s.firstSeenAt(), t, s.eventCount() + 1, keyEvents(s, activity), bits, List.of(),
                s.wakeAt());
        UserLifecycle next = switch (active.stage()) {
            case DORMANT -> move(active, Stage.RESURRECTED, Reason.ACTIVITY_AFTER_DORMANCY, activity, out);
            case CHURNED -> move(active, Stage.RESURRECTED, Reason.ACTIVITY_AFTER_CHURN, activity, out);
            case AT_RISK -> belowBaseline(bits, anchor, anchor + 1) ? active
                    : move(active, Objects.requireNonNullElse(active.stageBeforeRisk(), Stage.NEW),
                    Reason.ACTIVITY_RESUMED, activity, out);
            default -> active;
        };
        return promote(next, activity, out);
    }

    /** An event dated before lastActiveAt: it adds to the counts and never moves lastActiveAt back. */
    private UserLifecycle recordOlderActivity(UserLifecycle s, Activity activity) {
        long anchor = rules.intervalOf(s.lastActiveAt().toEpochMilli());
        long bits = ActivityBits.mark(s.activeIntervals(), anchor, rules.intervalOf(activity.at().toEpochMilli()));
        Instant firstSeen = activity.at().isBefore(s.firstSeenAt()) ? activity.at() : s.firstSeenAt();
        return new UserLifecycle(s.userId(), s.stage(), s.stageSince(), s.stageBeforeRisk(), firstSeen,
                s.lastActiveAt(), s.eventCount() + 1, keyEvents(s, activity), bits, s.silence(),
                s.wakeAt());
    }

    private UserLifecycle promote(UserLifecycle s, Activity activity, List<Transition> out) {
        UserLifecycle current = s;
        if (current.stage() == Stage.ACTIVATED && activationMet(current)) {
            // A late key event can complete the criterion earlier than it seemed: activation holds from then,
            // as it would have on time, so that sustained activity is counted from the same instant.
            Instant activatedAt = current.earliestKeyEvents().get(rules.activation().count() - 1);
            if (activatedAt.isBefore(current.stageSince())) {
                current = current.withStage(Stage.ACTIVATED, activatedAt, current.stageBeforeRisk());
            }
        }
        while (true) {
            if (current.stage() == Stage.NEW && activationMet(current)) {
                current = move(current, Stage.ACTIVATED, Reason.ACTIVATION_CRITERION_MET, activity, out);
            } else if ((current.stage() == Stage.ACTIVATED || current.stage() == Stage.RESURRECTED)
                    && engagedMet(current)) {
                current = move(current, Stage.ENGAGED, Reason.SUSTAINED_ACTIVITY, activity, out);
            } else {
                return current;
            }
        }
    }

    private boolean activationMet(UserLifecycle s) {
        int needed = rules.activation().count();
        List<Instant> keys = s.earliestKeyEvents();
        return keys.size() >= needed
                && !keys.get(needed - 1).isAfter(s.firstSeenAt().plus(rules.activation().within()));
    }

    /** Active in enough of the last intervals, counting only the intervals since the current stage began. */
    private boolean engagedMet(UserLifecycle s) {
        long anchor = rules.intervalOf(s.lastActiveAt().toEpochMilli());
        long from = Math.max(anchor - rules.engaged().ofLast() + 1, rules.intervalOf(s.stageSince().toEpochMilli()));
        return ActivityBits.count(s.activeIntervals(), anchor, from, anchor) >= rules.engaged().activeIntervals();
    }

    /** Whether, evaluated at the start of interval {@code evaluated}, the last window fell below the baseline. */
    private boolean belowBaseline(long bits, long anchor, long evaluated) {
        return rules.atRisk().baseline().map(b -> {
            long recentFrom = evaluated - b.windowIntervals();
            int recent = ActivityBits.count(bits, anchor, recentFrom, evaluated - 1);
            int baseline = ActivityBits.count(bits, anchor,
                    recentFrom - (long) b.windows() * b.windowIntervals(), recentFrom - 1);
            return baseline >= b.minActiveIntervals() && recent * b.windows() < b.fraction() * baseline;
        }).orElse(false);
    }

    private UserLifecycle runDeadlines(UserLifecycle s, Instant until, List<Transition> out) {
        UserLifecycle current = s;
        Optional<Deadline> due = nextDeadline(current);
        while (due.isPresent() && !due.get().at().isAfter(until)) {
            Deadline deadline = due.get();
            Stage before = current.stage();
            String id = transitionId(current.userId(), before, deadline.to(), "timer:" + deadline.at().toEpochMilli());
            out.add(new Transition(id, current.userId(), before, deadline.to(), deadline.reason(), null,
                    deadline.at(), deadline.at(), false, null));
            List<SilenceStep> steps = new ArrayList<>(current.silence());
            steps.add(new SilenceStep(id, deadline.at(), before, current.stageSince(), current.stageBeforeRisk()));
            current = current.withStage(deadline.to(), deadline.at(), deadline.to() == Stage.AT_RISK ? before : null)
                    .withSilence(steps);
            due = nextDeadline(current);
        }
        return current;
    }

    private Optional<Deadline> nextDeadline(UserLifecycle s) {
        Instant lastActive = s.lastActiveAt();
        return switch (s.stage()) {
            case NEW, ACTIVATED, RESURRECTED -> Optional.of(silentAtRisk(lastActive));
            case ENGAGED -> Optional.of(baselineDrop(s).orElseGet(() -> silentAtRisk(lastActive)));
            case AT_RISK -> Optional.of(new Deadline(lastActive.plus(rules.dormantAfter()), Stage.DORMANT,
                    Reason.SILENT_DORMANT_THRESHOLD));
            case DORMANT -> Optional.of(new Deadline(lastActive.plus(rules.churnedAfter()), Stage.CHURNED,
                    Reason.SILENT_CHURNED_THRESHOLD));
            case CHURNED -> Optional.empty();
        };
    }

    private Deadline silentAtRisk(Instant lastActive) {
        return new Deadline(lastActive.plus(rules.atRisk().silentFor()), Stage.AT_RISK, Reason.SILENT_AT_RISK_THRESHOLD);
    }

    /** The first interval start, before the silence threshold, at which the user falls below their baseline. */
    private Optional<Deadline> baselineDrop(UserLifecycle s) {
        if (rules.atRisk().baseline().isEmpty()) {
            return Optional.empty();
        }
        LifecycleRules.Baseline b = rules.atRisk().baseline().get();
        long intervalMillis = rules.interval().toMillis();
        long silentAt = s.lastActiveAt().plus(rules.atRisk().silentFor()).toEpochMilli();
        long anchor = rules.intervalOf(s.lastActiveAt().toEpochMilli());
        long lastUseful = anchor + (long) b.windowIntervals() * (b.windows() + 1);
        for (long e = anchor + 1; e <= lastUseful && e * intervalMillis < silentAt; e++) {
            if (belowBaseline(s.activeIntervals(), anchor, e)) {
                return Optional.of(new Deadline(Instant.ofEpochMilli(e * intervalMillis), Stage.AT_RISK,
                        Reason.ACTIVITY_BELOW_BASELINE));
            }
        }
        return Optional.empty();
    }

    private UserLifecycle move(UserLifecycle s, Stage to, Reason reason, Activity activity, List<Transition> out) {
        out.add(byEvent(s, s.stage(), to, reason, activity));
        Instant since = activity.at().isAfter(s.stageSince()) ? activity.at() : s.stageSince();
        if (reason == Reason.ACTIVATION_CRITERION_MET) {
            // Activation holds from the key event that completed the criterion, whichever event arrived last.
            since = s.earliestKeyEvents().get(rules.activation().count() - 1);
        }
        return s.withStage(to, since, null);
    }

    private Transition byEvent(UserLifecycle s, Stage from, Stage to, Reason reason, Activity activity) {
        Instant at = from == null || activity.at().isAfter(s.stageSince()) ? activity.at() : s.stageSince();
        return new Transition(transitionId(s.userId(), from, to, "event:" + activity.eventId()), s.userId(), from, to,
                reason, activity.eventId(), null, at, false, null);
    }

    private List<Instant> keyEvents(UserLifecycle s, Activity activity) {
        if (!activity.keyEvent()) {
            return s.earliestKeyEvents();
        }
        List<Instant> keys = new ArrayList<>(s.earliestKeyEvents());
        keys.add(activity.at());
        keys.sort(null);
        return keys.size() > rules.activation().count() ? keys.subList(0, rules.activation().count()) : keys;
    }

    /** The same user, stages and cause always give the same id, so consumers can deduplicate. */
    static String transitionId(String userId, Stage from, Stage to, String cause) {
        String name = userId + '\u0000' + from + '\u0000' + to + '\u0000' + cause;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private record Deadline(Instant at, Stage to, Reason reason) {
    }
}
