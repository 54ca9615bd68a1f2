package io.userops.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.userops.avro.TrackedEvent;
import io.userops.ingest.IngestFixture;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestOutageIT {

    @TempDir
    Path dir;

    @Test
    void shouldAnswer503WhileTheBrokerIsDownAndTakeTheRetriedEventsOnceEachAfterItIsBack() throws Exception {
        ObjectMapper json = new ObjectMapper();
        try (IngestFixture world = IngestFixture.start(dir, Duration.ofSeconds(3))) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ids.add("outage-" + UUID.randomUUID());
            }
            String batch = batch(ids);

            world.stack.kafka().stop();
            long started = System.nanoTime();
            HttpResponse<String> duringOutage = world.post("/v1/batch", batch);
            Duration waited = Duration.ofNanos(System.nanoTime() - started);

            assertThat(duringOutage.statusCode()).as(duringOutage.body()).isEqualTo(503);
            assertThat(duringOutage.headers().firstValue("Retry-After")).contains("5");
            assertThat(json.readTree(duringOutage.body()).path("error").path("code").asText()).isEqualTo("kafka_unavailable");
            assertThat(waited).isLessThan(Duration.ofSeconds(15));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                HttpResponse<String> again = world.post("/v1/batch", batch);
                assertThat(again.statusCode()).isEqualTo(503);
                assertThat(world.get("/health/ready").statusCode()).isEqualTo(503);
            });

            world.stack.kafka().start();
            await().atMost(Duration.ofSeconds(30)).until(() -> world.get("/health/ready").statusCode() == 200);
            HttpResponse<String> retried = world.post("/v1/batch", batch);

            assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
            List<TrackedEvent> arrived = world.eventsWithin(ids, Duration.ofSeconds(5));
            assertThat(arrived.stream().collect(Collectors.groupingBy(TrackedEvent::getMessageId, Collectors.counting())))
                    .hasSize(3)
                    .allSatisfy((id, count) -> assertThat(count).isEqualTo(1L));
        }
    }

    private static String batch(List<String> ids) {
        return "{\"writeKey\": \"dev-write-key\", \"batch\": [" + ids.stream()
                .map(id -> "{\"type\": \"track\", \"userId\": \"u-" + id + "\", \"event\": \"Outage\", \"messageId\": \"" + id + "\"}")
                .collect(Collectors.joining(",")) + "]}";
    }
}
