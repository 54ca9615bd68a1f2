package io.userops.deploy.runtime;

import io.userops.avro.EventType;
import io.userops.avro.TrackedEvent;
import io.userops.schemas.registry.SchemaRegistryClient;
import io.userops.schemas.topics.Topics;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * What {@code ./userops demo} shows until the ingest service lands: a handful of users' events
 * written to {@code userops.events.v1} in the wire format and read back through the registry.
 */
public final class FoundationDemo {

    private FoundationDemo() {
    }

    /** Writes one short journey per user and reads them back; returns the events read. */
    public static List<TrackedEvent> run(String bootstrapServers, SchemaRegistryClient registry, PrintStream out)
            throws Exception {
        List<TrackedEvent> sent = journeys(Instant.now(), List.of("ada", "grace", "linus"));
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        try (KafkaProducer<String, TrackedEvent> producer = new KafkaProducer<>(p,
                Topics.EVENTS.keySerde().serializer(), Topics.EVENTS.valueSerde(registry).serializer())) {
            for (TrackedEvent event : sent) {
                String key = event.getUserId() != null ? event.getUserId() : event.getAnonymousId();
                producer.send(new ProducerRecord<>(Topics.EVENTS.name(), key, event)).get();
            }
        }
        out.printf("demo: wrote %d events for 3 users to %s%n", sent.size(), Topics.EVENTS.name());
        List<String> ids = sent.stream().map(TrackedEvent::getMessageId).toList();
        List<TrackedEvent> read = readBack(bootstrapServers, registry, ids);
        for (TrackedEvent event : read) {
            out.printf("demo: read back %-8s %-16s user=%s%n", event.getType(),
                    event.getEvent() != null ? event.getEvent() : "", event.getUserId());
        }
        out.printf("demo: %d of %d events read back from Kafka in the Confluent wire format%n", read.size(), sent.size());
        return read;
    }

    static List<TrackedEvent> journeys(Instant now, List<String> users) {
        List<TrackedEvent> events = new ArrayList<>();
        for (String user : users) {
            events.add(event(EventType.IDENTIFY, user, null, "{\"plan\":\"free\"}", now));
            events.add(event(EventType.TRACK, user, "Signed Up", null, now));
            events.add(event(EventType.TRACK, user, "Order Completed", null, now));
        }
        return events;
    }

    private static TrackedEvent event(EventType type, String userId, String name, String traits, Instant at) {
        return TrackedEvent.newBuilder()
                .setSourceId("demo")
                .setType(type)
                .setMessageId("demo-" + UUID.randomUUID())
                .setUserId(userId)
                .setEvent(name)
                .setTraits(traits)
                .setProperties(name == null ? null : "{\"revenue\":12.5,\"currency\":\"EUR\"}")
                .setContext("{\"library\":{\"name\":\"userops-demo\"}}")
                .setTimestamp(at)
                .setReceivedAt(at)
                .build();
    }

    private static List<TrackedEvent> readBack(String bootstrapServers, SchemaRegistryClient registry, List<String> ids) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "userops-demo-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<TrackedEvent> found = new ArrayList<>();
        try (KafkaConsumer<String, TrackedEvent> consumer = new KafkaConsumer<>(p,
                Topics.EVENTS.keySerde().deserializer(), Topics.EVENTS.valueSerde(registry).deserializer())) {
            consumer.subscribe(List.of(Topics.EVENTS.name()));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (found.size() < ids.size() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, TrackedEvent> record : consumer.poll(Duration.ofMillis(200))) {
                    if (ids.contains(record.value().getMessageId())) {
                        found.add(record.value());
                    }
                }
            }
        }
        return found;
    }
}
