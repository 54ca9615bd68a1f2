package io.userops.ingest.config;

import io.userops.ingest.events.EventTime;
import io.userops.ingest.events.Limits;
import io.userops.ingest.source.SourceRegistry;
import io.userops.schemas.config.Environment;
import io.userops.schemas.registry.SchemaRegistryConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The ingest service's settings, validated here.
 *
 * @param host              address to listen on
 * @param port              port to listen on (0 picks one)
 * @param bootstrapServers  Kafka
 * @param registry          the schema registry
 * @param sources           write keys and their sources
 * @param limits            size limits
 * @param deliveryTimeout   the longest a request waits for Kafka before it is answered 503
 * @param futureTolerance   how far past receivedAt an event may be dated before it is clamped
 * @param producerOverrides further Kafka producer settings, applied last
 */
public record IngestConfig(String host, int port, String bootstrapServers, SchemaRegistryConfig registry,
        SourceRegistry sources, Limits limits, Duration deliveryTimeout, Duration futureTolerance,
        Map<String, String> producerOverrides) {

    public static final String DEV_WRITE_KEY = "dev-write-key";
    public static final String DEV_WRITE_KEYS = DEV_WRITE_KEY + "=dev";
    private static final String PRODUCER_PREFIX = "USEROPS_INGEST_KAFKA_";

    public IngestConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(sources, "sources");
        Objects.requireNonNull(limits, "limits");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("ingest port must be 0-65535, was " + port);
        }
        if (deliveryTimeout.compareTo(Duration.ofSeconds(2)) < 0) {
            throw new IllegalArgumentException("delivery timeout must be at least 2 s, was " + deliveryTimeout);
        }
        producerOverrides = Map.copyOf(producerOverrides);
    }

    /** The development settings: 127.0.0.1, Segment's limits, a 10 s delivery timeout. */
    public static IngestConfig development(int port, String bootstrapServers, String registryUrl,
            SourceRegistry sources) {
        return new IngestConfig("127.0.0.1", port, bootstrapServers, SchemaRegistryConfig.of(registryUrl),
                sources, Limits.SEGMENT, Duration.ofSeconds(10), EventTime.FUTURE_TOLERANCE, Map.of());
    }

    /**
     * From {@code USEROPS_INGEST_HOST}, {@code USEROPS_INGEST_PORT}, {@code USEROPS_BOOTSTRAP_SERVERS},
     * {@code USEROPS_SCHEMA_REGISTRY_URL}, {@code USEROPS_INGEST_WRITE_KEYS},
     * {@code USEROPS_INGEST_DELIVERY_TIMEOUT_MS} and {@code USEROPS_INGEST_KAFKA_*} (producer settings:
     * {@code USEROPS_INGEST_KAFKA_LINGER_MS=10} sets {@code linger.ms}).
     */
    public static IngestConfig fromEnvironment(Map<String, String> env) {
        Map<String, String> producer = Environment.kafkaSettings(env, PRODUCER_PREFIX);
        return new IngestConfig(
                env.getOrDefault("USEROPS_INGEST_HOST", "127.0.0.1"),
                Environment.integer(env, "USEROPS_INGEST_PORT", 8080),
                env.getOrDefault("USEROPS_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
                Environment.schemaRegistry(env),
                SourceRegistry.parse(env.getOrDefault("USEROPS_INGEST_WRITE_KEYS", DEV_WRITE_KEYS)),
                Limits.SEGMENT,
                Duration.ofMillis(Environment.integer(env, "USEROPS_INGEST_DELIVERY_TIMEOUT_MS", 10_000)),
                EventTime.FUTURE_TOLERANCE,
                producer);
    }

    @Override
    public String toString() {
        return "IngestConfig[host=" + host + ", port=" + port + ", bootstrapServers=" + bootstrapServers
                + ", registry=" + registry + ", sources=" + sources.sources().stream().map(s -> s.id()).toList()
                + " (write keys hidden), limits=" + limits + ", deliveryTimeout=" + deliveryTimeout
                + ", futureTolerance=" + futureTolerance + ", producerOverrides=" + producerOverrides.keySet() + "]";
    }
}
