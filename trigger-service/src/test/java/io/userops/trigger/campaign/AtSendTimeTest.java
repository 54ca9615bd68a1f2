package io.userops.trigger.campaign;

import static io.userops.trigger.campaign.TestCampaign.campaign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AtSendTimeTest {

    /** 12:00 in Berlin, outside quiet hours. */
    static final Instant NOW = Instant.parse("2026-06-15T10:00:00Z");
    static final CampaignSettings NIGHTS_QUIET = new CampaignSettings(List.of(),
            Optional.of(QuietHours.parse("21:00-08:00")), ZoneId.of("Europe/Berlin"));

    static Campaigns campaigns(CampaignSettings settings, TestCampaign... campaigns) {
        return new Campaigns(settings, Arrays.stream(campaigns).map(TestCampaign::build).toList());
    }

    static PendingSend due(String campaignId) {
        return due(campaignId, "u-1");
    }

    static PendingSend due(String campaignId, String userId) {
        return new PendingSend(campaignId, userId, "tr-1", NOW.minus(Duration.ofDays(2)), NOW);
    }

    static SendDecision decide(TestCampaign campaign, UserSnapshot user) {
        return decide(campaign, user, SendHistory.empty(), NOW);
    }

    static SendDecision decide(TestCampaign campaign, UserSnapshot user, SendHistory history, Instant now) {
        Campaign built = campaign.build();
        SendBatch batch = CampaignPolicy.atSendTime(List.of(due(built.id(), user.userId())), user, history,
                new Campaigns(NIGHTS_QUIET, List.of(built)), now);
        return batch.decisions().get(0);
    }

    static SendHistory.Entry sent(String campaignId, Channel channel, Instant at) {
        return new SendHistory.Entry(campaignId, "earlier-" + at, channel, at, false, false);
    }

    @Test
    void shouldSendOnTheMainChannelToTheUsersAddressInTheirLocaleAndRecordIt() {
        Campaigns campaigns = campaigns(NIGHTS_QUIET, campaign("welcome").locale("de"));
        UserSnapshot user = Users.inStage("ACTIVATED").with("locale", "de-AT").snapshot();

        SendBatch batch = CampaignPolicy.atSendTime(List.of(due("welcome")), user, SendHistory.empty(), campaigns,
                NOW);

        assertThat(batch.decisions()).containsExactly(new SendDecision.Send(due("welcome"), Channel.EMAIL,
                Optional.of("ana@example.com"), Optional.of(java.util.Locale.forLanguageTag("de-AT"))));
        assertThat(batch.history().entries()).containsExactly(new SendHistory.Entry("welcome", "tr-1", Channel.EMAIL,
                NOW, false, false));
    }

    @ParameterizedTest(name = "audience {0}, re-check {1}, stage {2} when due: {3}")
    @CsvSource(nullValues = "-", delimiter = '|', textBlock = """
            stage == AT_RISK | -                          | AT_RISK | sent
            stage == AT_RISK | -                          | ENGAGED | no_longer_qualifies
            -                | stage == AT_RISK           | ENGAGED | no_longer_qualifies
            stage == ENGAGED | stage in [AT_RISK, DORMANT] | DORMANT | sent
            -                | -                          | CHURNED | sent
            """)
    void shouldCheckTheReCheckExpressionOrElseTheAudienceAgainWhenDue(String audience, String recheck, String stage,
                                                                       String outcome) {
        TestCampaign nudge = campaign("nudge");
        if (audience != null) {
            nudge.audience(audience);
        }
        if (recheck != null) {
            nudge.recheck(recheck);
        }

        assertThat(outcome(decide(nudge, Users.inStage(stage).snapshot()))).isEqualTo(outcome);
    }

    @Test
    void shouldSendNothingToAnErasedUser() {
        assertThat(decide(campaign("welcome"), new UserSnapshot.Erased("u-1")))
                .isEqualTo(new SendDecision.Skipped(due("welcome"), SkipReason.ERASED));
    }

    @Test
    void shouldHonourAnUnsubscribeOnEveryChannelWebhooksIncluded() {
        UserSnapshot unsubscribed = Users.inStage("ENGAGED").with("unsubscribed", true).snapshot();

        assertThat(outcome(decide(campaign("welcome"), unsubscribed))).isEqualTo("unsubscribed");
        assertThat(outcome(decide(campaign("vip").channel(Channel.WEBHOOK), unsubscribed))).isEqualTo("unsubscribed");
    }

    @ParameterizedTest(name = "push, then email, then SMS to {0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            pushToken=tok-1                                       | PUSH tok-1
            -                                                     | EMAIL ana@example.com
            pushToken=tok-1 pushOptOut=true                       | EMAIL ana@example.com
            pushToken=tok-1 pushOptOut=true emailOptOut=true      | no_consented_channel
            email=                                                | no_consented_channel
            email= phone=+4915112345678 smsOptIn=true             | SMS +4915112345678
            email= phone=+4915112345678                           | no_consented_channel
            pushToken=tok-1 unsubscribed=true                     | unsubscribed
            pushToken=tok-1 preferredChannel=email                | EMAIL ana@example.com
            pushToken=tok-1 preferredChannel=sms                  | PUSH tok-1
            pushToken=tok-1 preferredChannel=webhook              | PUSH tok-1
            pushToken=tok-1 preferredChannel=EMAIL emailOptOut=true | PUSH tok-1
            phone=+4915112345678 smsOptIn=true preferredChannel=Sms | SMS +4915112345678
            pushToken=tok-1 preferredChannel=pigeon               | PUSH tok-1
            """)
    void shouldFallBackAlongTheChannelsToOneTheUserConsentsToAndHasAnAddressFor(String traits, String outcome) {
        Users user = Users.inStage("AT_RISK");
        for (String pair : traits.split(" ")) {
            if (pair.equals("-")) {
                continue;
            }
            String[] kv = pair.split("=", 2);
            if (kv[1].isEmpty()) {
                user.without(kv[0]);
            } else {
                user.with(kv[0], kv[1]);
            }
        }

        SendDecision decision = decide(campaign("nudge").channel(Channel.PUSH, Channel.EMAIL, Channel.SMS),
                user.snapshot());

        assertThat(decision instanceof SendDecision.Send send
                ? send.channel() + " " + send.recipient().orElseThrow() : outcome(decision)).isEqualTo(outcome);
    }

    @Test
    void shouldSendAWebhookWithoutARecipient() {
        SendDecision decision = decide(campaign("vip").channel(Channel.WEBHOOK),
                Users.inStage("ENGAGED").without("email").snapshot());

        assertThat(decision).isEqualTo(new SendDecision.Send(due("vip"), Channel.WEBHOOK, Optional.empty(),
                Optional.of(java.util.Locale.forLanguageTag("en-GB"))));
    }

    @ParameterizedTest(name = "re-eligible after {0}, last decided {1} ago: {2}")
    @CsvSource(nullValues = "-", textBlock = """
            -,      400d,  re_eligibility
            -,      1h,    re_eligibility
            P30D,   29d,   re_eligibility
            P30D,   30d,   sent
            P30D,   31d,   sent
            PT12H,  11h,   re_eligibility
            PT12H,  12h,   sent
            """)
    void shouldSkipAUserWhoGotTheCampaignWithinItsReEligibilityWindow(Duration after, String ago, String outcome) {
        Duration age = io.userops.rules.yaml.HumanDuration.parse(ago);
        TestCampaign nudge = campaign("nudge");
        if (after != null) {
            nudge.reEligibleAfter(after);
        }
        SendHistory history = SendHistory.empty().with(sent("nudge", Channel.EMAIL, NOW.minus(age)));

        assertThat(outcome(decide(nudge, Users.inStage("AT_RISK").snapshot(), history, NOW))).isEqualTo(outcome);
    }

    @Test
    void shouldCountAHoldOutForReEligibilityAsIfItWasSent() {
        SendHistory heldOut = SendHistory.empty().with(new SendHistory.Entry("nudge", "tr-0", Channel.EMAIL,
                NOW.minus(Duration.ofDays(3)), true, false));

        SendDecision decision = decide(campaign("nudge").reEligibleAfter(Duration.ofDays(30)),
                Users.inStage("AT_RISK").snapshot(), heldOut, NOW);

        assertThat(outcome(decision)).isEqualTo("re_eligibility");
    }

    @Test
    void shouldHoldDuringQuietHoursUntilTheyEndThenDecideAgain() {
        Instant lateEvening = Instant.parse("2026-06-15T20:00:00Z");
        Instant eightInTheMorning = Instant.parse("2026-06-16T06:00:00Z");
        Campaigns campaigns = campaigns(NIGHTS_QUIET, campaign("welcome"));
        PendingSend pending = due("welcome").withDueAt(lateEvening);

        SendBatch evening = CampaignPolicy.atSendTime(List.of(pending), Users.inStage("ACTIVATED").snapshot(),
                SendHistory.empty(), campaigns, lateEvening);
        SendDecision.Hold hold = (SendDecision.Hold) evening.decisions().get(0);
        SendBatch morning = CampaignPolicy.atSendTime(List.of(hold.rescheduled()),
                Users.inStage("ACTIVATED").snapshot(), evening.history(), campaigns, hold.until());
        SendBatch morningUnsubscribed = CampaignPolicy.atSendTime(List.of(hold.rescheduled()),
                Users.inStage("ACTIVATED").with("unsubscribed", true).snapshot(), evening.history(), campaigns,
                hold.until());

        assertThat(hold.until()).isEqualTo(eightInTheMorning);
        assertThat(hold.rescheduled().dueAt()).isEqualTo(eightInTheMorning);
        assertThat(evening.history().entries()).isEmpty();
        assertThat(morning.decisions()).singleElement().isInstanceOf(SendDecision.Send.class);
        assertThat(outcome(morningUnsubscribed.decisions().get(0))).isEqualTo("unsubscribed");
    }

    @ParameterizedTest(name = "{1} at {0}: {2}")
    @CsvSource(nullValues = "-", textBlock = """
            2026-06-15T13:00:00Z, Asia/Tokyo,          hold until 2026-06-15T23:00:00Z
            2026-06-15T13:00:00Z, Europe/Berlin,       sent
            2026-06-15T13:00:00Z, -,                   sent
            2026-06-15T20:00:00Z, -,                   hold until 2026-06-16T06:00:00Z
            2026-06-15T20:00:00Z, Not/A_Zone,          hold until 2026-06-16T06:00:00Z
            2026-06-15T07:30:00Z, Pacific/Kiritimati,  hold until 2026-06-15T18:00:00Z
            2026-06-15T08:00:00Z, Pacific/Pago_Pago,   hold until 2026-06-15T19:00:00Z
            2026-06-15T19:00:00Z, Pacific/Pago_Pago,   sent
            """)
    void shouldApplyQuietHoursInTheUsersZoneOrTheDefaultZone(Instant now, String zone, String outcome) {
        Users user = Users.inStage("ACTIVATED");
        if (zone == null) {
            user.without("timezone");
        } else {
            user.with("timezone", zone);
        }

        assertThat(outcome(decide(campaign("welcome"), user.snapshot(), SendHistory.empty(), now)))
                .isEqualTo(outcome);
    }

    @Test
    void shouldDecideHigherPrioritySendsFirstSoThatCapsSkipTheRest() {
        CampaignSettings oneEmailADay = new CampaignSettings(List.of(new FrequencyCap(Optional.of(Channel.EMAIL), 1,
                CapPeriod.DAY)), Optional.empty(), ZoneId.of("Europe/Berlin"));
        Campaigns campaigns = campaigns(oneEmailADay, campaign("newsletter").priority(1),
                campaign("win-back").priority(10), campaign("vip").channel(Channel.WEBHOOK).priority(5));
        List<PendingSend> due = List.of(due("newsletter"), due("vip"), due("win-back"));

        SendBatch batch = CampaignPolicy.atSendTime(due, Users.inStage("DORMANT").snapshot(), SendHistory.empty(),
                campaigns, NOW);

        assertThat(batch.decisions()).extracting(d -> d.pending().campaignId() + " " + outcome(d))
                .containsExactly("win-back sent", "vip sent", "newsletter frequency_cap");
        assertThat(batch.history().entries()).extracting(SendHistory.Entry::campaignId)
                .containsExactlyInAnyOrder("win-back", "vip");
    }

    @Test
    void shouldHoldOutTheCampaignsControlGroupAndRecordItWithoutSending() {
        // u-3 sits at 0.019 of the hash range of campaign nudge, u-1 at 0.149 (HoldoutTest)
        Campaigns campaigns = campaigns(NIGHTS_QUIET, campaign("nudge").holdout(10));

        SendBatch heldOut = CampaignPolicy.atSendTime(List.of(due("nudge", "u-3")),
                Users.inStage("AT_RISK").snapshot("u-3"), SendHistory.empty(), campaigns, NOW);
        SendBatch sent = CampaignPolicy.atSendTime(List.of(due("nudge", "u-1")),
                Users.inStage("AT_RISK").snapshot("u-1"), SendHistory.empty(), campaigns, NOW);

        assertThat(heldOut.decisions()).containsExactly(new SendDecision.HeldOut(due("nudge", "u-3"), Channel.EMAIL));
        assertThat(heldOut.history().entries()).containsExactly(new SendHistory.Entry("nudge", "tr-1", Channel.EMAIL,
                NOW, true, false));
        assertThat(sent.decisions()).singleElement().isInstanceOf(SendDecision.Send.class);
    }

    @Test
    void shouldNotHoldOutAUserWhoWouldNotHaveBeenSentAnything() {
        SendDecision decision = decide(campaign("nudge").holdout(10).audience("stage == AT_RISK"),
                Users.inStage("ENGAGED").snapshot("u-3"));

        assertThat(outcome(decision)).isEqualTo("no_longer_qualifies");
    }

    @Test
    void shouldSkipASendWhoseCampaignWasRemovedFromTheFile() {
        SendBatch batch = CampaignPolicy.atSendTime(List.of(due("retired")), Users.inStage("ENGAGED").snapshot(),
                SendHistory.empty(), campaigns(NIGHTS_QUIET, campaign("welcome")), NOW);

        assertThat(batch.decisions()).containsExactly(new SendDecision.Skipped(due("retired"),
                SkipReason.CAMPAIGN_REMOVED));
    }

    @Test
    void shouldSendATriggerOnceEvenWhenItsPendingSendComesTwice() {
        Campaigns campaigns = campaigns(NIGHTS_QUIET, campaign("nudge").reEligibleAfter(Duration.ofMinutes(1)));

        SendBatch twice = CampaignPolicy.atSendTime(List.of(due("nudge"), due("nudge")),
                Users.inStage("AT_RISK").snapshot(), SendHistory.empty(), campaigns, NOW);

        assertThat(twice.decisions()).extracting(AtSendTimeTest::outcome).containsExactly("sent", "duplicate_trigger");
    }

    @Test
    void shouldRefuseASendForAnotherUser() {
        assertThatThrownBy(() -> CampaignPolicy.atSendTime(List.of(due("welcome", "u-2")),
                Users.inStage("ENGAGED").snapshot("u-1"), SendHistory.empty(), campaigns(NIGHTS_QUIET,
                        campaign("welcome")), NOW)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is for user u-2, not u-1");
    }

    static String outcome(SendDecision decision) {
        if (decision instanceof SendDecision.Send) {
            return "sent";
        }
        if (decision instanceof SendDecision.HeldOut) {
            return "held out";
        }
        if (decision instanceof SendDecision.Hold hold) {
            return "hold until " + hold.until();
        }
        return ((SendDecision.Skipped) decision).reason().code();
    }
}
