package io.userops.segmentation.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.userops.segmentation.lifecycle.LifecycleInput.Activity;
import io.userops.segmentation.lifecycle.LifecycleInput.TimerFired;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class LifecycleDeciderProperties {

    static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
    final LifecycleDecider decider = new LifecycleDecider(LifecycleRules.defaults());

    /** One input with the clock reading it is decided at; the clock never goes back. */
    record Step(LifecycleInput input, Instant now) {
    }

    record Run(List<UserLifecycle> states, List<Transition> transitions, List<Decision> decisions) {
        UserLifecycle last() {
            return states.get(states.size() - 1);
        }
    }

    Run play(List<Step> steps) {
        UserLifecycle state = null;
        List<UserLifecycle> states = new ArrayList<>();
        List<Transition> transitions = new ArrayList<>();
        List<Decision> decisions = new ArrayList<>();
        for (Step step : steps) {
            if (state == null && step.input() instanceof TimerFired) {
                continue;
            }
            Decision d = decider.decide("u1", state, step.input(), step.now());
            decisions.add(d);
            transitions.addAll(d.transitions());
            state = d.next();
            states.add(state);
        }
        return new Run(states, transitions, decisions);
    }

    @Provide
    Arbitrary<List<Step>> journeys() {
        Arbitrary<Integer> clockAdvanceMinutes = Arbitraries.integers().between(0, 6 * 24 * 60);
        Arbitrary<Integer> lateByMinutes = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.just(0)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1, 20 * 24 * 60)));
        Arbitrary<Integer> kind = Arbitraries.integers().between(0, 9);
        return Combinators.combine(clockAdvanceMinutes, lateByMinutes, kind).as(Move::new).list().ofMinSize(1).ofMaxSize(40)
                .map(LifecycleDeciderProperties::toSteps);
    }

    record Move(int advance, int lateBy, int kind) {
    }

    static List<Step> toSteps(List<Move> moves) {
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(new Activity("e0", T0, false), T0));
        Instant clock = T0;
        int n = 0;
        for (Move move : moves) {
            clock = clock.plus(Duration.ofMinutes(move.advance()));
            if (move.kind() < 3) {
                steps.add(new Step(new TimerFired(), clock));
            } else {
                Instant at = clock.minus(Duration.ofMinutes(move.lateBy()));
                steps.add(new Step(new Activity("e" + (++n), at, move.kind() >= 7), clock));
            }
        }
        return steps;
    }

    @Property
    void sameInputsGiveTheSameOutput(@ForAll("journeys") List<Step> steps) {
        assertThat(play(steps)).isEqualTo(play(steps));
    }

    @Property
    void transitionsChainEachFromIsThePreviousTo(@ForAll("journeys") List<Step> steps) {
        Stage previous = null;
        for (Transition t : play(steps).transitions()) {
            assertThat(t.from()).isEqualTo(previous);
            previous = t.to();
        }
    }

    @Property
    void everyTransitionHasExactlyOneCauseAndAnEventCauseIsAnInputEvent(@ForAll("journeys") List<Step> steps) {
        List<String> eventIds = steps.stream().map(Step::input).filter(Activity.class::isInstance)
                .map(i -> ((Activity) i).eventId()).toList();
        for (Transition t : play(steps).transitions()) {
            assertThat(t.causeEventId() == null).isNotEqualTo(t.causeTimerAt() == null);
            if (t.causeEventId() != null) {
                assertThat(eventIds).contains(t.causeEventId());
            }
        }
    }

    @Property
    void aWakeUpIsAlwaysInTheFuture(@ForAll("journeys") List<Step> steps) {
        Run run = play(steps);
        List<Step> decided = steps.stream()
                .dropWhile(s -> s.input() instanceof TimerFired).toList();
        int i = 0;
        for (Step step : decided) {
            if (i >= run.decisions().size()) {
                break;
            }
            Decision d = run.decisions().get(i++);
            d.wakeAt().ifPresent(wake -> assertThat(wake).isAfter(step.now()));
            assertThat(d.next().wakeAt()).isEqualTo(d.wakeAt().orElse(null));
        }
    }

    @Property
    void churnedIsLeftOnlyOnActivity(@ForAll("journeys") List<Step> steps) {
        Run run = play(steps);
        for (Transition t : run.transitions()) {
            if (t.from() == Stage.CHURNED) {
                assertThat(t.causeEventId()).isNotNull();
            }
        }
    }

    @Property
    void lastActiveAtIsTheLatestActivityAndNeverMovesBack(@ForAll("journeys") List<Step> steps) {
        Run run = play(steps);
        Instant previous = Instant.MIN;
        for (UserLifecycle s : run.states()) {
            assertThat(s.lastActiveAt()).isAfterOrEqualTo(previous);
            previous = s.lastActiveAt();
        }
        Instant latest = steps.stream().map(Step::input).filter(Activity.class::isInstance)
                .map(i -> ((Activity) i).at()).max(Comparator.naturalOrder()).orElseThrow();
        assertThat(run.last().lastActiveAt()).isEqualTo(latest);
    }

    @Property
    void anyTickScheduleOverTheSameSilenceGivesTheSameStageAndTransitions(
            @ForAll @Size(max = 12) List<@IntRange(min = 0, max = 60 * 24) Integer> tickHours,
            @ForAll @IntRange(min = 0, max = 60 * 24) int endHours) {
        Activity only = new Activity("e1", T0, false);
        Instant end = T0.plus(Duration.ofHours(endHours));
        List<Step> scheduled = new ArrayList<>();
        scheduled.add(new Step(only, T0));
        tickHours.stream().sorted().map(h -> T0.plus(Duration.ofHours(h))).filter(t -> !t.isAfter(end))
                .forEach(t -> scheduled.add(new Step(new TimerFired(), t)));
        scheduled.add(new Step(new TimerFired(), end));

        Run ticked = play(scheduled);
        Run once = play(List.of(new Step(only, T0), new Step(new TimerFired(), end)));

        assertThat(ticked.last().stage()).isEqualTo(once.last().stage());
        assertThat(ticked.transitions()).isEqualTo(once.transitions());
    }

    /**
     * A late event disproves the silence it fell into, as long as no newer event has ended that silence
     * first (then it only adds to the counts: docs/lifecycle.md, "Late events").
     */
    @Property
    void anEventDeliveredLateIntoTheCurrentSilenceEndsInTheSameStageAsDeliveredOnTime(
            @ForAll @Size(min = 1, max = 12) List<@IntRange(min = 0, max = 45 * 24) Integer> eventHours,
            @ForAll @IntRange(min = 0, max = 11) int delayedIndex,
            @ForAll @IntRange(min = 0, max = 30 * 24) int afterHours) {
        List<Instant> times = eventHours.stream().sorted().map(h -> T0.plus(Duration.ofHours(h))).toList();
        int delayed = delayedIndex % times.size();
        Instant end = times.get(times.size() - 1).plus(Duration.ofHours(afterHours));

        List<Step> onTime = new ArrayList<>();
        List<Step> late = new ArrayList<>();
        for (int i = 0; i < times.size(); i++) {
            Activity a = new Activity("e" + i, times.get(i), false);
            onTime.add(new Step(a, times.get(i)));
            if (i != delayed) {
                late.add(new Step(a, times.get(i)));
            }
            if (i == delayed) {
                Instant arrival = i + 1 < times.size() ? times.get(i + 1) : end;
                late.add(new Step(new TimerFired(), arrival));
                late.add(new Step(a, arrival));
            }
        }
        onTime.add(new Step(new TimerFired(), end));
        late.add(new Step(new TimerFired(), end));

        Run expected = play(onTime);
        Run actual = play(late);
        assertThat(actual.last().stage()).isEqualTo(expected.last().stage());
        assertThat(actual.last().lastActiveAt()).isEqualTo(expected.last().lastActiveAt());
        assertThat(actual.last().wakeAt()).isEqualTo(expected.last().wakeAt());
    }
}
