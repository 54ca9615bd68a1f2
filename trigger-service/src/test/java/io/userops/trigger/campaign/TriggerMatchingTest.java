package io.userops.trigger.campaign;

import static io.userops.trigger.campaign.TestCampaign.campaign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TriggerMatchingTest {

    @ParameterizedTest(name = "trigger {0}->{1} on {2}->{3}: {4}")
    @CsvSource(nullValues = "-", textBlock = """
            -,       AT_RISK, ENGAGED,   AT_RISK,     true
            -,       AT_RISK, -,         AT_RISK,     true
            ENGAGED, AT_RISK, ENGAGED,   AT_RISK,     true
            ENGAGED, AT_RISK, ACTIVATED, AT_RISK,     false
            ENGAGED, AT_RISK, -,         AT_RISK,     false
            ENGAGED, -,       ENGAGED,   AT_RISK,     true
            ENGAGED, -,       ENGAGED,   DORMANT,     true
            ENGAGED, -,       DORMANT,   RESURRECTED, false
            -,       DORMANT, AT_RISK,   CHURNED,     false
            """)
    void shouldMatchATransitionByItsFromAndToStages(String from, String to, String occurredFrom, String occurredTo,
                                                    boolean matches) {
        Trigger trigger = new Trigger.Transition(Optional.ofNullable(from), Optional.ofNullable(to));
        Occurrence occurrence = new Occurrence.Transition("t-1", Optional.ofNullable(occurredFrom), occurredTo, false);

        assertThat(trigger.matches(occurrence)).isEqualTo(matches);
    }

    @ParameterizedTest(name = "{0} on {1}: {2}")
    @CsvSource(textBlock = """
            entered key_users, entered key_users, true
            entered key_users, entered other,     false
            entered key_users, exited key_users,  false
            entered key_users, tag key_users,     false
            exited key_users,  exited key_users,  true
            exited key_users,  entered key_users, false
            tag big_spender,   tag big_spender,   true
            tag big_spender,   tag rfm_m5,        false
            tag big_spender,   entered big_spender, false
            """)
    void shouldMatchSegmentAndTagTriggersByKindAndName(String triggerText, String occurrenceText, boolean matches) {
        assertThat(trigger(triggerText).matches(occurrence(occurrenceText))).isEqualTo(matches);
    }

    @Test
    void shouldNeverMatchTransitionTriggersOnSegmentChanges() {
        assertThat(Trigger.Transition.to("AT_RISK").matches(occurrence("entered AT_RISK"))).isFalse();
    }

    @Test
    void shouldTriggerNothingOnAReplayedTransitionAndSaySo() {
        Campaigns campaigns = new Campaigns(CampaignSettings.none(), List.of(campaign("nudge")
                .trigger(Trigger.Transition.to("AT_RISK")).build()));

        TriggerMatches live = campaigns.matching(new Occurrence.Transition("t-1", Optional.of("ENGAGED"), "AT_RISK",
                false));
        TriggerMatches replayed = campaigns.matching(new Occurrence.Transition("t-1", Optional.of("ENGAGED"),
                "AT_RISK", true));

        assertThat(live.campaigns()).extracting(Campaign::id).containsExactly("nudge");
        assertThat(live.ignoredBecause()).isEmpty();
        assertThat(replayed.campaigns()).isEmpty();
        assertThat(replayed.ignoredBecause()).contains("replayed");
    }

    @Test
    void shouldListTheMatchingCampaignsHighestPriorityFirstThenById() {
        Trigger atRisk = Trigger.Transition.to("AT_RISK");
        Campaigns campaigns = new Campaigns(CampaignSettings.none(), List.of(
                campaign("low").trigger(atRisk).priority(1).build(),
                campaign("other").trigger(Trigger.Transition.to("DORMANT")).priority(99).build(),
                campaign("high-b").trigger(atRisk).priority(10).build(),
                campaign("high-a").trigger(atRisk).priority(10).build()));

        TriggerMatches matches = campaigns.matching(new Occurrence.Transition("t", Optional.empty(), "AT_RISK",
                false));

        assertThat(matches.campaigns()).extracting(Campaign::id).containsExactly("high-a", "high-b", "low");
    }

    @Test
    void shouldRejectTransitionTriggersThatCanNeverHappen() {
        assertThatThrownBy(() -> new Trigger.Transition(Optional.empty(), Optional.empty()))
                .hasMessage("a transition trigger needs from, to or both");
        assertThatThrownBy(() -> new Trigger.Transition(Optional.of("DORMANT"), Optional.of("DORMANT")))
                .hasMessage("a transition from DORMANT to itself never happens");
        assertThatThrownBy(() -> Trigger.Transition.to("AT_RSK"))
                .hasMessageStartingWith("unknown to stage 'AT_RSK'; the stages are NEW, ACTIVATED");
    }

    private static Trigger trigger(String text) {
        String[] parts = text.split(" ");
        switch (parts[0]) {
            case "entered":
                return new Trigger.SegmentEntered(parts[1]);
            case "exited":
                return new Trigger.SegmentExited(parts[1]);
            default:
                return new Trigger.TagAdded(parts[1]);
        }
    }

    private static Occurrence occurrence(String text) {
        String[] parts = text.split(" ");
        switch (parts[0]) {
            case "entered":
                return new Occurrence.SegmentEntered("c-1", parts[1]);
            case "exited":
                return new Occurrence.SegmentExited("c-1", parts[1]);
            default:
                return new Occurrence.TagAdded("c-1", parts[1]);
        }
    }
}
