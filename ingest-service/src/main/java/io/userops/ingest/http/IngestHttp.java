package io.userops.ingest.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.userops.avro.EventType;
import io.userops.ingest.events.EventNormalizer;
import io.userops.ingest.events.Limits;
import io.userops.ingest.kafka.ClusterHealth;
import io.userops.ingest.kafka.EventPublisher;
import io.userops.ingest.source.SourceRegistry;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The ingest HTTP server: tracking endpoints, the settings analytics.js loads, health and metrics. */
public final class IngestHttp {

    private static final Logger log = LoggerFactory.getLogger(IngestHttp.class);

    /** What the routes need; built by {@code IngestService}, or by a test. */
    public record Parts(ObjectMapper json, SourceRegistry sources, EventNormalizer normalizer, EventPublisher publisher,
            ClusterHealth health, Limits limits, PrometheusMeterRegistry metrics, Clock clock) {
    }

    private IngestHttp() {
    }

    /** A server on {@code host:port} (0 picks a free port), not yet started. */
    public static Javalin create(String host, int port, Parts parts) {
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = host;
            config.jetty.port = port;
            config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                rule.reflectClientOrigin = true;
                rule.allowCredentials = true;
                rule.maxAge = 86_400;
            }));
            routes(config.routes, parts);
        });
    }

    static void routes(RoutesConfig routes, Parts parts) {
        TrackingApi api = new TrackingApi(parts.json(), parts.sources(), parts.normalizer(), parts.publisher(),
                parts.health(), new RateLimiter(System::nanoTime), parts.limits(), new IngestMetrics(parts.metrics()),
                parts.clock());
        Map<String, EventType> singles = Map.of("track", EventType.TRACK, "identify", EventType.IDENTIFY,
                "page", EventType.PAGE, "screen", EventType.SCREEN, "group", EventType.GROUP, "alias", EventType.ALIAS);
        singles.forEach((name, type) -> {
            routes.post("/v1/" + name, api.single(type, name));
            // analytics.js standard mode posts to the first letter of the type.
            routes.post("/v1/" + name.charAt(0), api.single(type, name));
        });
        routes.post("/v1/batch", api.batch(false, "batch"));
        routes.post("/v1/b", api.batch(false, "batch"));
        routes.post("/v1/import", api.batch(true, "import"));
        routes.get("/v1/projects/{writeKey}/settings", ctx -> settings(ctx, parts));
        routes.get("/health/live", ctx -> ctx.json(Map.of("status", "UP")));
        routes.get("/health/ready", ctx -> {
            if (parts.health().reachable()) {
                ctx.json(Map.of("status", "UP"));
            } else {
                ctx.status(503).json(Map.of("status", "DOWN", "reason", String.valueOf(parts.health().lastProblem())));
            }
        });
        routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(parts.metrics().scrape()));
        routes.exception(Exception.class, (e, ctx) -> {
            log.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            ctx.status(500).contentType("application/json")
                    .result(ApiError.of("internal_error", "the server failed: " + e.getClass().getSimpleName())
                            .toJson(parts.json()).toString());
        });
        routes.error(404, ctx -> ctx.contentType("application/json").result(ApiError.of("not_found",
                "no endpoint " + ctx.method() + " " + ctx.path()).toJson(parts.json()).toString()));
    }

    /** What analytics.js and the mobile SDKs load at start: they read {@code integrations["Segment.io"]} unguarded. */
    private static void settings(Context ctx, Parts parts) {
        String writeKey = ctx.pathParam("writeKey");
        if (parts.sources().forWriteKey(writeKey).isEmpty()) {
            ctx.status(401).contentType("application/json").result(ApiError.of("invalid_write_key",
                    "the write key is not known to this server").toJson(parts.json()).toString());
            return;
        }
        String host = ctx.header("Host") != null ? ctx.header("Host") : ctx.host();
        ObjectNode body = parts.json().createObjectNode();
        ObjectNode segment = body.putObject("integrations").putObject("Segment.io");
        segment.put("apiKey", writeKey);
        segment.put("apiHost", host + "/v1");
        segment.put("protocol", ctx.scheme());
        segment.putArray("unbundledIntegrations");
        segment.put("addBundledMetadata", true);
        ObjectNode plan = body.putObject("plan");
        plan.putObject("track").putObject("__default").put("enabled", true).putObject("integrations");
        plan.putObject("identify").putObject("__default").put("enabled", true);
        plan.putObject("group").putObject("__default").put("enabled", true);
        body.putObject("edgeFunction");
        body.put("analyticsNextEnabled", true);
        body.putObject("middlewareSettings");
        body.putObject("enabledMiddleware");
        body.putObject("metrics").put("sampleRate", 0);
        body.putArray("remotePlugins");
        ctx.contentType("application/json").result(body.toString());
    }
}
