package io.userops.trigger.measure;

import java.util.Map;

/**
 * A campaign's figures as the stats endpoint shows them; a plain record that Jackson writes as JSON.
 * Rates are null when their denominator is 0.
 *
 * @param treated users triggered and not held out, the denominator of {@code treatedConversionRate}
 * @param treatedConversionRate convertedTreated / treated
 * @param perSentConversionRate convertedAfterSend / sent: the treated side of the uplift. The control group is
 *     drawn at send time, after every check (caps, consent, quiet hours, re-check), so the held-out users are a
 *     random part of the users who would have been sent the message, exactly comparable to those who were
 * @param holdoutConversionRate convertedHoldout / heldOut
 * @param uplift per-sent rate against holdout rate
 */
public record CampaignReport(String campaignId, long triggered, long heldOut, long treated, long skipped,
        Map<String, Long> skippedByReason, long sent, long delivered, long failed, Map<String, Long> failedByReason,
        long convertedTreated, long convertedAfterSend, long convertedHoldout, Double treatedConversionRate,
        Double perSentConversionRate, Double holdoutConversionRate, Uplift uplift) {

    public static CampaignReport of(String campaignId, CampaignStats stats, double z) {
        long treated = stats.treated();
        return new CampaignReport(campaignId, stats.triggered(), stats.heldOut(), treated, stats.skipped(),
                stats.skippedByReason(), stats.sent(), stats.delivered(), stats.failed(), stats.failedByReason(),
                stats.convertedTreated(), stats.convertedAfterSend(), stats.convertedHoldout(),
                rate(stats.convertedTreated(), treated), rate(stats.convertedAfterSend(), stats.sent()),
                rate(stats.convertedHoldout(), stats.heldOut()),
                Uplift.measure(stats.convertedAfterSend(), stats.sent(), stats.convertedHoldout(), stats.heldOut(), z));
    }

    private static Double rate(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }
}
