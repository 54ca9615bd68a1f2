package io.userops.ingest.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** What ingest counts: requests by endpoint and status, events accepted by source and rejected by reason. */
final class IngestMetrics {

    private final MeterRegistry registry;

    IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void request(String endpoint, int status) {
        Counter.builder("userops.ingest.requests")
                .description("Tracking API requests by endpoint and answer")
                .tag("endpoint", endpoint)
                .tag("status", Integer.toString(status))
                .register(registry)
                .increment();
    }

    void accepted(String sourceId, int events) {
        if (events > 0) {
            Counter.builder("userops.ingest.events.accepted")
                    .description("Events written to userops.events.v1")
                    .tag("source", sourceId)
                    .register(registry)
                    .increment(events);
        }
    }

    void rejected(String reason, int events) {
        if (events > 0) {
            Counter.builder("userops.ingest.events.rejected")
                    .description("Events refused, by reason")
                    .tag("reason", reason)
                    .register(registry)
                    .increment(events);
        }
    }
}
