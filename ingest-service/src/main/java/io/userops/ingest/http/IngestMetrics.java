package io.userops.ingest.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What ingest counts: requests by endpoint and status, events accepted by source and rejected by
 * reason. Counters are built once per tag value and kept, since every request touches them.
 */
final class IngestMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void request(String endpoint, int status) {
        counter("userops.ingest.requests", "Tracking API requests by endpoint and answer",
                "endpoint", endpoint, "status", Integer.toString(status)).increment();
    }

    void accepted(String sourceId, int events) {
        if (events > 0) {
            counter("userops.ingest.events.accepted", "Events written to userops.events.v1", "source", sourceId)
                    .increment(events);
        }
    }

    void rejected(String reason, int events) {
        if (events > 0) {
            counter("userops.ingest.events.rejected", "Events refused, by reason", "reason", reason).increment(events);
        }
    }

    private Counter counter(String name, String description, String... tags) {
        return counters.computeIfAbsent(name + '|' + String.join("|", tags),
                key -> Counter.builder(name).description(description).tags(tags).register(registry));
    }
}
