package io.userops.segmentation.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.userops.ops.PartitionLag;
import io.userops.ops.PipelineHistory;
import io.userops.ops.PipelineMonitor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpsApiTest {

    private static final Instant NOW = Instant.parse("2026-11-29T05:00:00Z");

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final PipelineHistory history = new PipelineHistory(PipelineMonitor.HISTORY_WINDOW);
    private Javalin server;

    @BeforeEach
    void start() {
        server = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = "127.0.0.1";
            config.jetty.port = 0;
            OpsApi.routes(config, () -> history.since(Instant.EPOCH).get(0), history, Clock.fixed(NOW, ZoneOffset.UTC));
        }).start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void shouldAnswerTheReadingsOfTheAskedMinutesWithPartitionsAndTheTopicsEndOffsets() throws Exception {
        history.add(reading(NOW.minus(Duration.ofMinutes(30)), 100));
        history.add(reading(NOW.minusSeconds(50), 200));
        history.add(reading(NOW.minusSeconds(5), 260));

        JsonNode lastMinute = json.readTree(get("/v1/ops/history?minutes=1").body());
        assertThat(lastMinute.path("points")).hasSize(2);
        JsonNode newest = lastMinute.path("points").get(1);
        assertThat(newest.path("at").asText()).isEqualTo(NOW.minusSeconds(5).toString());
        assertThat(newest.path("freshnessSeconds").asDouble()).isEqualTo(2.5);
        JsonNode segmentation = newest.path("groups").path("segmentation");
        assertThat(segmentation.path("records").asLong()).isEqualTo(7);
        assertThat(segmentation.path("partitions").path("events/0").asLong()).isEqualTo(5);
        assertThat(segmentation.path("partitions").path("events/1").asLong()).isEqualTo(2);
        assertThat(segmentation.path("recordsPerSecond").asDouble()).isEqualTo(12.5);
        assertThat(newest.path("groups").path("trigger").path("recordsPerSecond").isNull()).isTrue();
        // Two groups read the events topic: its end is counted once per partition, not once per group.
        assertThat(newest.path("topicEnds").path("events").asLong()).isEqualTo(260 + 130);
        assertThat(newest.path("topicEnds").path("transitions").asLong()).isEqualTo(40);

        assertThat(json.readTree(get("/v1/ops/history").body()).path("points")).hasSize(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "61", "-5", "an hour", "1.5"})
    void shouldAnswer400NamingTheRangeForMinutesOutsideOneToSixty(String minutes) throws Exception {
        HttpResponse<String> answer = get("/v1/ops/history?minutes=" + minutes.replace(" ", "%20"));
        assertThat(answer.statusCode()).isEqualTo(400);
        JsonNode error = json.readTree(answer.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("invalid_minutes");
        assertThat(error.path("message").asText()).isEqualTo("minutes must be a whole number from 1 to 60, was '"
                + minutes + "'");
    }

    private static PipelineMonitor.Snapshot reading(Instant at, long eventsEnd) {
        List<PartitionLag> segmentation = List.of(
                lag("segmentation", "events", 0, eventsEnd - 5, eventsEnd),
                lag("segmentation", "events", 1, eventsEnd / 2 - 2, eventsEnd / 2));
        List<PartitionLag> trigger = List.of(
                lag("trigger", "events", 0, eventsEnd, eventsEnd),
                lag("trigger", "events", 1, eventsEnd / 2, eventsEnd / 2),
                lag("trigger", "transitions", 0, 40, 40));
        return new PipelineMonitor.Snapshot(at, Map.of("segmentation", segmentation, "trigger", trigger),
                Optional.of(Duration.ofMillis(2500)), Map.of("segmentation", 12.5), Map.of(), Optional.empty());
    }

    private static PartitionLag lag(String group, String topic, int partition, long committed, long end) {
        return new PartitionLag(group, topic, partition, committed, end, end - committed, Optional.empty(), Duration.ZERO);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
