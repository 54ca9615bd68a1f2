package io.userops.ingest.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.userops.avro.EventType;
import io.userops.ingest.events.EventNormalizer;
import io.userops.ingest.events.RawFields;
import io.userops.ingest.events.EventNormalizer.Accepted;
import io.userops.ingest.events.EventNormalizer.Outcome;
import io.userops.ingest.events.EventNormalizer.Rejected;
import io.userops.ingest.events.Limits;
import io.userops.ingest.events.Rejection;
import io.userops.ingest.kafka.ClusterHealth;
import io.userops.ingest.kafka.EventPublisher;
import io.userops.ingest.kafka.EventPublisher.IndexedRejection;
import io.userops.ingest.source.Source;
import io.userops.ingest.source.SourceRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Segment tracking endpoints. One request: read the body (bounded, gzip), find the write key,
 * apply the source's rate limit, normalise each event, write the valid ones to Kafka and the
 * invalid ones to the dead-letter topic, and answer from the producer's callbacks: 200 only once
 * the broker holds every accepted event.
 *
 * <p>A batch with some invalid events: the valid ones are written and the answer is 200 with the
 * invalid ones listed by index under {@code rejected}; a request whose every event is invalid is
 * answered 400 with the same list under {@code error.violations}. Either way each invalid event is
 * kept in {@code userops.dead-letter.v1} with the reason.
 */
final class TrackingApi {

    private static final Logger log = LoggerFactory.getLogger(TrackingApi.class);
    static final int RETRY_AFTER_SECONDS = 5;

    private final ObjectMapper json;
    private final SourceRegistry sources;
    private final EventNormalizer normalizer;
    private final EventPublisher publisher;
    private final ClusterHealth health;
    private final RateLimiter rateLimiter;
    private final Limits limits;
    private final IngestMetrics metrics;
    private final Clock clock;

    TrackingApi(ObjectMapper json, SourceRegistry sources, EventNormalizer normalizer, EventPublisher publisher,
            ClusterHealth health, RateLimiter rateLimiter, Limits limits, IngestMetrics metrics, Clock clock) {
        this.json = json;
        this.sources = sources;
        this.normalizer = normalizer;
        this.publisher = publisher;
        this.health = health;
        this.rateLimiter = rateLimiter;
        this.limits = limits;
        this.metrics = metrics;
        this.clock = clock;
    }

    Handler single(EventType type, String endpoint) {
        return ctx -> handle(ctx, type, false, endpoint);
    }

    Handler batch(boolean isImport, String endpoint) {
        return ctx -> handle(ctx, null, isImport, endpoint);
    }

