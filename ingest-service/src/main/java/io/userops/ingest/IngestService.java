package io.userops.ingest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.javalin.Javalin;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.userops.avro.TrackedEvent;
import io.userops.ingest.config.IngestConfig;
import io.userops.ingest.events.EventNormalizer;
import io.userops.ingest.http.IngestHttp;
import io.userops.ingest.kafka.ClusterHealth;
import io.userops.ingest.kafka.EventPublisher;
import io.userops.schemas.registry.HttpSchemaRegistryClient;
import io.userops.schemas.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The ingest service: one idempotent producer, a cluster health check and the HTTP server. */
public final class IngestService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IngestService.class);

    private final IngestConfig config;
    private KafkaProducer<String, byte[]> producer;
    private KafkaClientMetrics producerMetrics;
    private ClusterHealth health;
    private Javalin http;

    public IngestService(IngestConfig config) {
        this.config = config;
    }

    /** JSON as ingest reads it: decimals kept exactly as sent (no rounding through double). */
    public static ObjectMapper jsonMapper() {
        return JsonMapper.builder()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
                .build();
    }

    public IngestService start() {
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        producer = new KafkaProducer<>(producerSettings(), new StringSerializer(), new ByteArraySerializer());
        producerMetrics = new KafkaClientMetrics(producer);
        producerMetrics.bindTo(metrics);
        // The probe also fetches the topic's metadata, so that no request waits for it.
        health = new ClusterHealth(config.bootstrapServers(), Duration.ofSeconds(1),
                () -> producer.partitionsFor(Topics.EVENTS.name())).start();
        Serializer<TrackedEvent> serializer = Topics.EVENTS
                .valueSerde(new HttpSchemaRegistryClient(config.registry()), config.registry().autoRegister())
                .serializer();
        ObjectMapper json = jsonMapper();
        EventNormalizer normalizer = new EventNormalizer(json, config.limits(), config.futureTolerance());
        EventPublisher publisher = new EventPublisher(producer, serializer, metrics);
        http = IngestHttp.create(config.host(), config.port(), new IngestHttp.Parts(json, config.sources(), normalizer,
                publisher, health, config.limits(), metrics, Clock.systemUTC())).start();
        log.info("ingest ready on {} (sources: {})", url(), config.sources().sources().stream().map(s -> s.id()).toList());
        return this;
    }

    public String url() {
        return "http://" + config.host() + ":" + http.port();
    }

    public int port() {
        return http.port();
    }

    private Map<String, Object> producerSettings() {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "userops-ingest");
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        settings.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        // A full buffer or missing metadata fails the send at once (503) instead of parking a request thread.
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 500);
        // Kafka needs delivery.timeout.ms >= linger.ms + request.timeout.ms.
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(3_000, config.deliveryTimeout().toMillis() / 2));
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) config.deliveryTimeout().toMillis());
        settings.putAll(config.producerOverrides());
        return settings;
    }

    @Override
    public void close() {
        if (http != null) {
            http.stop();
        }
        if (health != null) {
            health.close();
        }
        if (producerMetrics != null) {
            producerMetrics.close();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
        }
        log.info("ingest stopped");
    }
}
