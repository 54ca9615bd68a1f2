package io.userops.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.userops.avro.EventType;
import io.userops.avro.TrackedEvent;
import io.userops.deploy.traffic.TrafficPlan;
import io.userops.ingest.IngestService;
import io.userops.ingest.events.EventNormalizer;
import io.userops.ingest.events.EventTime;
import io.userops.ingest.events.Limits;
import io.userops.ingest.source.Source;
import io.userops.schemas.registry.SchemaRegistryClient;
import io.userops.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The input of the lifecycle benchmark, produced to {@code userops.events.v1} beforehand with a plain
 * producer (the ingest producer's settings) and the topic's Avro serializer.
 */
final class LifecycleTraffic {

    /** One event and the key ingest would give it (userId, else anonymousId). */
    record Keyed(String key, TrackedEvent event) {
    }

    /** What a batch of input holds. */
    record Input(long events, int keys, Instant first, Instant last, Map<TopicPartition, Long> from,
            Map<TopicPartition, Long> to, double produceSeconds, long bytes) {
        long count() {
            return to.entrySet().stream().mapToLong(e -> e.getValue() - from.get(e.getKey())).sum();
        }
    }

    private static final String CONTEXT = "{\"library\":{\"name\":\"analytics.js\",\"version\":\"5.2.0\"},"
            + "\"timezone\":\"Asia/Shanghai\",\"locale\":\"zh-CN\",\"os\":{\"name\":\"Windows\"},"
            + "\"device\":{\"type\":\"desktop\"},\"ip\":\"203.0.113.7\","
            + "\"userAgent\":\"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36\"}";

    private LifecycleTraffic() {
    }

    /**
     * The simulated population of the demo ({@link TrafficPlan}): page and screen views, sign-ups, key
     * events and orders, in time order, turned into {@link TrackedEvent}s the way ingest does.
     */
    static List<Keyed> simulated(int users, int maxEvents, Instant from, Instant until, long seed) {
        ObjectMapper json = IngestService.jsonMapper();
        List<ObjectNode> plan = new TrafficPlan(new ObjectMapper(), seed).play(users, from, until, maxEvents);
        EventNormalizer normalizer = new EventNormalizer(json, Limits.SEGMENT, EventTime.FUTURE_TOLERANCE);
        Source source = Source.client("bench");
        List<Keyed> events = new ArrayList<>(plan.size());
        for (int i = 0; i < plan.size(); i++) {
            ObjectNode node = plan.set(i, null);
            // Received two seconds after it happened, as a live SDK would send it.
            Instant received = Instant.parse(node.path("timestamp").asText()).plusSeconds(2);
            var outcome = normalizer.normalize(node, null,
                    new EventNormalizer.RequestContext(source, received, "203.0.113.7", false, null));
            if (outcome instanceof EventNormalizer.Accepted accepted) {
                events.add(new Keyed(accepted.key(), accepted.event()));
            } else {
                throw new IllegalStateException("ingest rejects a simulated event: " + outcome);
            }
        }
        return events;
    }

    /** User {@code i} ({@code prefix + i}) seen once, at a time spread evenly from {@code from} to {@code until}. */
    static IntFunction<Keyed> onePerUser(String prefix, int users, Instant from, Instant until) {
        long span = Duration.between(from, until).toMillis();
        return i -> {
            Instant at = from.plusMillis(span * i / users);
            String user = prefix + i;
            TrackedEvent event = TrackedEvent.newBuilder()
                    .setSourceId("bench").setType(EventType.PAGE).setMessageId("msg-" + user + "-1")
                    .setUserId(user).setAnonymousId("anon-" + user).setName("Home")
                    .setProperties("{\"path\":\"/home\",\"title\":\"Home\",\"referrer\":\"https://example.org/\"}")
                    .setContext(CONTEXT).setTimestamp(at).setOriginalTimestamp(at).setSentAt(at.plusMillis(300))
                    .setReceivedAt(at.plusMillis(800)).build();
            return new Keyed(user, event);
        };
    }

    private static final String[] CITIES = {"Shanghai", "Beijing", "Hangzhou", "Shenzhen", "Berlin", "London",
        "São Paulo", "New York"};
    private static final String[] ZONES = {"Asia/Shanghai", "Asia/Shanghai", "Asia/Shanghai", "Asia/Shanghai",
        "Europe/Berlin", "Europe/London", "America/Sao_Paulo", "America/New_York"};
    private static final String[] GENDERS = {"female", "male", "female", "male", "non-binary"};
    private static final String[] OCCUPATIONS = {"engineer", "teacher", "designer", "student", "nurse", "manager"};

    /**
     * Two events per user, {@code 2 * users} in all: event {@code 2i} identifies user {@code i} (also known by an
     * anonymous id) with the traits the demo's users send, age 18-70; event {@code 2i + 1}, an hour later, is an
     * order for every third user and a key event for the others. Users are spread evenly from {@code from} to
     * {@code until}.
     */
    static IntFunction<Keyed> identifiedWithTraits(String prefix, int users, Instant from, Instant until) {
        long span = Duration.between(from, until).toMillis();
        return n -> {
            int i = n / 2;
            String user = prefix + i;
            Instant at = from.plusMillis(span * i / users);
            TrackedEvent.Builder event = TrackedEvent.newBuilder().setSourceId("bench").setUserId(user)
                    .setAnonymousId("anon-" + user).setContext(CONTEXT);
            if (n % 2 == 0) {
                int place = i % CITIES.length;
                String traits = String.format(java.util.Locale.ROOT, "{\"age\":%d,\"gender\":\"%s\",\"address\":{\"city\":"
                                + "\"%s\"},\"occupation\":\"%s\",\"income\":%d,\"timezone\":\"%s\",\"locale\":\"en-GB\","
                                + "\"email\":\"%s@example.org\",\"name\":\"User %d\",\"createdAt\":\"%s\"}",
                        18 + i % 53, GENDERS[i % GENDERS.length], CITIES[place], OCCUPATIONS[i % OCCUPATIONS.length],
                        20_000 + (i * 7919L) % 180_000, ZONES[place], user, i, at);
                event.setType(EventType.IDENTIFY).setMessageId("msg-" + user + "-1").setTraits(traits);
            } else {
                at = at.plus(Duration.ofHours(1));
                event.setType(EventType.TRACK).setMessageId("msg-" + user + "-2");
                if (i % 3 == 0) {
                    event.setEvent("Order Completed").setProperties(String.format(java.util.Locale.ROOT,
                            "{\"order_id\":\"o-%d\",\"revenue\":%.2f,\"currency\":\"EUR\"}", i, 5 + (i * 31L) % 400 + 0.99));
                } else {
                    event.setEvent("Project Created").setProperties("{\"template\":\"blank\"}");
                }
            }
            event.setTimestamp(at).setOriginalTimestamp(at).setSentAt(at.plusMillis(300)).setReceivedAt(at.plusMillis(800));
            return new Keyed(user, event.build());
        };
    }

    /** Produces {@code count} events to the events topic, waits for all acknowledgements, returns what it wrote. */
    static Input produce(Admin admin, String bootstrap, SchemaRegistryClient registry, int count,
            IntFunction<Keyed> events) throws Exception {
        String topic = Topics.EVENTS.name();
        Map<TopicPartition, Long> from = endOffsets(admin, topic);
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 65_536);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        Set<String> keys = new HashSet<>();
        Instant first = null;
        Instant last = null;
        long started = System.nanoTime();
        var serializer = Topics.EVENTS.valueSerde(registry).serializer();
        long[] bytes = new long[1];
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                Keyed keyed = events.apply(i);
                Instant at = keyed.event().getTimestamp();
                first = first == null || at.isBefore(first) ? at : first;
                last = last == null || at.isAfter(last) ? at : last;
                keys.add(keyed.key());
                byte[] value = serializer.serialize(topic, keyed.event());
                bytes[0] += value.length;
                producer.send(new ProducerRecord<>(topic, keyed.key(), value), (metadata, error) -> {
                    if (error != null) {
                        throw new IllegalStateException("producing the benchmark input failed", error);
                    }
                });
            }
            producer.flush();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<TopicPartition, Long> to = endOffsets(admin, topic);
        return new Input(count, keys.size(), first, last, from, to, seconds, bytes[0]);
    }

    static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) throws ExecutionException,
            InterruptedException, java.util.concurrent.TimeoutException {
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                .get(topic);
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        description.partitions().forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> offsets.put(tp, info.offset()));
        return offsets;
    }

    static Duration span(Input input) {
        return Duration.between(input.first(), input.last());
    }
}
