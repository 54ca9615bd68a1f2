package io.userops.trigger;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.userops.trigger.measure.CampaignStats;
import java.util.Collection;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * {@code userops.campaign.outcomes} per campaign and outcome (triggered, held_out, sent, delivered, converted,
 * failed, skipped): the counts of the stats the API shows, read at each scrape, for dashboards that chart rates.
 */
public final class CampaignOutcomeMeters {

    public static final String NAME = "userops.campaign.outcomes";

    private CampaignOutcomeMeters() {
    }

    /** @param stats a campaign's counts; may throw while the state is not queryable (the scrape then keeps 0) */
    public static void bindTo(MeterRegistry registry, Collection<String> campaignIds,
            Function<String, CampaignStats> stats) {
        for (String campaign : campaignIds) {
            register(registry, campaign, "triggered", stats, CampaignStats::triggered);
            register(registry, campaign, "held_out", stats, CampaignStats::heldOut);
            register(registry, campaign, "sent", stats, CampaignStats::sent);
            register(registry, campaign, "delivered", stats, CampaignStats::delivered);
            register(registry, campaign, "converted", stats, s -> s.convertedTreated() + s.convertedHoldout());
            register(registry, campaign, "failed", stats, CampaignStats::failed);
            register(registry, campaign, "skipped", stats, CampaignStats::skipped);
        }
    }

    private static void register(MeterRegistry registry, String campaign, String outcome,
            Function<String, CampaignStats> stats, ToLongFunction<CampaignStats> count) {
        FunctionCounter.builder(NAME, campaign, id -> {
                    try {
                        return count.applyAsLong(stats.apply(id));
                    } catch (RuntimeException notQueryableYet) {
                        return Double.NaN;
                    }
                })
                .tags("campaign", campaign, "outcome", outcome)
                .description("users the campaign reached this outcome for, over the partitions this instance holds")
                .register(registry);
    }
}
