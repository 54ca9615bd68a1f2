package io.userops.ingest;

import io.userops.avro.TrackedEvent;
import io.userops.deploy.EmbeddedStack;
import io.userops.ingest.config.IngestConfig;
import io.userops.ingest.events.EventTime;
import io.userops.ingest.events.Limits;
import io.userops.ingest.source.SourceRegistry;
import io.userops.schemas.registry.SchemaRegistryConfig;
import io.userops.schemas.topics.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** A real broker, registry and ingest service on free ports, and ways to talk to them. */
public final class IngestFixture implements AutoCloseable {

    public static final String WRITE_KEYS = "dev-write-key=dev,server-key=backend:server,limited-key=limited:client:5";

    public final EmbeddedStack stack;
    public final IngestService ingest;
    public final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private IngestFixture(EmbeddedStack stack, IngestService ingest) {
        this.stack = stack;
        this.ingest = ingest;
    }

    public static IngestFixture start(Path dir, Duration deliveryTimeout) throws Exception {
        EmbeddedStack stack = EmbeddedStack.start(dir, 2);
        IngestConfig config = new IngestConfig("127.0.0.1", 0, stack.bootstrapServers(),
                SchemaRegistryConfig.of(stack.registryUrl()), SourceRegistry.parse(WRITE_KEYS), Limits.SEGMENT,
                deliveryTimeout, EventTime.FUTURE_TOLERANCE, Map.of());
        return new IngestFixture(stack, new IngestService(config).start());
    }

    public URI uri(String path) {
        return URI.create(ingest.url() + path);
    }

    public HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> postBytes(String path, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Reads {@code userops.events.v1} from the start until every given messageId was seen (or 30 s passed). */
    public List<TrackedEvent> events(Collection<String> messageIds) {
        Set<String> wanted = new HashSet<>(messageIds);
        Deserializer<TrackedEvent> values = Topics.EVENTS.valueSerde(stack.registryClient()).deserializer();
        List<TrackedEvent> found = new ArrayList<>();
        readUntil(Topics.EVENTS.name(), values, record -> {
            if (wanted.contains(record.value().getMessageId())) {
                found.add(record.value());
            }
            return found.size() >= wanted.size();
        }, Duration.ofSeconds(30));
        return found;
    }

    /** Every event of the topic whose messageId is given, waiting {@code settle} after the last one arrives. */
    public List<TrackedEvent> eventsWithin(Collection<String> messageIds, Duration wait) {
        Set<String> wanted = new HashSet<>(messageIds);
        Deserializer<TrackedEvent> values = Topics.EVENTS.valueSerde(stack.registryClient()).deserializer();
        List<TrackedEvent> found = new ArrayList<>();
        readUntil(Topics.EVENTS.name(), values, record -> {
            if (wanted.contains(record.value().getMessageId())) {
                found.add(record.value());
            }
            return false;
        }, wait);
        return found;
    }

    /** The events keyed by a user id, once {@code expected} of them arrived (or 30 s passed). */
    public List<TrackedEvent> eventsOfUser(String userId, int expected) {
        Deserializer<TrackedEvent> values = Topics.EVENTS.valueSerde(stack.registryClient()).deserializer();
        List<TrackedEvent> found = new ArrayList<>();
        readUntil(Topics.EVENTS.name(), values, record -> {
            if (userId.equals(record.key())) {
                found.add(record.value());
            }
            return found.size() >= expected;
        }, Duration.ofSeconds(30));
        return found;
    }

    public List<ConsumerRecord<String, byte[]>> deadLetters(Predicate<ConsumerRecord<String, byte[]>> match, int expected) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        readUntil(Topics.DEAD_LETTER.name(), new ByteArrayDeserializer(), record -> {
            if (match.test(record)) {
                found.add(record);
            }
            return found.size() >= expected;
        }, Duration.ofSeconds(30));
        return found;
    }

    private <V> void readUntil(String topic, Deserializer<V> values, Predicate<ConsumerRecord<String, V>> done,
            Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(p, new StringDeserializer(), values)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
                    if (done.test(record)) {
                        return;
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        ingest.close();
        stack.close();
    }
}
