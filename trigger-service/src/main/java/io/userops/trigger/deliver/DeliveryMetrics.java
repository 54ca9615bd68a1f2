package io.userops.trigger.deliver;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.userops.avro.Channel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The delivery stage's meters. Prometheus names: {@code userops_delivery_delivered_total{channel}},
 * {@code userops_delivery_failed_total{channel,reason}}, {@code userops_delivery_retries_total{channel}},
 * {@code userops_delivery_dead_lettered_total{reason}}, {@code userops_delivery_in_flight} (attempts
 * running), {@code userops_delivery_pending} (messages accepted and not finished) and
 * {@code userops_delivery_endpoints_disabled}.
 */
public final class DeliveryMetrics {

    private final MeterRegistry registry;
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicInteger disabledEndpoints = new AtomicInteger();

    public DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("userops.delivery.in.flight", inFlight, AtomicInteger::get)
                .description("Delivery attempts running").register(registry);
        Gauge.builder("userops.delivery.pending", pending, AtomicInteger::get)
                .description("Messages accepted for delivery and not finished (waiting, running or awaiting a retry)")
                .register(registry);
        Gauge.builder("userops.delivery.endpoints.disabled", disabledEndpoints, AtomicInteger::get)
                .description("Endpoints disabled after answering 410 Gone").register(registry);
    }

    void delivered(Channel channel) {
        counter("userops.delivery.delivered", "Messages delivered", "channel", channel.name()).increment();
    }

    void failed(Channel channel, String reason) {
        counter("userops.delivery.failed", "Messages that will not be delivered", "channel", channel.name(),
                "reason", reason).increment();
    }

    void retried(Channel channel) {
        counter("userops.delivery.retries", "Delivery attempts scheduled again after a transient failure",
                "channel", channel.name()).increment();
    }

    void deadLettered(String reason) {
        counter("userops.delivery.dead.lettered", "Records written to the dead-letter topic", "reason", reason)
                .increment();
    }

    void endpointDisabled() {
        disabledEndpoints.incrementAndGet();
    }

    AtomicInteger inFlight() {
        return inFlight;
    }

    AtomicInteger pending() {
        return pending;
    }

    private Counter counter(String name, String description, String... tags) {
        List<String> key = new java.util.ArrayList<>(tags.length + 1);
        key.add(name);
        key.addAll(List.of(tags));
        return counters.computeIfAbsent(key,
                k -> Counter.builder(name).description(description).tags(tags).register(registry));
    }
}
