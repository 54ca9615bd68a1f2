package io.userops.deploy.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The live lines the demo prints: users per stage, segments and value tiers from the segmentation API, and each
 * campaign's counts from the trigger API.
 */
public final class DemoLines {

    private final URI stages;
    private final URI segments;
    private final URI tags;
    private final URI campaigns;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();

    public DemoLines(String segmentationUrl, String triggerUrl) {
        this.campaigns = URI.create(triggerUrl + "/v1/campaigns");
        this.stages = URI.create(segmentationUrl + "/v1/lifecycle/stages");
        this.segments = URI.create(segmentationUrl + "/v1/segments");
        this.tags = URI.create(segmentationUrl + "/v1/tags/summary");
    }

    /**
     * For example {@code segments: engaged_mobile_night_owls 19, ... | tiers: key 48, ... | top 20% of buyers
     * bring 76% of revenue}, or why there is none yet.
     */
    public String membershipLine() {
        try {
            JsonNode sizes = get(segments).path("sizes");
            JsonNode summary = get(tags);
            List<String> segmentParts = new ArrayList<>();
            sizes.fields().forEachRemaining(e -> segmentParts.add(e.getKey() + " " + e.getValue().asLong()));
            List<String> tierParts = new ArrayList<>();
            summary.path("valueTiers").fields().forEachRemaining(e -> tierParts.add(e.getKey() + " " + e.getValue().asLong()));
            JsonNode share = summary.path("pareto").path("top20PercentShareOfRevenue");
            String pareto = share.isNumber() ? String.format("top 20%% of buyers bring %.0f%% of revenue", share.asDouble() * 100)
                    : "no purchases yet";
            return "segments: " + String.join(", ", segmentParts) + " | value tiers: " + String.join(", ", tierParts)
                    + " | " + pareto;
        } catch (IOException e) {
            return "(segments unreachable)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    /**
     * For example {@code welcome: triggered 40, held out 4, sent 36, delivered 36, converted 5 | ...}: every
     * campaign with anything counted, or why there is none yet.
     */
    public String campaignsLine() {
        try {
            List<String> parts = new ArrayList<>();
            for (JsonNode campaign : get(campaigns).path("campaigns")) {
                JsonNode c = campaign.path("counts");
                if (c.path("triggered").asLong() > 0) {
                    parts.add(String.format("%s: triggered %d, held out %d, sent %d, delivered %d, converted %d",
                            campaign.path("id").asText(), c.path("triggered").asLong(), c.path("heldOut").asLong(),
                            c.path("sent").asLong(), c.path("delivered").asLong(), c.path("converted").asLong()));
                }
            }
            return parts.isEmpty() ? "no campaign triggered yet" : String.join(" | ", parts);
        } catch (IOException e) {
            return "(campaigns unreachable)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    private JsonNode get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IOException("status " + answer.statusCode());
        }
        return json.readTree(answer.body());
    }

    /** For example {@code NEW 12 | ACTIVATED 40 | ENGAGED 210 | ...}, or why there is none yet. */
    public String line() {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(stages).timeout(Duration.ofSeconds(2)).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = json.readTree(answer.body());
            if (answer.statusCode() != 200) {
                return "(lifecycle " + body.path("error").path("code").asText("unavailable") + ")";
            }
            List<String> parts = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = body.path("stages").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> stage = it.next();
                parts.add(stage.getKey() + " " + stage.getValue().asLong());
            }
            return String.join(" | ", parts);
        } catch (IOException e) {
            return "(lifecycle unreachable)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }
}
