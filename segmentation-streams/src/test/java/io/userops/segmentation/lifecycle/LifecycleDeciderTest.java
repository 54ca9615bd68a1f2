package io.userops.segmentation.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userops.segmentation.lifecycle.LifecycleInput.Activity;
import io.userops.segmentation.lifecycle.LifecycleInput.TimerFired;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LifecycleDeciderTest {

    static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
    static final LifecycleRules RULES = LifecycleRules.defaults();
    final LifecycleDecider decider = new LifecycleDecider(RULES);

    /** Drives one user through inputs, remembering every transition. */
    final class Journey {
        UserLifecycle state;
        final List<Transition> transitions = new ArrayList<>();
        Optional<Instant> wakeAt = Optional.empty();
        int events;

        Journey act(Instant at, boolean key) {
            return act(at, key, at);
        }

        Journey act(Instant at, boolean key, Instant now) {
            return apply(new Activity("e" + (++events), at, key), now);
        }

        Journey tick(Instant now) {
            return apply(new TimerFired(), now);
        }

        Journey apply(LifecycleInput input, Instant now) {
            Decision d = decider.decide("u1", state, input, now);
            state = d.next();
            transitions.addAll(d.transitions());
            wakeAt = d.wakeAt();
            return this;
        }

        List<String> path() {
            return transitions.stream().map(t -> t.from() + "->" + t.to() + ":" + t.reason().code()).toList();
        }
    }

    static Instant day(double days) {
        return T0.plus(Duration.ofMinutes(Math.round(days * 24 * 60)));
    }

    @Test
    void shouldMakeAFirstSeenUserNewWithAWakeUpAtTheAtRiskThreshold() {
        Journey j = new Journey().act(T0, false);

        assertThat(j.path()).containsExactly("null->NEW:first_seen");
        Transition first = j.transitions.get(0);
        assertThat(first.causeEventId()).isEqualTo("e1");
        assertThat(first.at()).isEqualTo(T0);
        assertThat(j.state.firstSeenAt()).isEqualTo(T0);
        assertThat(j.wakeAt).contains(T0.plus(Duration.ofDays(7)));
    }

    @Test
    void shouldDateActivationFromTheKeyEventThatCompletedItEvenWhenAnEarlierOneArrivesLate() {
        Journey j = new Journey().act(T0, true).act(day(3), true).act(day(4), true);
        assertThat(j.state.stage()).isEqualTo(Stage.ACTIVATED);
        assertThat(j.state.stageSince()).isEqualTo(day(4));

        j.act(day(1), true, day(4.5));

        assertThat(j.state.stage()).isEqualTo(Stage.ACTIVATED);
        assertThat(j.state.stageSince()).as("the third key event is now the one of day 3").isEqualTo(day(3));
        assertThat(j.state.earliestKeyEvents()).containsExactly(T0, day(1), day(3));
    }

    @Test
    void shouldActivateOnTheThirdKeyEventWithinSevenDaysOfFirstSeen() {
        Journey j = new Journey().act(T0, false).act(day(1), true).act(day(2), true);
        assertThat(j.state.stage()).isEqualTo(Stage.NEW);

        j.act(day(6.9), true);

        assertThat(j.state.stage()).isEqualTo(Stage.ACTIVATED);
        assertThat(j.transitions.get(1).reason()).isEqualTo(Reason.ACTIVATION_CRITERION_MET);
        assertThat(j.transitions.get(1).causeEventId()).isEqualTo("e4");
    }

    @Test
    void shouldNotActivateWhenTheKeyEventsComeAfterTheActivationWindow() {
        Journey j = new Journey().act(T0, false).act(day(1), true).act(day(5), true).act(day(7.5), true);

        assertThat(j.state.stage()).isEqualTo(Stage.NEW);
    }

    @Test
    void shouldBecomeEngagedAfterThreeActiveDaysSinceActivation() {
        Journey j = new Journey().act(T0, true).act(day(0.1), true).act(day(0.2), true);
        assertThat(j.state.stage()).isEqualTo(Stage.ACTIVATED);

        j.act(day(1), false);
        assertThat(j.state.stage()).isEqualTo(Stage.ACTIVATED);
        j.act(day(3), false);

        assertThat(j.state.stage()).isEqualTo(Stage.ENGAGED);
        assertThat(j.path()).endsWith("ACTIVATED->ENGAGED:sustained_activity");
    }

    @Test
    void shouldWalkThroughAtRiskDormantAndChurnedAtTheThresholdInstantsWhateverTheTickTime() {
        Journey j = new Journey().act(T0, false);

        j.tick(day(45));

        assertThat(j.path()).containsExactly("null->NEW:first_seen", "NEW->AT_RISK:silent_at_risk_threshold",
                "AT_RISK->DORMANT:silent_dormant_threshold", "DORMANT->CHURNED:silent_churned_threshold");
        assertThat(j.transitions.subList(1, 4)).extracting(Transition::at)
                .containsExactly(day(7), day(14), day(30));
        assertThat(j.transitions.subList(1, 4)).allSatisfy(t -> {
            assertThat(t.causeTimerAt()).isEqualTo(t.at());
            assertThat(t.causeEventId()).isNull();
        });
        assertThat(j.wakeAt).isEmpty();
        assertThat(j.state.stageSince()).isEqualTo(day(30));
    }

    @Test
    void shouldDoNothingOnATimerBeforeTheThreshold() {
        Journey j = new Journey().act(T0, false);

        j.tick(day(6.99));

        assertThat(j.state.stage()).isEqualTo(Stage.NEW);
        assertThat(j.transitions).hasSize(1);
        assertThat(j.wakeAt).contains(day(7));
    }

    @ParameterizedTest(name = "silent {0} days then active: {1}")
    @CsvSource({
            "8, AT_RISK->NEW:activity_resumed",
            "20, DORMANT->RESURRECTED:activity_after_dormancy",
            "40, CHURNED->RESURRECTED:activity_after_churn"})
    void shouldLeaveASilenceStageOnActivity(double silentDays, String expectedLast) {
        Journey j = new Journey().act(T0, false).tick(day(silentDays));

        j.act(day(silentDays + 0.01), false);

        assertThat(j.path()).last().isEqualTo(expectedLast);
        assertThat(j.state.lastActiveAt()).isEqualTo(day(silentDays + 0.01));
    }

    @Test
    void shouldApplyThresholdsThatFellBeforeAnEventBeforeTheEventItself() {
        Journey j = new Journey().act(T0, false);

        j.act(day(20), false);

        assertThat(j.path()).containsExactly("null->NEW:first_seen", "NEW->AT_RISK:silent_at_risk_threshold",
                "AT_RISK->DORMANT:silent_dormant_threshold", "DORMANT->RESURRECTED:activity_after_dormancy");
    }

    @Test
    void shouldReturnResurrectedUsersToEngagedAfterSustainedActivity() {
        Journey j = new Journey().act(T0, false).act(day(20), false).act(day(21), false);
        assertThat(j.state.stage()).isEqualTo(Stage.RESURRECTED);

        j.act(day(22), false);

        assertThat(j.path()).last().isEqualTo("RESURRECTED->ENGAGED:sustained_activity");
    }

    @Test
    void shouldFlagAnEngagedUserWhoseLastWeekFellBelowHalfTheirBaseline() {
        Journey j = new Journey().act(T0, true).act(day(0.1), true).act(day(0.2), true);
        for (int d = 1; d <= 34; d++) {
            j.act(day(d), false);
        }
        assertThat(j.state.stage()).isEqualTo(Stage.ENGAGED);
        j.act(day(37), false);
        j.act(day(40), false);

        j.tick(day(42));

        assertThat(j.path()).last().isEqualTo("ENGAGED->AT_RISK:activity_below_baseline");
        Transition drop = j.transitions.get(j.transitions.size() - 1);
        assertThat(drop.at()).isAfter(day(37)).isBefore(day(40));
        assertThat(drop.at().toEpochMilli() % Duration.ofDays(1).toMillis()).isZero();
    }

    @Test
    void shouldStayAtRiskOnActivityThatLeavesTheUserBelowBaseline() {
        Journey j = new Journey().act(T0, true).act(day(0.1), true).act(day(0.2), true);
        for (int d = 1; d <= 34; d++) {
            j.act(day(d), false);
        }
        j.act(day(40), false).tick(day(42));
        assertThat(j.state.stage()).isEqualTo(Stage.AT_RISK);

        j.act(day(42.5), false);

        assertThat(j.state.stage()).isEqualTo(Stage.AT_RISK);
        assertThat(j.state.lastActiveAt()).isEqualTo(day(42.5));
    }

    @Test
    void shouldCorrectADormancyThatALateEventDisproves() {
        Journey j = new Journey().act(T0, false).tick(day(15));
        assertThat(j.state.stage()).isEqualTo(Stage.DORMANT);
        Transition dormancy = j.transitions.get(2);

        j.act(day(10), false, day(15));

        Transition correction = j.transitions.get(j.transitions.size() - 1);
        assertThat(correction.correction()).isTrue();
        assertThat(correction.from()).isEqualTo(Stage.DORMANT);
        assertThat(correction.to()).isEqualTo(Stage.NEW);
        assertThat(correction.reason()).isEqualTo(Reason.LATE_ACTIVITY_CORRECTION);
        assertThat(correction.correctsTransitionId()).isEqualTo(dormancy.transitionId());
        assertThat(correction.at()).isEqualTo(day(10));
        assertThat(j.state.lastActiveAt()).isEqualTo(day(10));
        assertThat(j.wakeAt).contains(day(17));
    }

    @Test
    void shouldCorrectAndThenReapplyTheThresholdsOfTheCorrectedHistory() {
        Journey j = new Journey().act(T0, false).tick(day(15));

        j.act(day(2), false, day(15));

        assertThat(j.path()).containsExactly("null->NEW:first_seen", "NEW->AT_RISK:silent_at_risk_threshold",
                "AT_RISK->DORMANT:silent_dormant_threshold", "DORMANT->NEW:late_activity_correction",
                "NEW->AT_RISK:silent_at_risk_threshold");
        assertThat(j.transitions.get(3).correctsTransitionId()).isEqualTo(j.transitions.get(1).transitionId());
        assertThat(j.state.stageSince()).isEqualTo(day(9));
    }

    @Test
    void shouldNotCorrectAnythingForALateEventAfterTheSilenceTransitions() {
        Journey j = new Journey().act(T0, false).tick(day(15));

        j.act(day(14.5), false, day(15));

        assertThat(j.path()).last().isEqualTo("DORMANT->RESURRECTED:activity_after_dormancy");
        assertThat(j.transitions).noneMatch(Transition::correction);
    }

    @Test
    void shouldNeverMoveLastActiveBackwardsForAnOutOfOrderEvent() {
        Journey j = new Journey().act(day(2), false).act(day(3), false);

        j.act(day(1), false, day(3));

        assertThat(j.state.lastActiveAt()).isEqualTo(day(3));
        assertThat(j.state.firstSeenAt()).isEqualTo(day(1));
        assertThat(j.state.eventCount()).isEqualTo(3);
        assertThat(j.transitions).hasSize(1);
    }

    @Test
    void shouldGiveTheSameTransitionIdsForTheSameInputs() {
        Journey a = new Journey().act(T0, false).tick(day(31));
        Journey b = new Journey().act(T0, false).tick(day(8)).tick(day(20)).tick(day(31));

        assertThat(a.transitions).extracting(Transition::transitionId)
                .containsExactlyElementsOf(b.transitions.stream().map(Transition::transitionId).toList())
                .doesNotHaveDuplicates();
    }

    @Test
    void shouldRefuseATimerForAUserWithoutState() {
        assertThatThrownBy(() -> decider.decide("ghost", null, new TimerFired(), T0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ghost");
    }

    @Test
    void shouldAllowDisablingTheBaselineRule() {
        LifecycleRules noBaseline = new LifecycleRules(Duration.ofDays(1), Set.of("track"), RULES.activation(),
                RULES.engaged(), new LifecycleRules.AtRisk(Duration.ofDays(7), Optional.empty()),
                Duration.ofDays(14), Duration.ofDays(30));
        LifecycleDecider plain = new LifecycleDecider(noBaseline);
        UserLifecycle s = null;
        for (int d = 0; d <= 34; d++) {
            s = plain.decide("u1", s, new Activity("e" + d, day(d), true), day(d)).next();
        }
        s = plain.decide("u1", s, new Activity("late", day(40), false), day(40)).next();

        Decision d = plain.decide("u1", s, new TimerFired(), day(46));

        assertThat(d.next().stage()).isEqualTo(Stage.ENGAGED);
        assertThat(d.wakeAt()).contains(day(47));
    }
}
