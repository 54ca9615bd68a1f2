package io.userops.trigger.campaign;

import static io.userops.trigger.campaign.TestCampaign.campaign;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AtTriggerTest {

    static final Instant NOW = Instant.parse("2026-06-15T10:00:00Z");
    static final Occurrence AT_RISK = new Occurrence.Transition("tr-1", Optional.of("ENGAGED"), "AT_RISK", false);

    static Campaigns campaigns(TestCampaign... campaigns) {
        return new Campaigns(CampaignSettings.none(), java.util.Arrays.stream(campaigns).map(TestCampaign::build)
                .toList());
    }

    static TestCampaign nudge() {
        return campaign("nudge").trigger(Trigger.Transition.to("AT_RISK"));
    }

    @Test
    void shouldScheduleAQualifyingUserAtTriggerTimePlusTheDelay() {
        TriggerOutcome outcome = CampaignPolicy.atTrigger(AT_RISK, Users.inStage("AT_RISK").snapshot(),
                SendHistory.empty(), campaigns(nudge().delay(Duration.ofDays(2))), NOW);

        assertThat(outcome.decisions()).containsExactly(new TriggerDecision.Scheduled(
                new PendingSend("nudge", "u-1", "tr-1", NOW, NOW.plus(Duration.ofDays(2)))));
        assertThat(outcome.ignoredBecause()).isEmpty();
    }

    @Test
    void shouldScheduleWithoutDelayAtTriggerTime() {
        TriggerOutcome outcome = CampaignPolicy.atTrigger(AT_RISK, Users.inStage("AT_RISK").snapshot(),
                SendHistory.empty(), campaigns(nudge()), NOW);

        assertThat(((TriggerDecision.Scheduled) outcome.decisions().get(0)).pending().dueAt()).isEqualTo(NOW);
    }

    @Test
    void shouldSkipAUserOutsideTheAudience() {
        Campaigns bigSpendersOnly = campaigns(nudge().audience("tags has \"big_spender\""));

        TriggerOutcome outside = CampaignPolicy.atTrigger(AT_RISK, Users.inStage("AT_RISK").snapshot(),
                SendHistory.empty(), bigSpendersOnly, NOW);
        TriggerOutcome inside = CampaignPolicy.atTrigger(AT_RISK, Users.inStage("AT_RISK").tagged("big_spender")
                .snapshot(), SendHistory.empty(), bigSpendersOnly, NOW);

        assertThat(outside.decisions()).containsExactly(new TriggerDecision.Skipped("nudge", "tr-1",
                SkipReason.AUDIENCE));
        assertThat(SkipReason.AUDIENCE.code()).isEqualTo("audience");
        assertThat(inside.decisions()).singleElement().isInstanceOf(TriggerDecision.Scheduled.class);
    }

    @Test
    void shouldSkipAnErasedUser() {
        TriggerOutcome outcome = CampaignPolicy.atTrigger(AT_RISK, new UserSnapshot.Erased("u-1"),
                SendHistory.empty(), campaigns(nudge()), NOW);

        assertThat(outcome.decisions()).containsExactly(new TriggerDecision.Skipped("nudge", "tr-1",
                SkipReason.ERASED));
    }

    @Test
    void shouldSkipATriggerIdThisCampaignAlreadyDecided() {
        SendHistory history = SendHistory.empty().with(new SendHistory.Entry("nudge", "tr-1", Channel.EMAIL,
                NOW.minusSeconds(60), false, false));

        TriggerOutcome again = CampaignPolicy.atTrigger(AT_RISK, Users.inStage("AT_RISK").snapshot(), history,
                campaigns(nudge()), NOW);
        TriggerOutcome otherTrigger = CampaignPolicy.atTrigger(new Occurrence.Transition("tr-2",
                Optional.of("ENGAGED"), "AT_RISK", false), Users.inStage("AT_RISK").snapshot(), history,
                campaigns(nudge()), NOW);

        assertThat(again.decisions()).containsExactly(new TriggerDecision.Skipped("nudge", "tr-1",
                SkipReason.DUPLICATE_TRIGGER));
        assertThat(otherTrigger.decisions()).singleElement().isInstanceOf(TriggerDecision.Scheduled.class);
    }

    @Test
    void shouldDecideNothingForAReplayedTransitionAndSaySo() {
        Occurrence replayed = new Occurrence.Transition("tr-1", Optional.of("ENGAGED"), "AT_RISK", true);

        TriggerOutcome outcome = CampaignPolicy.atTrigger(replayed, Users.inStage("AT_RISK").snapshot(),
                SendHistory.empty(), campaigns(nudge()), NOW);

        assertThat(outcome.decisions()).isEmpty();
        assertThat(outcome.ignoredBecause()).contains(TriggerMatches.REPLAYED);
    }

    @Test
    void shouldDecideEveryMatchingCampaignHighestPriorityFirst() {
        TriggerOutcome outcome = CampaignPolicy.atTrigger(AT_RISK, Users.inStage("AT_RISK").snapshot(),
                SendHistory.empty(), campaigns(nudge(), campaign("vip-alert").trigger(Trigger.Transition.to("AT_RISK"))
                        .priority(5), campaign("welcome")), NOW);

        assertThat(outcome.decisions()).extracting(TriggerDecision::campaignId).containsExactly("vip-alert", "nudge");
    }

    @Test
    void shouldGiveAPendingSendAStableMessageIdOfCampaignUserAndTrigger() {
        PendingSend pending = new PendingSend("nudge", "u-1", "tr-1", NOW, NOW);

        assertThat(pending.messageId()).isEqualTo(new PendingSend("nudge", "u-1", "tr-1", NOW.plusSeconds(5),
                NOW.plusSeconds(99)).messageId());
        assertThat(pending.withDueAt(NOW.plusSeconds(3600)).messageId()).isEqualTo(pending.messageId());
        assertThat(pending.messageId()).isNotEqualTo(new PendingSend("nudge", "u-1", "tr-2", NOW, NOW).messageId())
                .isNotEqualTo(new PendingSend("nudge", "u-2", "tr-1", NOW, NOW).messageId())
                .isNotEqualTo(new PendingSend("welcome", "u-1", "tr-1", NOW, NOW).messageId());
        // the name-based (type 3, MD5) UUID of "nudge\0u-1\0tr-1", computed with Python's hashlib
        assertThat(pending.messageId()).isEqualTo("3ad96e24-d297-3a8e-8e9f-70f787a2bd1b");
    }

    @Test
    void shouldNotMatchCampaignsOfOtherTriggers() {
        TriggerOutcome outcome = CampaignPolicy.atTrigger(new Occurrence.SegmentEntered("c-1", "key_users"),
                Users.inStage("ENGAGED").snapshot(), SendHistory.empty(), campaigns(nudge(),
                        campaign("vip").trigger(new Trigger.SegmentEntered("key_users")).channel(Channel.WEBHOOK)),
                NOW);

        assertThat(outcome.decisions()).extracting(TriggerDecision::campaignId).containsExactly("vip");
        assertThat(List.of(outcome.ignoredBecause())).containsExactly(Optional.empty());
    }
}
