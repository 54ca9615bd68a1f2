package io.userops.trigger.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.userops.trigger.measure.CampaignStats;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.streams.state.HostInfo;

/**
 * A campaign's counts over every instance of the trigger service: this instance's partitions of the campaign
 * events, plus each other instance's, asked once over HTTP ({@code application.server}) with a header that
 * keeps the other instance from asking further.
 */
public final class ClusterStats {

    /** Set on a request from another instance: answer from this instance's partitions alone. */
    public static final String FORWARDED = io.userops.streams.ServiceHttp.FORWARDED_HEADER;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Function<String, CampaignStats> local;
    private final Supplier<Collection<HostInfo>> others;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param local  the counts of the partitions this instance holds
     * @param others the other instances that hold partitions of the campaign events
     */
    public ClusterStats(Function<String, CampaignStats> local, Supplier<Collection<HostInfo>> others) {
        this.local = local;
        this.others = others;
    }

    public CampaignStats local(String campaignId) {
        return local.apply(campaignId);
    }

    /** This instance's counts of each campaign, in the order given. */
    public Map<String, CampaignStats> local(Collection<String> campaignIds) {
        Map<String, CampaignStats> counts = new LinkedHashMap<>();
        campaignIds.forEach(id -> counts.put(id, local.apply(id)));
        return counts;
    }

    /** Every instance's counts summed; an instance that does not answer fails the whole sum, never shrinks it. */
    public CampaignStats all(String campaignId) {
        CampaignStats total = local.apply(campaignId);
        for (HostInfo other : others.get()) {
            total = total.merge(remote(other, campaignId));
        }
        return total;
    }

    /**
     * Every listed campaign's counts over every instance, with one request to each other instance for all of them
     * (its {@code GET /v1/campaigns}, whose items carry their stats). A campaign another instance does not list
     * adds nothing from it (its campaigns file differs during a rollout); an item without stats fails the sum.
     */
    public Map<String, CampaignStats> all(Collection<String> campaignIds) {
        Map<String, CampaignStats> totals = local(campaignIds);
        for (HostInfo other : others.get()) {
            for (JsonNode campaign : get(other, "/v1/campaigns", "the campaigns").path("campaigns")) {
                String id = campaign.path("id").asText();
                if (!totals.containsKey(id)) {
                    continue;
                }
                if (!campaign.path("stats").isObject()) {
                    throw new InstanceUnreachableException("instance " + other.host() + ":" + other.port()
                            + " listed campaign '" + id + "' without its stats (an older version?)");
                }
                totals.merge(id, fromReport(campaign.path("stats")), CampaignStats::merge);
            }
        }
        return totals;
    }

    private CampaignStats remote(HostInfo host, String campaignId) {
        return fromReport(get(host, "/v1/campaigns/"
                + URLEncoder.encode(campaignId, StandardCharsets.UTF_8).replace("+", "%20") + "/stats",
                "campaign '" + campaignId + "'"));
    }

    private JsonNode get(HostInfo host, String path, String what) {
        URI uri = URI.create("http://" + host.host() + ":" + host.port() + path);
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).header(FORWARDED, "1")
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new InstanceUnreachableException("instance " + host.host() + ":" + host.port()
                        + " answered " + answer.statusCode() + " for its share of " + what);
            }
            return json.readTree(answer.body());
        } catch (IOException e) {
            throw new InstanceUnreachableException("instance " + host.host() + ":" + host.port()
                    + " did not answer for its share of " + what + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InstanceUnreachableException("interrupted while asking " + host.host() + ":" + host.port());
        }
    }

    /** The counts of a stats answer ({@code CampaignReport}); rates and uplift are recomputed from the sum. */
    static CampaignStats fromReport(JsonNode report) {
        return new CampaignStats(report.path("triggered").asLong(), report.path("heldOut").asLong(),
                byReason(report.path("skippedByReason")), report.path("sent").asLong(),
                report.path("delivered").asLong(), byReason(report.path("failedByReason")),
                report.path("convertedTreated").asLong(), report.path("convertedAfterSend").asLong(),
                report.path("convertedHoldout").asLong());
    }

    private static SortedMap<String, Long> byReason(JsonNode counts) {
        SortedMap<String, Long> byReason = new TreeMap<>();
        counts.fields().forEachRemaining(e -> byReason.put(e.getKey(), e.getValue().asLong()));
        return byReason;
    }

    /** Another instance did not give its share: the sum would be wrong, so there is none. */
    public static final class InstanceUnreachableException extends RuntimeException {
        InstanceUnreachableException(String message) {
            super(message, null, false, false);
        }
    }
}
