package io.userops.trigger.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.userops.rules.segments.SegmentExpression;
import io.userops.rules.yaml.HumanDuration;
import io.userops.trigger.campaign.Campaign;
import io.userops.trigger.campaign.Campaigns;
import io.userops.trigger.campaign.ConversionGoal;
import io.userops.trigger.campaign.Trigger;
import io.userops.trigger.decide.FreshnessGuard;
import io.userops.trigger.measure.CampaignReport;
import io.userops.trigger.measure.CampaignStats;
import io.userops.trigger.measure.Uplift;
import io.userops.streams.ServiceHttp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * The campaigns API on port 8082: {@code GET /v1/campaigns} (every campaign, its settings, its headline
 * counts and its stats, and whether the freshness guard holds sends and why) and {@code GET /v1/campaigns/{id}/stats} (counts, rates and uplift against the holdout), plus health
 * and metrics.
 */
public final class CampaignApi {

    private final Campaigns campaigns;
    private final ClusterStats stats;
    private final BooleanSupplier ready;
    private final FreshnessGuard guard;
    private final ObjectMapper json = new ObjectMapper();

    private CampaignApi(Campaigns campaigns, ClusterStats stats, BooleanSupplier ready,
            FreshnessGuard guard) {
        this.campaigns = campaigns;
        this.stats = stats;
        this.ready = ready;
        this.guard = guard;
    }

    /**
     * @param stats a campaign's counts, over every instance, or this one's alone when another instance asks
     * @param ready whether the decision and delivery stages both run
     */
    public static Javalin create(String host, int port, Campaigns campaigns, ClusterStats stats,
            BooleanSupplier ready, FreshnessGuard guard, PrometheusMeterRegistry metrics) {
        CampaignApi api = new CampaignApi(campaigns, stats, ready, guard);
        return Javalin.create(config -> {
            ServiceHttp.base(config, host, port, api::ready, metrics);
            config.routes.get("/v1/campaigns", api::campaigns);
            config.routes.get("/v1/campaigns/{id}/stats", api::stats);
            config.routes.exception(ClusterStats.InstanceUnreachableException.class, (e, ctx) -> api.error(ctx, 503,
                    "instance_unreachable", e.getMessage()));
            config.routes.exception(InvalidStateStoreException.class, (e, ctx) -> api.error(ctx, 503, "not_ready",
                    "the campaign state is not ready (starting or rebalancing); retry shortly"));
        });
    }

    private void ready(Context ctx) {
        boolean up = ready.getAsBoolean();
        ctx.status(up ? 200 : 503).json(Map.of("status", up ? "ready" : "not_ready"));
    }

    private void campaigns(Context ctx) {
        ArrayNode list = json.createArrayNode();
        List<String> ids = campaigns.campaigns().stream().map(Campaign::id).toList();
        Map<String, CampaignStats> allCounts = ctx.header(ClusterStats.FORWARDED) != null ? stats.local(ids)
                : stats.all(ids);
        for (Campaign campaign : campaigns.campaigns()) {
            ObjectNode item = list.addObject();
            item.put("id", campaign.id()).put("name", campaign.name()).put("trigger", describe(campaign.trigger()));
            campaign.audience().map(SegmentExpression::source).ifPresent(a -> item.put("audience", a));
            item.put("delay", HumanDuration.format(campaign.delay()));
            campaign.recheck().map(SegmentExpression::source).ifPresent(r -> item.put("recheck", r));
            item.put("channel", campaign.channel().name());
            ArrayNode fallback = item.putArray("fallback");
            campaign.fallbacks().forEach(c -> fallback.add(c.name()));
            item.put("priority", campaign.priority());
            item.put("reEligibleAfter", campaign.reEligibility().after().map(HumanDuration::format).orElse("never"));
            campaign.conversion().ifPresent(goal -> item.put("conversion", describe(goal)));
            item.put("holdoutPercent", campaign.holdoutPercent());
            CampaignStats counts = allCounts.get(campaign.id());
            item.putObject("counts").put("triggered", counts.triggered()).put("heldOut", counts.heldOut())
                    .put("sent", counts.sent()).put("delivered", counts.delivered())
                    .put("converted", counts.convertedTreated() + counts.convertedHoldout());
            item.set("stats", json.valueToTree(CampaignReport.of(campaign.id(), counts, Uplift.Z_95)));
        }
        ObjectNode body = json.createObjectNode();
        ObjectNode holding = body.putObject("guard").put("holding", guard.staleBecause().isPresent())
                .put("boundSeconds", guard.bound().toSeconds()).put("heldSends", guard.held());
        guard.staleBecause().ifPresent(reason -> holding.put("reason", reason));
        body.set("campaigns", list);
        ctx.json(body);
    }

    private void stats(Context ctx) {
        String id = ctx.pathParam("id");
        Optional<Campaign> campaign = campaigns.byId(id);
        if (campaign.isEmpty()) {
            error(ctx, 404, "unknown_campaign", "no campaign '" + id + "' in the campaigns file");
            return;
        }
        ctx.json(CampaignReport.of(id, counts(ctx, id), Uplift.Z_95));
    }

    private CampaignStats counts(Context ctx, String campaignId) {
        return ctx.header(ClusterStats.FORWARDED) != null ? stats.local(campaignId) : stats.all(campaignId);
    }

    private void error(Context ctx, int status, String code, String message) {
        ObjectNode error = json.createObjectNode();
        error.putObject("error").put("code", code).put("message", message);
        ctx.status(status).json(error);
    }

    private static String describe(Trigger trigger) {
        if (trigger instanceof Trigger.Transition t) {
            return "transition " + t.from().orElse("any") + " -> " + t.to().orElse("any");
        }
        if (trigger instanceof Trigger.SegmentEntered s) {
            return "segment entered: " + s.segment();
        }
        if (trigger instanceof Trigger.SegmentExited s) {
            return "segment exited: " + s.segment();
        }
        if (trigger instanceof Trigger.TagAdded t) {
            return "tag added: " + t.tag();
        }
        return trigger.toString();
    }

    private static String describe(ConversionGoal goal) {
        String what = goal instanceof ConversionGoal.ReachStage stage ? "stage " + stage.stage()
                : "event " + ((ConversionGoal.PerformEvent) goal).eventName();
        return what + " within " + HumanDuration.format(goal.within());
    }
}
