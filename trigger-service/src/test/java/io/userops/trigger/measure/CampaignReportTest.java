package io.userops.trigger.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The figures the stats endpoint shows, and the JSON Jackson makes of them without any configuration. */
class CampaignReportTest {

    /**
     * 100 users triggered, 20 held out. Of the 80 treated, 10 were skipped (8 by the frequency cap), 70
     * sent, 66 delivered, 4 bounced; 14 converted, 12 of them after a send. 2 held-out users converted.
     */
    private static CampaignStats campaign() {
        List<CampaignStep> steps = new ArrayList<>();
        steps.addAll(Collections.nCopies(100, CampaignStep.triggered()));
        steps.addAll(Collections.nCopies(20, CampaignStep.heldOut()));
        steps.addAll(Collections.nCopies(8, CampaignStep.skipped("frequency_cap")));
        steps.addAll(Collections.nCopies(2, CampaignStep.skipped("unsubscribed")));
        steps.addAll(Collections.nCopies(70, CampaignStep.sent()));
        steps.addAll(Collections.nCopies(66, CampaignStep.delivered()));
        steps.addAll(Collections.nCopies(4, CampaignStep.failed("bounced")));
        steps.addAll(Collections.nCopies(12, CampaignStep.converted(Group.TREATED, true)));
        steps.addAll(Collections.nCopies(2, CampaignStep.converted(Group.TREATED, false)));
        steps.addAll(Collections.nCopies(2, CampaignStep.converted(Group.HOLDOUT, false)));
        return CampaignStats.EMPTY.applyAll(steps);
    }

    @Test
    void shouldMeasureUpliftAsSentAgainstHeldOutAndGiveEachRateItsOwnDenominator() {
        CampaignReport report = CampaignReport.of("winback", campaign(), Uplift.Z_95);

        assertThat(report.treated()).isEqualTo(80);
        assertThat(report.skipped()).isEqualTo(10);
        assertThat(report.failed()).isEqualTo(4);
        assertThat(report.treatedConversionRate()).isCloseTo(14.0 / 80, within(1e-15));
        assertThat(report.perSentConversionRate()).isCloseTo(12.0 / 70, within(1e-15));
        assertThat(report.holdoutConversionRate()).isCloseTo(2.0 / 20, within(1e-15));
        assertThat(report.uplift()).as("message sent against held out, both past every check")
                .isEqualTo(Uplift.measure(12, 70, 2, 20, Uplift.Z_95));
        assertThat(report.uplift().absolute()).isCloseTo(12.0 / 70 - 0.1, within(1e-15));
        assertThat(report.uplift().relative()).isCloseTo((12.0 / 70) / 0.1 - 1, within(1e-12));
    }

    @Test
    void shouldShowNoRatesAndInsufficientDataBeforeAnyoneIsTriggered() {
        CampaignReport report = CampaignReport.of("new", CampaignStats.EMPTY, Uplift.Z_95);

        assertThat(report.treatedConversionRate()).isNull();
        assertThat(report.perSentConversionRate()).isNull();
        assertThat(report.holdoutConversionRate()).isNull();
        assertThat(report.uplift().status()).isEqualTo(UpliftStatus.INSUFFICIENT_DATA);
    }

    @Test
    void shouldBeWrittenAsJsonByAPlainObjectMapper() throws Exception {
        ObjectMapper json = new ObjectMapper();

        JsonNode written = json.readTree(json.writeValueAsString(CampaignReport.of("winback", campaign(), Uplift.Z_95)));

        assertThat(written.get("campaignId").asText()).isEqualTo("winback");
        assertThat(written.get("treated").asLong()).isEqualTo(80);
        assertThat(written.get("skippedByReason").get("frequency_cap").asLong()).isEqualTo(8);
        assertThat(written.get("failedByReason").get("bounced").asLong()).isEqualTo(4);
        assertThat(written.get("treatedConversionRate").asDouble()).isEqualTo(14.0 / 80);
        assertThat(written.get("uplift").get("status").asText()).isEqualTo("MEASURED");
        assertThat(written.get("uplift").get("lower").isNumber()).isTrue();
        assertThat(written.get("uplift").get("z").asDouble()).isEqualTo(Uplift.Z_95);

        JsonNode empty = json.readTree(json.writeValueAsString(CampaignReport.of("new", CampaignStats.EMPTY, Uplift.Z_95)));
        assertThat(empty.get("treatedConversionRate").isNull()).isTrue();
        assertThat(empty.get("uplift").get("status").asText()).isEqualTo("INSUFFICIENT_DATA");
        assertThat(empty.get("uplift").get("absolute").isNull()).isTrue();
        assertThat(empty.get("skippedByReason").isEmpty()).isTrue();
    }
}
