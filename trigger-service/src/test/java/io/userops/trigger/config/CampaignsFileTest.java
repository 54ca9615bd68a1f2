package io.userops.trigger.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.userops.rules.segments.SegmentExpression;
import io.userops.rules.yaml.InvalidRulesFileException;
import io.userops.trigger.campaign.Campaign;
import io.userops.trigger.campaign.CampaignSettings;
import io.userops.trigger.campaign.Campaigns;
import io.userops.trigger.campaign.CapPeriod;
import io.userops.trigger.campaign.Channel;
import io.userops.trigger.campaign.ConversionGoal;
import io.userops.trigger.campaign.FrequencyCap;
import io.userops.trigger.campaign.QuietHours;
import io.userops.trigger.campaign.ReEligibility;
import io.userops.trigger.campaign.TemplateText;
import io.userops.trigger.campaign.Trigger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CampaignsFileTest {

    static final String FILE = "campaigns.yaml";

    static final String NUDGE = """
            settings:
              defaultTimeZone: Europe/Berlin
              quietHours: 21:00-08:00
              frequencyCaps:
                - max: 2
                  per: day
                - max: 1
                  per: week
                  channel: SMS
            campaigns:
              - id: at_risk_nudge
                name: Nudge users at risk
                trigger:
                  transition:
                    from: ENGAGED
                    to: AT_RISK
                audience: tags has "big_spender"
                delay: 2d
                recheck: |
                  stage == AT_RISK
                channel: PUSH
                fallback: [EMAIL, SMS]
                priority: 30
                reEligibleAfter: 30d
                conversion:
                  stage: ENGAGED
                  within: 14d
                holdoutPercent: 2.5
                message:
                  defaultLocale: de
                  locales:
                    en:
                      subject: We miss you, {{name}}
                      body: |
                        Hi {{name}},
                        come back.
                    de:
                      subject: "Wir vermissen Sie"
                      body: Kommen Sie zurück.
            """;

    @Test
    void shouldReadEverySettingOfACampaignAndTheGlobalSettings() {
        Campaigns campaigns = CampaignsFile.parse(NUDGE, FILE);

        assertThat(campaigns.settings()).isEqualTo(new CampaignSettings(List.of(
                new FrequencyCap(Optional.empty(), 2, CapPeriod.DAY),
                new FrequencyCap(Optional.of(Channel.SMS), 1, CapPeriod.WEEK)),
                Optional.of(QuietHours.parse("21:00-08:00")), ZoneId.of("Europe/Berlin")));
        Campaign nudge = campaigns.campaigns().get(0);
        assertThat(nudge.id()).isEqualTo("at_risk_nudge");
        assertThat(nudge.name()).isEqualTo("Nudge users at risk");
        assertThat(nudge.trigger()).isEqualTo(new Trigger.Transition(Optional.of("ENGAGED"), Optional.of("AT_RISK")));
        assertThat(nudge.audience()).contains(SegmentExpression.parse("tags has \"big_spender\""));
        assertThat(nudge.delay()).isEqualTo(Duration.ofDays(2));
        assertThat(nudge.recheck()).contains(SegmentExpression.parse("stage == AT_RISK"));
        assertThat(nudge.channels()).containsExactly(Channel.PUSH, Channel.EMAIL, Channel.SMS);
        assertThat(nudge.priority()).isEqualTo(30);
        assertThat(nudge.reEligibility()).isEqualTo(ReEligibility.after(Duration.ofDays(30)));
        assertThat(nudge.conversion()).contains(new ConversionGoal.ReachStage("ENGAGED", Duration.ofDays(14)));
        assertThat(nudge.holdoutPercent()).isEqualTo(2.5);
        assertThat(nudge.template().defaultLocale()).isEqualTo("de");
        assertThat(nudge.template().locales()).containsOnlyKeys("en", "de");
    }

    @Test
    void shouldKeepTemplateTextsAsWrittenWithTheLineTheirTextStartsOn() {
        Campaign nudge = CampaignsFile.parse(NUDGE, FILE).campaigns().get(0);

        assertThat(nudge.template().in("en").subject()).contains(new TemplateText("We miss you, {{name}}", 33));
        assertThat(nudge.template().in("en").body()).isEqualTo(new TemplateText("Hi {{name}},\ncome back.\n", 35));
        assertThat(nudge.template().in("de").subject()).contains(new TemplateText("Wir vermissen Sie", 38));
        assertThat(nudge.template().in("de").body()).isEqualTo(new TemplateText("Kommen Sie zurück.", 39));
    }

    @Test
    void shouldDefaultWhatTheFileLeavesOut() {
        Campaigns campaigns = CampaignsFile.parse("""
                campaigns:
                  - id: vip
                    name: VIP
                    trigger:
                      segmentEntered: key_users
                    channel: WEBHOOK
                    message:
                      locales:
                        fr:
                          body: "{{name}}"
                        en:
                          body: "{{name}}"
                """, FILE);

        assertThat(campaigns.settings()).isEqualTo(new CampaignSettings(List.of(), Optional.empty(), ZoneOffset.UTC));
        Campaign vip = campaigns.campaigns().get(0);
        assertThat(vip.trigger()).isEqualTo(new Trigger.SegmentEntered("key_users"));
        assertThat(vip.audience()).isEmpty();
        assertThat(vip.delay()).isZero();
        assertThat(vip.recheck()).isEmpty();
        assertThat(vip.fallbacks()).isEmpty();
        assertThat(vip.priority()).isZero();
        assertThat(vip.reEligibility().isNever()).isTrue();
        assertThat(vip.conversion()).isEmpty();
        assertThat(vip.holdoutPercent()).isZero();
        assertThat(vip.template().defaultLocale()).as("the first locale").isEqualTo("fr");
        assertThat(vip.template().in("fr").subject()).isEmpty();
    }

    @Test
    void shouldReadTheOtherTriggersAndAnEventGoal() {
        Campaigns campaigns = CampaignsFile.parse("""
                campaigns:
                  - id: left
                    name: Left the segment
                    trigger: {segmentExited: key_users}
                    channel: WEBHOOK
                    conversion: {event: Order Completed, within: 90d}
                    message: {locales: {en: {body: bye}}}
                  - id: tagged
                    name: Tagged
                    trigger: {tagAdded: big_spender}
                    channel: WEBHOOK
                    message: {locales: {en: {body: hi}}}
                  - id: left_engaged
                    name: Left engaged
                    trigger: {transition: {from: ENGAGED}}
                    channel: WEBHOOK
                    reEligibleAfter: never
                    message: {locales: {en: {body: hi}}}
                """, FILE);

        assertThat(campaigns.campaigns()).extracting(Campaign::trigger).containsExactly(
                new Trigger.SegmentExited("key_users"), new Trigger.TagAdded("big_spender"),
                new Trigger.Transition(Optional.of("ENGAGED"), Optional.empty()));
        assertThat(campaigns.campaigns().get(0).conversion())
                .contains(new ConversionGoal.PerformEvent("Order Completed", Duration.ofDays(90)));
    }

    @Test
    void shouldLoadTheBundledDemoCampaigns() {
        Campaigns campaigns = CampaignsFile.defaults();

        assertThat(campaigns.campaigns()).extracting(Campaign::id).containsExactly("welcome", "at_risk_nudge",
                "dormant_win_back", "welcome_back", "vip_key_users");
        assertThat(campaigns.campaigns()).extracting(Campaign::trigger).containsExactly(
                Trigger.Transition.to("ACTIVATED"), Trigger.Transition.to("AT_RISK"), Trigger.Transition.to("DORMANT"),
                Trigger.Transition.to("RESURRECTED"), new Trigger.SegmentEntered("key_users"));
        assertThat(campaigns.campaigns()).extracting(Campaign::channel).containsExactly(Channel.EMAIL, Channel.PUSH,
                Channel.EMAIL, Channel.EMAIL, Channel.WEBHOOK);
        Campaign nudge = campaigns.byId("at_risk_nudge").orElseThrow();
        assertThat(nudge.fallbacks()).containsExactly(Channel.EMAIL);
        assertThat(nudge.delay()).isEqualTo(Duration.ofDays(2));
        assertThat(nudge.recheck()).contains(SegmentExpression.parse("stage == AT_RISK"));
        assertThat(campaigns.campaigns()).allSatisfy(c -> assertThat(c.conversion()).isPresent());
        assertThat(campaigns.campaigns()).filteredOn(c -> c.holdoutPercent() == 10).hasSize(4);
        assertThat(campaigns.settings().quietHours()).contains(QuietHours.parse("21:00-08:00"));
        assertThat(campaigns.settings().frequencyCaps()).contains(
                new FrequencyCap(Optional.empty(), 2, CapPeriod.DAY),
                new FrequencyCap(Optional.of(Channel.EMAIL), 1, CapPeriod.DAY));
    }

    @Test
    void shouldLoadAFileByPathAndNameItInErrors(@TempDir Path dir) throws Exception {
        Path good = Files.writeString(dir.resolve("mine.yaml"), NUDGE);
        Path bad = Files.writeString(dir.resolve("bad.yaml"), NUDGE.replace("delay: 2d", "delay: 2 days"));

        assertThat(CampaignsFile.load(good).campaigns()).hasSize(1);
        assertThat(catchThrowable(() -> CampaignsFile.load(bad))).isInstanceOf(InvalidRulesFileException.class)
                .hasMessageStartingWith(bad + ":18: campaigns[0].delay: '2 days' is not a valid duration");
    }

    @Test
    void shouldNameAMissingFile(@TempDir Path dir) {
        Path missing = dir.resolve("campaigns.yaml");

        assertThat(catchThrowable(() -> CampaignsFile.load(missing))).isInstanceOf(InvalidRulesFileException.class)
                .hasMessage(missing + ": file not found");
    }
}
