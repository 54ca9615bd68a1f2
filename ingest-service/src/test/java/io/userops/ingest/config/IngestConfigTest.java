package io.userops.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestConfigTest {

    @Test
    void shouldReadTheEnvironmentWithProducerSettingsUnderAPrefix() {
        IngestConfig config = IngestConfig.fromEnvironment(Map.of(
                "USEROPS_INGEST_PORT", "18080",
                "USEROPS_BOOTSTRAP_SERVERS", "kafka:9092",
                "USEROPS_SCHEMA_REGISTRY_URL", "http://registry:8081",
                "USEROPS_INGEST_WRITE_KEYS", "k1=web,k2=backend:server",
                "USEROPS_INGEST_DELIVERY_TIMEOUT_MS", "4000",
                "USEROPS_INGEST_KAFKA_LINGER_MS", "20",
                "USEROPS_INGEST_KAFKA_COMPRESSION_TYPE", "zstd"));

        assertThat(config.port()).isEqualTo(18080);
        assertThat(config.bootstrapServers()).isEqualTo("kafka:9092");
        assertThat(config.registry().url()).hasToString("http://registry:8081");
        assertThat(config.sources().size()).isEqualTo(2);
        assertThat(config.deliveryTimeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(config.producerOverrides()).containsEntry("linger.ms", "20").containsEntry("compression.type", "zstd");
    }

    @Test
    void shouldHideWriteKeysWhenPrinted() {
        IngestConfig config = IngestConfig.fromEnvironment(Map.of("USEROPS_INGEST_WRITE_KEYS", "s3cr3t-key=web"));

        assertThat(config.toString()).contains("web").doesNotContain("s3cr3t-key");
    }

    @Test
    void shouldRefuseBadValuesNamingThem() {
        assertThatThrownBy(() -> IngestConfig.fromEnvironment(Map.of("USEROPS_INGEST_PORT", "http")))
                .hasMessageContaining("USEROPS_INGEST_PORT must be a whole number, was 'http'");
        assertThatThrownBy(() -> IngestConfig.fromEnvironment(Map.of("USEROPS_INGEST_DELIVERY_TIMEOUT_MS", "100")))
                .hasMessageContaining("delivery timeout must be at least 2 s");
    }
}
