package io.userops.trigger.deliver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeliveryConfigTest {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String OTHER_SECRET = "whsec_QUJDREVGR0hJSktMTU5PUFFSU1RVVldY";

    @Test
    void shouldReadEveryDeliverySettingFromTheEnvironment() {
        Map<String, String> env = Map.ofEntries(
                Map.entry("USEROPS_BOOTSTRAP_SERVERS", "broker:9092"),
                Map.entry("USEROPS_SCHEMA_REGISTRY_URL", "http://registry:8085"),
                Map.entry("USEROPS_TRIGGER_DELIVERY_GROUP_ID", "delivery-eu"),
                Map.entry("USEROPS_TRIGGER_WEBHOOK_URL", "https://hooks.example/userops"),
                Map.entry("USEROPS_TRIGGER_WEBHOOK_SECRET", SECRET),
                Map.entry("USEROPS_TRIGGER_WEBHOOK_CAMPAIGNS", "winback=https://crm.example/in, welcome=http://w.example/h?a=b"),
                Map.entry("USEROPS_TRIGGER_WEBHOOK_CAMPAIGN_SECRETS", "winback=" + OTHER_SECRET),
                Map.entry("USEROPS_TRIGGER_WEBHOOK_TIMEOUT_MS", "2500"),
                Map.entry("USEROPS_TRIGGER_WEBHOOK_CONCURRENCY", "4"),
                Map.entry("USEROPS_TRIGGER_SMTP_HOST", "smtp.example"),
                Map.entry("USEROPS_TRIGGER_SMTP_PORT", "587"),
                Map.entry("USEROPS_TRIGGER_SMTP_FROM", "Acme <hello@acme.example>"),
                Map.entry("USEROPS_TRIGGER_SMTP_USERNAME", "mailer"),
                Map.entry("USEROPS_TRIGGER_SMTP_PASSWORD", "hunter2-smtp"),
                Map.entry("USEROPS_TRIGGER_SMTP_STARTTLS", "true"),
                Map.entry("USEROPS_TRIGGER_RETRY_BASE_MS", "500"),
                Map.entry("USEROPS_TRIGGER_RETRY_CAP_MS", "60000"),
                Map.entry("USEROPS_TRIGGER_RETRY_MAX_ATTEMPTS", "5"),
                Map.entry("USEROPS_TRIGGER_RETRY_AFTER_MAX_MS", "120000"),
                Map.entry("USEROPS_TRIGGER_DELIVERY_MAX_PENDING", "200"),
                Map.entry("USEROPS_TRIGGER_DELIVERY_SHUTDOWN_TIMEOUT_MS", "3000"),
                Map.entry("USEROPS_TRIGGER_DELIVERY_PRODUCER_LINGER_MS", "20"),
                Map.entry("USEROPS_TRIGGER_DELIVERY_CONSUMER_MAX_POLL_RECORDS", "100"));

        DeliveryConfig config = DeliveryConfig.fromEnvironment(env);

        assertThat(config.bootstrapServers()).isEqualTo("broker:9092");
        assertThat(config.registry().url()).isEqualTo(URI.create("http://registry:8085"));
        assertThat(config.groupId()).isEqualTo("delivery-eu");
        WebhookSettings webhooks = config.webhooks();
        assertThat(webhooks.endpointFor("anything").orElseThrow().url()).isEqualTo(URI.create("https://hooks.example/userops"));
        assertThat(webhooks.endpointFor("winback").orElseThrow().url()).isEqualTo(URI.create("https://crm.example/in"));
        assertThat(webhooks.endpointFor("winback").orElseThrow().secret()).isEqualTo(WebhookSecret.parse(OTHER_SECRET));
        assertThat(webhooks.endpointFor("welcome").orElseThrow().secret()).as("falls back to the default secret")
                .isEqualTo(WebhookSecret.parse(SECRET));
        assertThat(webhooks.endpointFor("welcome").orElseThrow().name()).isEqualTo("campaign:welcome");
        assertThat(webhooks.requestTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(webhooks.concurrency()).isEqualTo(4);
        SmtpSettings smtp = config.smtp().orElseThrow();
        assertThat(smtp.host()).isEqualTo("smtp.example");
        assertThat(smtp.port()).isEqualTo(587);
        assertThat(smtp.fromDomain()).isEqualTo("acme.example");
        assertThat(smtp.username()).contains("mailer");
        assertThat(smtp.startTls()).isTrue();
        assertThat(config.retry()).isEqualTo(new RetryPolicy(Duration.ofMillis(500), Duration.ofMinutes(1), 5,
                Duration.ofMinutes(2)));
        assertThat(config.maxPendingPerPartition()).isEqualTo(200);
        assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.producerOverrides()).containsEntry("linger.ms", "20");
        assertThat(config.consumerOverrides()).containsEntry("max.poll.records", "100");
    }

    @Test
    void shouldDefaultToNoEndpointsAndTheDefaultRetryPolicy() {
        DeliveryConfig config = DeliveryConfig.fromEnvironment(Map.of());

        assertThat(config.bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(config.groupId()).isEqualTo("userops-delivery");
        assertThat(config.webhooks().endpointFor("any")).isEmpty();
        assertThat(config.smtp()).isEmpty();
        assertThat(config.retry()).isEqualTo(RetryPolicy.DEFAULT);
    }

    @Test
    void shouldHideSecretsWhenPrinted() {
        DeliveryConfig config = DeliveryConfig.fromEnvironment(Map.of(
                "USEROPS_TRIGGER_WEBHOOK_URL", "https://hooks.example/T000/B000/tokenInPath",
                "USEROPS_TRIGGER_WEBHOOK_SECRET", SECRET,
                "USEROPS_TRIGGER_SMTP_HOST", "smtp.example",
                "USEROPS_TRIGGER_SMTP_FROM", "hello@acme.example",
                "USEROPS_TRIGGER_SMTP_USERNAME", "mailer",
                "USEROPS_TRIGGER_SMTP_PASSWORD", "hunter2-smtp",
                "USEROPS_TRIGGER_DELIVERY_CONSUMER_SASL_JAAS_CONFIG", "password=\"kafka-secret\""));

        String printed = config.toString();

        assertThat(printed).doesNotContain("MfKQ9r8", "hunter2-smtp", "kafka-secret", "tokenInPath")
                .contains("https://hooks.example", "smtp.example", "sasl.jaas.config");
    }

    @Test
    void shouldNameTheVariableThatIsMissingOrWrong() {
        assertThatThrownBy(() -> DeliveryConfig.fromEnvironment(Map.of("USEROPS_TRIGGER_WEBHOOK_URL", "https://h.example")))
                .hasMessageContaining("USEROPS_TRIGGER_WEBHOOK_SECRET");
        assertThatThrownBy(() -> DeliveryConfig.fromEnvironment(Map.of("USEROPS_TRIGGER_SMTP_HOST", "smtp.example")))
                .hasMessageContaining("USEROPS_TRIGGER_SMTP_FROM");
        assertThatThrownBy(() -> DeliveryConfig.fromEnvironment(Map.of("USEROPS_TRIGGER_SMTP_HOST", "smtp.example",
                "USEROPS_TRIGGER_SMTP_FROM", "a@b.example", "USEROPS_TRIGGER_SMTP_STARTTLS", "yes")))
                .hasMessageContaining("USEROPS_TRIGGER_SMTP_STARTTLS");
        assertThatThrownBy(() -> DeliveryConfig.fromEnvironment(Map.of("USEROPS_TRIGGER_WEBHOOK_CAMPAIGNS",
                "winback=https://crm.example/in"))).hasMessageContaining("winback");
        assertThatThrownBy(() -> DeliveryConfig.fromEnvironment(Map.of("USEROPS_TRIGGER_RETRY_MAX_ATTEMPTS", "many")))
                .hasMessageContaining("USEROPS_TRIGGER_RETRY_MAX_ATTEMPTS");
        assertThatThrownBy(() -> DeliveryConfig.fromEnvironment(Map.of("USEROPS_TRIGGER_WEBHOOK_URL", "ftp://h.example",
                "USEROPS_TRIGGER_WEBHOOK_SECRET", SECRET))).hasMessageContaining("http or https");
    }
}
