package io.userops.trigger.campaign;

import static io.userops.trigger.campaign.TestCampaign.campaign;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class SendPolicyProperties {

    @Property(tries = 1000)
    void neverSendsInsideQuietHoursAndHoldsOnlyUntilTheyEnd(@ForAll("windows") QuietHours quiet,
                                                             @ForAll("moments") QuietHoursProperties.Moment moment) {
        Campaigns campaigns = new Campaigns(new CampaignSettings(List.of(), Optional.of(quiet), ZoneOffset.UTC),
                List.of(campaign("welcome").holdout(50).build()));
        PendingSend due = new PendingSend("welcome", "u-1", "tr-1", moment.at(), moment.at());
        UserSnapshot user = Users.inStage("ACTIVATED").with("timezone", moment.zone().getId()).snapshot();

        SendDecision decision = CampaignPolicy.atSendTime(List.of(due), user, SendHistory.empty(), campaigns,
                moment.at()).decisions().get(0);

        boolean quietNow = quiet.contains(moment.at(), moment.zone());
        if (decision instanceof SendDecision.Hold hold) {
            assertThat(quietNow).isTrue();
            assertThat(hold.until()).isAfter(moment.at());
            assertThat(quiet.contains(hold.until(), moment.zone())).isFalse();
        } else {
            assertThat(quietNow).as("decided %s inside quiet hours", decision).isFalse();
        }
    }

    @Provide
    Arbitrary<QuietHours> windows() {
        return QuietHoursProperties.windows();
    }

    @Provide
    Arbitrary<QuietHoursProperties.Moment> moments() {
        return QuietHoursProperties.momentsInZones();
    }
}
