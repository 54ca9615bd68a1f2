package io.userops.ingest.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.userops.avro.TrackedEvent;
import io.userops.ingest.events.EventNormalizer.Accepted;
import io.userops.ingest.events.EventNormalizer.Rejected;
import io.userops.schemas.topics.DeadLetterHeaders;
import io.userops.schemas.topics.Topics;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes a request's events: accepted ones to {@code userops.events.v1}, rejected ones as received
 * to {@code userops.dead-letter.v1} with the reason in headers. The returned future completes when
 * the broker has acknowledged every record of the request, and fails if any one failed; no thread
 * waits for it.
 */
public final class EventPublisher {

    /** A rejected event and its position in the request. */
    public record IndexedRejection(int index, Rejected rejected) {
    }

    private final Producer<String, byte[]> producer;
    private final Serializer<TrackedEvent> eventSerializer;
    private final AtomicLong inFlightBytes = new AtomicLong();
    private final Timer produceLatency;

    public EventPublisher(Producer<String, byte[]> producer, Serializer<TrackedEvent> eventSerializer,
            MeterRegistry metrics) {
        this.producer = producer;
        this.eventSerializer = eventSerializer;
        this.produceLatency = Timer.builder("userops.ingest.produce.latency")
                .description("From the first send of a request's records to the broker's last acknowledgement")
                .publishPercentiles(0.5, 0.99)
                .register(metrics);
        metrics.gauge("userops.ingest.inflight.bytes", inFlightBytes);
    }

    /**
     * Sends every record of one request.
     *
     * @return a future that completes once all are acknowledged, or fails with the first error
     *         (a full buffer, a registry that cannot be reached, an expired delivery)
     */
    public CompletableFuture<Void> publish(String sourceId, List<Accepted> accepted, List<IndexedRejection> rejected) {
        int total = accepted.size() + rejected.size();
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (total == 0) {
            done.complete(null);
            return done;
        }
        AtomicInteger pending = new AtomicInteger(total);
        long started = System.nanoTime();
        try {
            for (Accepted event : accepted) {
                byte[] value = eventSerializer.serialize(Topics.EVENTS.name(), event.event());
                send(new ProducerRecord<>(Topics.EVENTS.name(), event.key(), value), pending, done, started);
            }
            for (IndexedRejection rejection : rejected) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.DEAD_LETTER.name(),
                        rejection.rejected().key(), rejection.rejected().raw());
                DeadLetterHeaders.put(record.headers(), DeadLetterHeaders.STAGE, "ingest");
                DeadLetterHeaders.put(record.headers(), DeadLetterHeaders.REASON, rejection.rejected().rejection().code());
                DeadLetterHeaders.put(record.headers(), DeadLetterHeaders.MESSAGE,
                        rejection.rejected().rejection().message());
                DeadLetterHeaders.put(record.headers(), DeadLetterHeaders.SOURCE, sourceId);
                DeadLetterHeaders.put(record.headers(), DeadLetterHeaders.BATCH_INDEX, rejection.index());
                send(record, pending, done, started);
            }
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    private void send(ProducerRecord<String, byte[]> record, AtomicInteger pending, CompletableFuture<Void> done,
            long started) {
        int size = record.value().length;
        inFlightBytes.addAndGet(size);
        Callback callback = (metadata, error) -> {
            inFlightBytes.addAndGet(-size);
            if (error != null) {
                done.completeExceptionally(error);
            } else if (pending.decrementAndGet() == 0) {
                produceLatency.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
                done.complete(null);
            }
        };
        try {
            producer.send(record, callback);
        } catch (RuntimeException e) {
            inFlightBytes.addAndGet(-size);
            throw e;
        }
    }
}
