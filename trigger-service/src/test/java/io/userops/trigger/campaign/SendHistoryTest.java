package io.userops.trigger.campaign;

import static io.userops.trigger.campaign.TestCampaign.campaign;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SendHistoryTest {

    static final Instant NOW = Instant.parse("2026-06-15T10:00:00Z");

    static SendHistory.Entry entry(String campaignId, Duration ago) {
        return new SendHistory.Entry(campaignId, "t-" + campaignId + "-" + ago, Channel.EMAIL, NOW.minus(ago), false,
                false);
    }

    static Campaigns campaigns(List<FrequencyCap> caps, TestCampaign... campaigns) {
        return new Campaigns(new CampaignSettings(caps, Optional.empty(), ZoneOffset.UTC),
                java.util.Arrays.stream(campaigns).map(TestCampaign::build).toList());
    }

    @Test
    void shouldKeepEntriesOldestFirstWhateverOrderTheyCameIn() {
        SendHistory history = SendHistory.empty().with(entry("a", Duration.ofHours(1)))
                .with(entry("b", Duration.ofHours(5)));

        assertThat(history.entries()).extracting(SendHistory.Entry::campaignId).containsExactly("b", "a");
        assertThat(history.lastDecidedAt("a")).contains(NOW.minus(Duration.ofHours(1)));
        assertThat(history.lastDecidedAt("c")).isEmpty();
    }

    @Test
    void shouldPruneEntriesOlderThanEveryWindowThatNeedsThem() {
        Campaigns campaigns = campaigns(List.of(new FrequencyCap(Optional.empty(), 2, CapPeriod.DAY)),
                campaign("plain").reEligibleAfter(Duration.ofHours(1)),
                campaign("monthly").reEligibleAfter(Duration.ofDays(30)),
                campaign("measured").reEligibleAfter(Duration.ofHours(1))
                        .conversion(new ConversionGoal.ReachStage("ENGAGED", Duration.ofDays(14))));
        SendHistory history = new SendHistory(List.of(
                entry("plain", Duration.ofDays(1)), entry("plain", Duration.ofDays(3)),
                entry("monthly", Duration.ofDays(29)), entry("monthly", Duration.ofDays(31)),
                entry("measured", Duration.ofDays(13)), entry("measured", Duration.ofDays(15)),
                entry("retired", Duration.ofDays(1)), entry("retired", Duration.ofDays(3))));

        SendHistory pruned = history.pruned(campaigns, NOW);

        assertThat(pruned.entries()).extracting(e -> e.campaignId() + " " + Duration.between(e.decidedAt(), NOW)
                .toDays()).containsExactlyInAnyOrder("plain 1", "monthly 29", "measured 13", "retired 1");
    }

    @Test
    void shouldKeepEntriesForAWeekCapACalendarWeekInAnyZone() {
        Campaigns weekly = campaigns(List.of(new FrequencyCap(Optional.empty(), 3, CapPeriod.WEEK)),
                campaign("plain").reEligibleAfter(Duration.ofHours(1)));
        SendHistory history = new SendHistory(List.of(entry("plain", Duration.ofDays(8).plusHours(12)),
                entry("plain", Duration.ofDays(10))));

        assertThat(history.pruned(weekly, NOW).entries()).hasSize(1);
    }

    @Test
    void shouldKeepTheLatestEntryOfANeverAgainCampaignForGood() {
        Campaigns campaigns = campaigns(List.of(), campaign("welcome"));
        SendHistory history = new SendHistory(List.of(entry("welcome", Duration.ofDays(900)),
                entry("welcome", Duration.ofDays(400))));

        SendHistory pruned = history.pruned(campaigns, NOW);

        assertThat(pruned.entries()).containsExactly(entry("welcome", Duration.ofDays(400)));
        assertThat(pruned.pruned(campaigns, NOW.plus(Duration.ofDays(3650)))).isEqualTo(pruned);
    }

    @Test
    void shouldCountAConversionOncePerSendOrHoldOutWithinTheGoalsWindow() {
        Campaigns campaigns = campaigns(List.of(),
                campaign("nudge").conversion(new ConversionGoal.ReachStage("ENGAGED", Duration.ofDays(14))),
                campaign("win-back").conversion(new ConversionGoal.PerformEvent("Order Completed",
                        Duration.ofDays(30))));
        SendHistory.Entry nudgeSent = entry("nudge", Duration.ofDays(3));
        SendHistory.Entry nudgeHeldOut = new SendHistory.Entry("nudge", "t-2", Channel.PUSH,
                NOW.minus(Duration.ofDays(1)), true, false);
        SendHistory.Entry oldNudge = entry("nudge", Duration.ofDays(20));
        SendHistory history = new SendHistory(List.of(nudgeSent, nudgeHeldOut, oldNudge, entry("win-back",
                Duration.ofDays(2))));

        ConversionBatch engaged = CampaignPolicy.conversions(new ConversionSignal.StageReached("ENGAGED", NOW),
                history, campaigns);
        ConversionBatch again = CampaignPolicy.conversions(new ConversionSignal.StageReached("ENGAGED",
                NOW.plusSeconds(60)), engaged.history(), campaigns);

        assertThat(engaged.conversions()).containsExactlyInAnyOrder(
                new Conversion("nudge", nudgeSent.triggerId(), false, nudgeSent.decidedAt(), NOW),
                new Conversion("nudge", "t-2", true, nudgeHeldOut.decidedAt(), NOW));
        assertThat(again.conversions()).isEmpty();
        assertThat(again.history()).isEqualTo(engaged.history());
    }

    @Test
    void shouldConvertOnTheGoalsEventOnlyAndNotBeforeTheDecision() {
        Campaigns campaigns = campaigns(List.of(), campaign("win-back")
                .conversion(new ConversionGoal.PerformEvent("Order Completed", Duration.ofDays(30))));
        SendHistory history = new SendHistory(List.of(entry("win-back", Duration.ofDays(2))));

        assertThat(CampaignPolicy.conversions(new ConversionSignal.EventPerformed("Product Viewed", NOW), history,
                campaigns).conversions()).isEmpty();
        assertThat(CampaignPolicy.conversions(new ConversionSignal.EventPerformed("Order Completed",
                NOW.minus(Duration.ofDays(3))), history, campaigns).conversions()).isEmpty();
        assertThat(CampaignPolicy.conversions(new ConversionSignal.EventPerformed("Order Completed", NOW), history,
                campaigns).conversions()).hasSize(1);
    }
}
