package io.userops.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.userops.avro.EventType;
import io.userops.avro.TrackedEvent;
import io.userops.ingest.IngestWorld;
import io.userops.schemas.topics.DeadLetterHeaders;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IngestApiIT extends IngestWorld {

    final ObjectMapper json = new ObjectMapper();

    @Test
    void shouldAnswer200OnlyWithTheEventInKafkaWithEveryFieldIntact() throws Exception {
        String id = id();
        Instant sentAt = Instant.now().minusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        String body = """
                {"userId": "u-42", "anonymousId": "anon-9", "event": "Order Completed", "messageId": "%s",
                 "properties": {"revenue": 39.950, "currency": "EUR", "items": [{"sku": "A-1", "qty": 2}], "gift": null},
                 "context": {"library": {"name": "analytics.js", "version": "2.11.1"}, "timezone": "Asia/Shanghai"},
                 "integrations": {"All": true}, "_metadata": {"bundled": ["Segment.io"]}, "version": 2,
                 "originalTimestamp": "%s", "sentAt": "%s", "writeKey": "dev-write-key"}
                """.formatted(id, sentAt.minusSeconds(10), sentAt);

        HttpResponse<String> response = world.post("/v1/track", body, "Content-Type", "text/plain");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body())).isEqualTo(json.readTree("{\"success\":true}"));
        TrackedEvent event = single(id);
        assertThat(event.getType()).isEqualTo(EventType.TRACK);
        assertThat(event.getSourceId()).isEqualTo("dev");
        assertThat(event.getUserId()).isEqualTo("u-42");
        assertThat(event.getAnonymousId()).isEqualTo("anon-9");
        assertThat(event.getEvent()).isEqualTo("Order Completed");
        assertThat(event.getProperties()).isEqualTo(
                "{\"revenue\":39.950,\"currency\":\"EUR\",\"items\":[{\"sku\":\"A-1\",\"qty\":2}],\"gift\":null}");
        assertThat(json.readTree(event.getContext()).path("timezone").asText()).isEqualTo("Asia/Shanghai");
        assertThat(json.readTree(event.getContext()).path("ip").asText()).isEqualTo("127.0.0.1");
        assertThat(event.getIntegrations()).isEqualTo("{\"All\":true}");
        assertThat(json.readTree(event.getExtra())).isEqualTo(json.readTree("{\"_metadata\":{\"bundled\":[\"Segment.io\"]},\"version\":2}"));
        assertThat(event.getExtra()).doesNotContain("writeKey");
        assertThat(event.getOriginalTimestamp()).isEqualTo(sentAt.minusSeconds(10));
        // The client's clock is an hour behind: the 10 s between event and send are kept, on the server's clock.
        assertThat(Duration.between(event.getTimestamp(), event.getReceivedAt())).isEqualTo(Duration.ofSeconds(10));
        assertThat(event.getReceivedAt()).isBetween(Instant.now().minusSeconds(60), Instant.now());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "/v1/track, TRACK", "/v1/track/, TRACK", "/v1/t, TRACK",
        "/v1/identify, IDENTIFY", "/v1/i, IDENTIFY",
        "/v1/page, PAGE", "/v1/p, PAGE",
        "/v1/screen, SCREEN", "/v1/s, SCREEN",
        "/v1/group, GROUP", "/v1/g, GROUP",
        "/v1/alias, ALIAS", "/v1/a/, ALIAS",
    })
    void shouldAcceptEverySingleEventEndpointWithAndWithoutTrailingSlash(String path, EventType type) throws Exception {
        String id = id();
        String body = """
                {"userId": "u-1", "previousId": "anon-1", "groupId": "acme", "event": "Clicked", "name": "Home",
                 "traits": {"plan": "pro"}, "messageId": "%s", "writeKey": "dev-write-key"}""".formatted(id);

        HttpResponse<String> response = world.post(path, body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(single(id).getType()).isEqualTo(type);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/v1/batch", "/v1/batch/", "/v1/b", "/v1/import", "/v1/import/"})
    void shouldAcceptBatchesMergingBatchLevelContext(String path) throws Exception {
        String a = id();
        String b = id();
        String body = """
                {"batch": [
                   {"type": "identify", "userId": "u-7", "messageId": "%s", "traits": {"email": "ada@example.org"}},
                   {"type": "track", "userId": "u-7", "event": "Signed Up", "messageId": "%s", "context": {"locale": "en-GB"}}],
                 "context": {"library": {"name": "analytics-java", "version": "3.5.4"}, "locale": "zh-CN"},
                 "sentAt": "%s", "sequence": 1, "writeKey": "dev-write-key"}""".formatted(a, b, Instant.now());

        HttpResponse<String> response = world.post(path, body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<TrackedEvent> events = world.events(List.of(a, b));
        assertThat(events).hasSize(2);
        TrackedEvent track = events.stream().filter(e -> e.getMessageId().equals(b)).findFirst().orElseThrow();
        JsonNode context = json.readTree(track.getContext());
        assertThat(context.path("locale").asText()).isEqualTo("en-GB");
        assertThat(context.path("library").path("name").asText()).isEqualTo("analytics-java");
    }

    @Test
    void shouldWriteTheValidEventsOfABatchAndDeadLetterTheOversizeOneByIndex() throws Exception {
        String good1 = id();
        String bad = id();
        String good2 = id();
        String big = "x".repeat(33 * 1024);
        String body = """
                {"batch": [
                   {"type": "track", "userId": "u-1", "event": "A", "messageId": "%s"},
                   {"type": "track", "userId": "u-2", "event": "B", "messageId": "%s", "properties": {"blob": "%s"}},
                   {"type": "track", "userId": "u-3", "event": "C", "messageId": "%s"}],
                 "writeKey": "dev-write-key"}""".formatted(good1, bad, big, good2);

        HttpResponse<String> response = world.post("/v1/batch", body);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = json.readTree(response.body());
        assertThat(answer.path("success").asBoolean()).isTrue();
        assertThat(answer.path("accepted").asInt()).isEqualTo(2);
        assertThat(answer.path("rejected").get(0).path("index").asInt()).isEqualTo(1);
        assertThat(answer.path("rejected").get(0).path("code").asText()).isEqualTo("event_too_large");
        assertThat(world.events(List.of(good1, good2))).hasSize(2);
        var letters = world.deadLetters(r -> new String(r.value(), StandardCharsets.UTF_8).contains(bad), 1);
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0).key()).isEqualTo("u-2");
        assertThat(DeadLetterHeaders.get(letters.get(0).headers(), DeadLetterHeaders.REASON)).isEqualTo("event_too_large");
        assertThat(DeadLetterHeaders.get(letters.get(0).headers(), DeadLetterHeaders.STAGE)).isEqualTo("ingest");
        assertThat(DeadLetterHeaders.get(letters.get(0).headers(), DeadLetterHeaders.BATCH_INDEX)).isEqualTo("1");
        assertThat(DeadLetterHeaders.get(letters.get(0).headers(), DeadLetterHeaders.SOURCE)).isEqualTo("dev");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "malformed JSON      | {\"userId\": \"u-1\", \"event\": | invalid_json | not valid JSON",
        "not an object       | [1, 2, 3]                        | invalid_json | must be a JSON object",
        "no ids              | {\"event\": \"A\", \"writeKey\": \"dev-write-key\"} | missing_identity | userId or anonymousId is required",
        "no event name       | {\"userId\": \"u\", \"writeKey\": \"dev-write-key\"} | missing_event | needs an event name",
        "userId an object    | {\"userId\": {\"a\": 1}, \"event\": \"A\", \"writeKey\": \"dev-write-key\"} | invalid_field_type | userId must be a string or a number, was object",
        "properties a list   | {\"userId\": \"u\", \"event\": \"A\", \"properties\": [1], \"writeKey\": \"dev-write-key\"} | invalid_field_type | properties must be an object, was array",
        "event a number      | {\"userId\": \"u\", \"event\": 7, \"writeKey\": \"dev-write-key\"} | invalid_field_type | event must be a string, was number",
        "bad timestamp       | {\"userId\": \"u\", \"event\": \"A\", \"timestamp\": \"yesterday\", \"writeKey\": \"dev-write-key\"} | invalid_timestamp | timestamp 'yesterday' is not an ISO-8601 date-time",
    })
    void shouldAnswer400NamingTheViolationAndKeepServing(String what, String body, String code, String message)
            throws Exception {
        HttpResponse<String> response = world.post("/v1/track", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode error = json.readTree(response.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo(code);
        assertThat(error.path("message").asText()).contains(message);
        assertServing();
    }

    @Test
    void shouldAnswer400ForAMessageIdOverAHundredCharacters() throws Exception {
        HttpResponse<String> response = world.post("/v1/track", """
                {"userId": "u", "event": "A", "messageId": "%s", "writeKey": "dev-write-key"}""".formatted("m".repeat(101)));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).path("error").path("code").asText()).isEqualTo("invalid_message_id");
    }

    @Test
    void shouldGenerateAMessageIdOnlyWhenTheClientSentNone() throws Exception {
        String user = "u-" + UUID.randomUUID();

        HttpResponse<String> response = world.post("/v1/track", """
                {"userId": "%s", "event": "No Id", "writeKey": "dev-write-key"}""".formatted(user));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(world.eventsOfUser(user, 1)).singleElement()
                .satisfies(e -> assertThat(e.getMessageId()).startsWith("uo-").hasSize(39));
    }

    @Test
    void shouldAnswer400ToABatchOfOnlyInvalidEventsListingEachByIndex() throws Exception {
        HttpResponse<String> response = world.post("/v1/batch", """
                {"batch": [{"type": "track", "userId": "u"}, {"type": "jump", "userId": "u"}], "writeKey": "dev-write-key"}""");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode violations = json.readTree(response.body()).path("error").path("violations");
        assertThat(violations).hasSize(2);
        assertThat(violations.get(0).path("code").asText()).isEqualTo("missing_event");
        assertThat(violations.get(1).path("index").asInt()).isEqualTo(1);
        assertThat(violations.get(1).path("code").asText()).isEqualTo("invalid_type");
    }

    @Test
    void shouldAnswer400ToMoreThan2500EventsAndToABatchWithoutBatch() throws Exception {
        String many = "{\"batch\": [" + String.join(",", java.util.Collections.nCopies(2_501, "{}"))
                + "], \"writeKey\": \"dev-write-key\"}";
        assertError(world.post("/v1/batch", many), 400, "too_many_events", "2501 events, the limit is 2500");
        assertError(world.post("/v1/batch", "{\"writeKey\": \"dev-write-key\"}"), 400, "invalid_batch", "'batch' array");
    }

    @Test
    void shouldInflateGzipAndRefuseTruncatedGzipAndGzipBombs() throws Exception {
        String id = id();
        byte[] ok = gzip(("{\"userId\": \"u\", \"event\": \"Zipped\", \"messageId\": \"" + id
                + "\", \"writeKey\": \"dev-write-key\"}").getBytes(StandardCharsets.UTF_8));

        assertThat(world.postBytes("/v1/track", ok, "Content-Encoding", "gzip", "Content-Type", "text/plain").statusCode())
                .isEqualTo(200);
        assertThat(single(id).getEvent()).isEqualTo("Zipped");
        assertError(world.postBytes("/v1/track", Arrays.copyOf(ok, ok.length / 2), "Content-Encoding", "gzip"),
                400, "invalid_gzip", "truncated");
        assertError(world.postBytes("/v1/track", "plain".getBytes(), "Content-Encoding", "gzip"),
                400, "invalid_gzip", "not valid gzip");
        byte[] bomb = gzip(new byte[50 * 1024 * 1024]);
        assertThat(bomb.length).isLessThan(100 * 1024);
        assertError(world.postBytes("/v1/batch", bomb, "Content-Encoding", "gzip"),
                400, "request_too_large", "inflated request body exceeds 512000 bytes");
        assertServing();
    }

    @Test
    void shouldAnswer400ToARequestOverHalfAMegabyte() throws Exception {
        String body = "{\"writeKey\": \"dev-write-key\", \"batch\": [], \"pad\": \"" + "p".repeat(520_000) + "\"}";
        assertError(world.post("/v1/batch", body), 400, "request_too_large", "exceeds 512000 bytes");
    }

    @Test
    void shouldAcceptEveryFormOfWriteKeyAndRefuseUnknownOnesWith401() throws Exception {
        String body = "{\"userId\": \"u\", \"event\": \"Auth\"}";
        String basic = "Basic " + Base64.getEncoder().encodeToString("dev-write-key:".getBytes());

        assertThat(world.post("/v1/track", body, "Authorization", basic).statusCode()).isEqualTo(200);
        assertThat(world.post("/v1/track", body, "Authorization", "Bearer dev-write-key").statusCode()).isEqualTo(200);
        assertThat(world.post("/v1/track?writeKey=dev-write-key", body).statusCode()).isEqualTo(200);
        assertError(world.post("/v1/track", body), 401, "missing_write_key", "no write key");
        assertError(world.post("/v1/track", body, "Authorization",
                "Basic " + Base64.getEncoder().encodeToString("stolen:".getBytes())), 401, "invalid_write_key", "not known");
        assertError(world.post("/v1/track", "{\"userId\": \"u\", \"event\": \"A\", \"writeKey\": \"nope\"}"),
                401, "invalid_write_key", "not known");
    }

    @Test
    void shouldAnswer429WithRetryAfterOnceASourceExceedsItsRate() throws Exception {
        String five = "{\"batch\": [" + String.join(",", java.util.Collections.nCopies(5,
                "{\"type\": \"track\", \"userId\": \"u\", \"event\": \"Rate\"}")) + "], \"writeKey\": \"limited-key\"}";

        assertThat(world.post("/v1/batch", five).statusCode()).isEqualTo(200);
        HttpResponse<String> limited = world.post("/v1/batch", five);

        assertError(limited, 429, "rate_limited", "5 events/s");
        assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(1L, 2L));
        assertThat(limited.headers().firstValue("X-RateLimit-Reset")).isPresent();
    }

    @Test
    void shouldServeTheSettingsAnalyticsJsLoadsAtStart() throws Exception {
        HttpResponse<String> response = world.get("/v1/projects/dev-write-key/settings");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode segment = json.readTree(response.body()).path("integrations").path("Segment.io");
        assertThat(segment.path("apiKey").asText()).isEqualTo("dev-write-key");
        assertThat(segment.path("apiHost").asText()).isEqualTo("127.0.0.1:" + world.ingest.port() + "/v1");
        assertThat(world.get("/v1/projects/unknown/settings").statusCode()).isEqualTo(401);
    }

    @Test
    void shouldAnswerCorsPreflightsForBrowserOrigins() throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(world.uri("/v1/t"))
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://shop.example.org")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .build();

        HttpResponse<String> response = world.http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isBetween(200, 204);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains("https://shop.example.org");
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase()).contains("content-type");
        HttpResponse<String> post = world.post("/v1/t", "{\"userId\": \"u\", \"event\": \"Cors\", \"writeKey\": \"dev-write-key\"}",
                "Origin", "https://shop.example.org");
        assertThat(post.headers().firstValue("Access-Control-Allow-Origin")).contains("https://shop.example.org");
    }

    @Test
    void shouldReportReadinessAndPrometheusMetrics() throws Exception {
        world.post("/v1/track", "{\"userId\": \"u\", \"event\": \"Metric\", \"writeKey\": \"dev-write-key\"}");
        world.post("/v1/track", "{\"userId\": \"u\", \"writeKey\": \"dev-write-key\"}");

        assertThat(world.get("/health/live").statusCode()).isEqualTo(200);
        assertThat(world.get("/health/ready").statusCode()).isEqualTo(200);
        String metrics = world.get("/metrics").body();
        assertThat(metrics).contains("userops_ingest_requests_total{endpoint=\"track\",status=\"200\"}");
        assertThat(metrics).contains("userops_ingest_events_rejected_total{reason=\"missing_event\"}");
        assertThat(metrics).contains("userops_ingest_events_accepted_total{source=\"dev\"}");
        assertThat(metrics).contains("userops_ingest_produce_latency_seconds");
        assertThat(metrics).contains("userops_ingest_inflight_bytes");
        assertThat(metrics).contains("kafka_producer_record_send_total");
    }

    @Test
    void shouldAnswerUnknownPathsWithAJsonNotFound() throws Exception {
        assertError(world.post("/v1/teleport", "{}"), 404, "not_found", "POST /v1/teleport");
    }

    private void assertServing() throws Exception {
        String id = id();
        assertThat(world.post("/v1/track", "{\"userId\": \"u\", \"event\": \"Still Here\", \"messageId\": \"" + id
                + "\", \"writeKey\": \"dev-write-key\"}").statusCode()).isEqualTo(200);
        assertThat(single(id).getEvent()).isEqualTo("Still Here");
    }

    private void assertError(HttpResponse<String> response, int status, String code, String message) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode error = json.readTree(response.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo(code);
        assertThat(error.path("message").asText()).contains(message);
    }

    private TrackedEvent single(String messageId) {
        List<TrackedEvent> events = world.events(List.of(messageId));
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    private static String id() {
        return "m-" + UUID.randomUUID();
    }

    private static byte[] gzip(byte[] bytes) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        }
        return out.toByteArray();
    }
}
