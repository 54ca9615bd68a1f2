package io.userops.deploy.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuntimeConfigTest {

    @Test
    void shouldUseTheDocumentedDefaults() {
        RuntimeConfig config = RuntimeConfig.from(Map.of(), List.of("up"));

        assertThat(config.command()).isEqualTo(RuntimeConfig.Command.UP);
        assertThat(config.home().getFileName()).hasToString(".userops");
        assertThat(List.of(config.kafkaPort(), config.controllerPort(), config.registryPort(), config.ingestPort(),
                config.segmentationPort(), config.triggerPort(), config.smtpPort(), config.webhookPort()))
                .containsExactly(9092, 9093, 8085, 8080, 8081, 8082, 2525, 8086);
        assertThat(config.embeddedKafka()).isTrue();
        assertThat(config.portsToBind()).extracting(RuntimeConfig.PortSetting::variable)
                .containsExactly("USEROPS_KAFKA_PORT", "USEROPS_CONTROLLER_PORT", "USEROPS_REGISTRY_PORT",
                        "USEROPS_INGEST_PORT", "USEROPS_SEGMENTATION_PORT", "USEROPS_TRIGGER_PORT", "USEROPS_SMTP_PORT",
                        "USEROPS_WEBHOOK_PORT");
        assertThat(config.campaigns()).isEmpty();
    }

    @Test
    void shouldTakePortsAndHomeFromTheEnvironment() {
        RuntimeConfig config = RuntimeConfig.from(Map.of("USEROPS_KAFKA_PORT", "19092", "USEROPS_REGISTRY_PORT", "18085",
                "USEROPS_HOME", "/tmp/uo", "USEROPS_PARTITIONS", "6"), List.of("demo"));

        assertThat(config.command()).isEqualTo(RuntimeConfig.Command.DEMO);
        assertThat(config.kafkaPort()).isEqualTo(19092);
        assertThat(config.registryPort()).isEqualTo(18085);
        assertThat(config.home()).hasToString("/tmp/uo");
        assertThat(config.partitions()).isEqualTo(6);
    }

    @Test
    void shouldUseAnExistingClusterAndRegistryAndBindOnlyTheServicesPorts() {
        RuntimeConfig config = RuntimeConfig.from(Map.of(),
                List.of("up", "--bootstrap-servers", "kafka:9092", "--schema-registry", "http://registry:8081"));

        assertThat(config.bootstrapServers()).contains("kafka:9092");
        assertThat(config.schemaRegistry()).hasValueSatisfying(u -> assertThat(u).hasToString("http://registry:8081"));
        assertThat(config.portsToBind()).extracting(RuntimeConfig.PortSetting::variable)
                .containsExactly("USEROPS_INGEST_PORT", "USEROPS_SEGMENTATION_PORT", "USEROPS_TRIGGER_PORT",
                        "USEROPS_SMTP_PORT", "USEROPS_WEBHOOK_PORT");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
        "USEROPS_KAFKA_PORT, abc, 'USEROPS_KAFKA_PORT must be a positive whole number, was ''abc'''",
        "USEROPS_REGISTRY_PORT, 70000, 'USEROPS_REGISTRY_PORT must be a port from 1 to 65535, was 70000'",
        "USEROPS_INGEST_PORT, -1, 'USEROPS_INGEST_PORT must be a positive whole number'",
        "USEROPS_PARTITIONS, 0, 'USEROPS_PARTITIONS must be a positive whole number'",
    })
    void shouldNameTheVariableThatIsWrong(String variable, String value, String message) {
        assertThatThrownBy(() -> RuntimeConfig.from(Map.of(variable, value), List.of("up")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void shouldRefuseUnknownArgumentsAndMissingValues() {
        assertThatThrownBy(() -> RuntimeConfig.from(Map.of(), List.of("up", "--verbose")))
                .hasMessage("unknown argument '--verbose'");
        assertThatThrownBy(() -> RuntimeConfig.from(Map.of(), List.of("up", "--bootstrap-servers")))
                .hasMessage("--bootstrap-servers needs a value");
        assertThatThrownBy(() -> RuntimeConfig.from(Map.of(), List.of("up", "--schema-registry", "http://r:1")))
                .hasMessageContaining("--schema-registry needs --bootstrap-servers");
        assertThatThrownBy(() -> RuntimeConfig.from(Map.of(),
                List.of("up", "--bootstrap-servers", "k:1", "--schema-registry", "registry:8081")))
                .hasMessageContaining("must be an http(s) URL");
    }
}
