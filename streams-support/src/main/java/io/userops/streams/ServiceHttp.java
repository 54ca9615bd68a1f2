package io.userops.streams;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Handler;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;

/**
 * What the HTTP API of each Kafka Streams service (segmentation, trigger) starts with: where it listens,
 * {@code /health/live}, its own {@code /health/ready}, and {@code /metrics} in Prometheus' text format.
 */
public final class ServiceHttp {

    /** The request header by which one instance asks another for its own share only: it asks no one further. */
    public static final String FORWARDED_HEADER = "X-UserOps-Forwarded";

    private ServiceHttp() {
    }

    public static void base(JavalinConfig config, String host, int port, Handler ready, PrometheusMeterRegistry metrics) {
        config.startup.showJavalinBanner = false;
        config.jetty.host = host;
        config.jetty.port = port;
        config.routes.get("/health/live", ctx -> ctx.json(Map.of("status", "up")));
        config.routes.get("/health/ready", ready);
        config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4").result(metrics.scrape()));
    }
}
