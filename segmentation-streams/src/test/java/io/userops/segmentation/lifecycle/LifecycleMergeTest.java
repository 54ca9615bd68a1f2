package io.userops.segmentation.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.userops.segmentation.lifecycle.LifecycleInput.Activity;
import io.userops.segmentation.lifecycle.LifecycleInput.IdentityMerged;
import io.userops.segmentation.lifecycle.LifecycleInput.TimerFired;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two identities of one person becoming one lifecycle: decided once, nothing counted twice. */
class LifecycleMergeTest {

    static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
    final LifecycleDecider decider = new LifecycleDecider(LifecycleRules.defaults());

    /** One identity's history, built through the decider. */
    final class Identity {
        final String id;
        UserLifecycle state;
        int events;

        Identity(String id) {
            this.id = id;
        }

        Identity act(double day, boolean key) {
            Instant at = day(day);
            state = decider.decide(id, state, new Activity(id + "-e" + (++events), at, key), at).next();
            return this;
        }

        Identity tick(double day) {
            state = decider.decide(id, state, new TimerFired(), day(day)).next();
            return this;
        }
    }

    static Instant day(double days) {
        return T0.plus(Duration.ofMinutes(Math.round(days * 24 * 60)));
    }

    Decision merge(Identity into, Identity retired, double day) {
        return decider.decide(into.id, into.state, new IdentityMerged(retired.state, "identify-1", day(day)), day(day));
    }

    static List<String> path(Decision d) {
        return d.transitions().stream().map(t -> t.from() + "->" + t.to() + ":" + t.reason().code()).toList();
    }

    @Test
    void shouldKeepAnEngagedAnonymousVisitorEngagedWhenTheySignUp() {
        Identity anonymous = new Identity("anon-1");
        for (int d = 0; d < 6; d++) {
            anonymous.act(d, d < 3);
        }
        assertThat(anonymous.state.stage()).isEqualTo(Stage.ENGAGED);
        Identity user = new Identity("u-1").act(6.5, false);

        Decision d = merge(user, anonymous, 6.5);

        assertThat(path(d)).containsExactly("NEW->ENGAGED:identity_merged");
        Transition merged = d.transitions().get(0);
        assertThat(merged.userId()).isEqualTo("u-1");
        assertThat(merged.causeEventId()).isEqualTo("identify-1");
        assertThat(merged.at()).isEqualTo(day(6.5));
        assertThat(d.next().userId()).isEqualTo("u-1");
        assertThat(d.next().eventCount()).isEqualTo(7);
        assertThat(d.next().firstSeenAt()).isEqualTo(T0);
        assertThat(d.next().lastActiveAt()).isEqualTo(day(6.5));
        assertThat(d.wakeAt()).hasValueSatisfying(at -> assertThat(at).isAfter(day(6.5)));
    }

    @Test
    void shouldTakeOverTheRetiredLifecycleWithOneTransitionWhenTheUserHasNone() {
        Identity anonymous = new Identity("anon-1").act(0, true).act(1, true).act(2, true);
        assertThat(anonymous.state.stage()).isEqualTo(Stage.ACTIVATED);

        Decision d = decider.decide("u-1", null, new IdentityMerged(anonymous.state, "identify-1", day(2.5)), day(2.5));

        assertThat(path(d)).containsExactly("null->ACTIVATED:identity_merged");
        assertThat(d.next().userId()).isEqualTo("u-1");
        assertThat(d.next().eventCount()).isEqualTo(3);
        assertThat(d.next().earliestKeyEvents()).containsExactly(day(0), day(1), day(2));
    }

    @Test
    void shouldActivateWhenOnlyTheCombinedKeyEventsMeetTheCriterion() {
        Identity anonymous = new Identity("anon-1").act(0, true).act(1, true);
        Identity user = new Identity("u-1").act(2, true);
        assertThat(List.of(anonymous.state.stage(), user.state.stage())).containsOnly(Stage.NEW);

        Decision d = merge(user, anonymous, 2.1);

        assertThat(path(d)).containsExactly("NEW->ACTIVATED:identity_merged");
        assertThat(d.next().earliestKeyEvents()).containsExactly(day(0), day(1), day(2));
        assertThat(d.next().firstSeenAt()).isEqualTo(day(0));
    }

    @Test
    void shouldResurrectADormantHistoryThatTheUsersRecentActivityResumes() {
        Identity anonymous = new Identity("anon-1").act(0, false).tick(7).tick(14);
        assertThat(anonymous.state.stage()).isEqualTo(Stage.DORMANT);
        Identity user = new Identity("u-1").act(20, false);

        Decision d = merge(user, anonymous, 20);

        assertThat(path(d)).containsExactly("NEW->RESURRECTED:identity_merged");
        assertThat(d.next().eventCount()).isEqualTo(2);
    }

    @Test
    void shouldKeepTheSilenceOfTheMoreRecentIdentityWhenBothAreSilent() {
        Identity user = new Identity("u-1").act(0, false).tick(7).tick(14);
        Identity anonymous = new Identity("anon-1").act(5, false).tick(12);
        assertThat(user.state.stage()).isEqualTo(Stage.DORMANT);
        assertThat(anonymous.state.stage()).isEqualTo(Stage.AT_RISK);

        Decision d = merge(user, anonymous, 14);

        assertThat(path(d)).containsExactly("DORMANT->AT_RISK:identity_merged");
        assertThat(d.next().lastActiveAt()).isEqualTo(day(5));
        assertThat(d.wakeAt()).contains(day(5 + 14));
    }

    @Test
    void shouldEmitNothingWhenTheMergeLeavesTheStageAsItWas() {
        Identity user = new Identity("u-1").act(0, true).act(1, true).act(2, true);
        Identity anonymous = new Identity("anon-1").act(1.5, false);

        Decision d = merge(user, anonymous, 2.5);

        assertThat(d.transitions()).isEmpty();
        assertThat(d.next().stage()).isEqualTo(Stage.ACTIVATED);
        assertThat(d.next().eventCount()).isEqualTo(4);
    }

    @Test
    void shouldApplyThresholdsThatFallAfterTheMergedActivityInOrderAfterTheMerge() {
        Identity anonymous = new Identity("anon-1").act(0, true).act(1, true).act(2, true);
        Identity user = new Identity("u-1").act(1, false);

        Decision d = merge(user, anonymous, 10);

        assertThat(path(d)).containsExactly("NEW->ACTIVATED:identity_merged",
                "ACTIVATED->AT_RISK:silent_at_risk_threshold");
        List<Transition> chain = new ArrayList<>(d.transitions());
        assertThat(chain.get(1).from()).isEqualTo(chain.get(0).to());
        assertThat(chain.get(1).at()).isEqualTo(day(9));
    }

    @Test
    void shouldGiveTheSameTransitionIdForTheSameMerge() {
        Identity anonymous = new Identity("anon-1").act(0, true).act(1, true).act(2, true);
        Identity user = new Identity("u-1").act(2.2, false);

        assertThat(merge(user, anonymous, 2.5).transitions()).isEqualTo(merge(user, anonymous, 2.5).transitions());
    }
}