    private void handle(Context ctx, EventType pathType, boolean isImport, String endpoint) throws IOException {
        Instant receivedAt = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        JsonNode root;
        List<RawFields> raw;
        try {
            byte[] body = RequestBody.read(ctx.bodyInputStream(), ctx.header("Content-Encoding"), limits.maxRequestBytes());
            RawFields.Parsed parsed = RawFields.parse(json, body, pathType == null);
            root = parsed.root();
            raw = parsed.events();
        } catch (RequestBody.Unreadable e) {
            fail(ctx, endpoint, 400, ApiError.of(e.rejection().code(), e.rejection().message()));
            return;
        } catch (JacksonException e) {
            fail(ctx, endpoint, 400, ApiError.of("invalid_json", "body is not valid JSON: " + e.getOriginalMessage()));
            return;
        }
        if (root == null || !root.isObject()) {
            fail(ctx, endpoint, 400, ApiError.of("invalid_json", "body must be a JSON object"));
            return;
        }
        Optional<String> writeKey = WriteKeys.find(root, ctx.header("Authorization"), ctx.queryParam("writeKey"));
        if (writeKey.isEmpty()) {
            fail(ctx, endpoint, 401, ApiError.of("missing_write_key",
                    "no write key: send it as 'writeKey' in the body, as HTTP Basic user, or as ?writeKey="));
            return;
        }
        Optional<Source> found = sources.forWriteKey(writeKey.get());
        if (found.isEmpty()) {
            fail(ctx, endpoint, 401, ApiError.of("invalid_write_key", "the write key is not known to this server"));
            return;
        }
        Source source = found.get();
        List<JsonNode> items = new ArrayList<>();
        JsonNode envelope = null;
        if (pathType == null) {
            JsonNode batch = root.get("batch");
            if (batch == null || !batch.isArray()) {
                fail(ctx, endpoint, 400, ApiError.of("invalid_batch", "body needs a 'batch' array of events"));
                return;
            }
            if (batch.size() > limits.maxBatchEvents()) {
                fail(ctx, endpoint, 400, ApiError.of("too_many_events", "batch holds " + batch.size()
                        + " events, the limit is " + limits.maxBatchEvents()));
                return;
            }
            batch.forEach(items::add);
            envelope = root;
        } else {
            items.add(root);
        }
        RateLimiter.Verdict verdict = rateLimiter.take(source, items.size());
        if (!verdict.allowed()) {
            ctx.header("Retry-After", Long.toString(verdict.retryAfterSeconds()));
            ctx.header("X-RateLimit-Reset", Long.toString(verdict.retryAfterSeconds()));
            fail(ctx, endpoint, 429, ApiError.of("rate_limited", "source " + source.id() + " may send "
                    + source.eventsPerSecond().getAsInt() + " events/s; retry in " + verdict.retryAfterSeconds() + " s"));
            return;
        }
        if (!health.reachable()) {
            unavailable(ctx, endpoint, health.lastProblem());
            return;
        }
        EventNormalizer.RequestContext request = new EventNormalizer.RequestContext(source, receivedAt, ctx.ip(),
                isImport, envelope);
        List<Accepted> accepted = new ArrayList<>(items.size());
        List<IndexedRejection> rejected = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Outcome outcome = normalizer.normalize(items.get(i), pathType, request,
                    raw.size() == items.size() ? raw.get(i) : RawFields.NONE);
            if (outcome instanceof Accepted ok) {
                accepted.add(ok);
            } else {
                rejected.add(new IndexedRejection(i, (Rejected) outcome));
            }
        }
        ctx.future(() -> publisher.publish(source.id(), accepted, rejected).handle((written, error) -> {
            if (error != null) {
                unavailable(ctx, endpoint, rootCause(error).toString());
            } else {
                answer(ctx, endpoint, source, accepted.size(), rejected);
            }
            return null;
        }));
    }

    private void answer(Context ctx, String endpoint, Source source, int acceptedCount, List<IndexedRejection> rejected) {
        metrics.accepted(source.id(), acceptedCount);
        rejected.forEach(r -> metrics.rejected(r.rejected().rejection().code(), 1));
        List<ApiError.Violation> violations = rejected.stream().map(r -> {
            Rejection why = r.rejected().rejection();
            return new ApiError.Violation(r.index(), why.code(), why.message());
        }).toList();
        if (acceptedCount == 0 && !violations.isEmpty()) {
            Rejection first = rejected.get(0).rejected().rejection();
            String message = violations.size() == 1 ? first.message() : violations.size() + " events are invalid";
            respond(ctx, endpoint, 400, new ApiError(first.code(), message, violations).toJson(json));
            return;
        }
        ObjectNode body = json.createObjectNode().put("success", true);
        if (!violations.isEmpty()) {
            body.put("accepted", acceptedCount);
            ArrayNode list = body.putArray("rejected");
            violations.forEach(v -> list.addObject().put("index", v.index()).put("code", v.code()).put("message", v.message()));
        }
        respond(ctx, endpoint, 200, body);
    }

    private void unavailable(Context ctx, String endpoint, String why) {
        log.warn("answering 503 on {}: {}", endpoint, why);
        ctx.header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        fail(ctx, endpoint, 503, ApiError.of("kafka_unavailable",
                "the events could not be written to Kafka, nothing was accepted; retry in " + RETRY_AFTER_SECONDS + " s"));
    }

    private void fail(Context ctx, String endpoint, int status, ApiError error) {
        respond(ctx, endpoint, status, error.toJson(json));
    }

    private void respond(Context ctx, String endpoint, int status, JsonNode body) {
        metrics.request(endpoint, status);
        ctx.status(status).contentType("application/json").result(body.toString());
    }

    private static Throwable rootCause(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof java.util.concurrent.CompletionException
                || cause instanceof java.util.concurrent.ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
