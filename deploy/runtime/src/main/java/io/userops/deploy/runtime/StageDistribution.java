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

/** The live users-per-stage line the demo prints, read from the segmentation query API. */
public final class StageDistribution {

    private final URI stages;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();

    public StageDistribution(String segmentationUrl) {
        this.stages = URI.create(segmentationUrl + "/v1/lifecycle/stages");
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
