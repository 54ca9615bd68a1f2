package io.userops.trigger.measure;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** Campaign steps for the property tests. */
final class Steps {

    private Steps() {
    }

    static Arbitrary<CampaignStep> any() {
        Arbitrary<String> reasons = Arbitraries.of("frequency_cap", "quiet_hours", "unsubscribed", "bounced", "gone");
        return Arbitraries.oneOf(
                Arbitraries.just(CampaignStep.triggered()),
                Arbitraries.just(CampaignStep.heldOut()),
                reasons.map(CampaignStep::skipped),
                Arbitraries.just(CampaignStep.sent()),
                Arbitraries.just(CampaignStep.delivered()),
                reasons.map(CampaignStep::failed),
                Arbitraries.of(true, false).map(sent -> CampaignStep.converted(Group.TREATED, sent)),
                Arbitraries.just(CampaignStep.converted(Group.HOLDOUT, false)));
    }

    static Arbitrary<List<CampaignStep>> lists() {
        return any().list().ofMaxSize(200);
    }
}
