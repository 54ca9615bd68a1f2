package io.userops.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.userops.avro.LifecycleStage;
import io.userops.avro.LifecycleTransition;
import io.userops.avro.UserProfile;
import io.userops.deploy.EmbeddedStack;
import io.userops.deploy.FreePorts;
import io.userops.rules.yaml.InvalidRulesFileException;
import io.userops.schemas.topics.Topics;
import io.userops.trigger.campaign.Campaigns;
import io.userops.trigger.campaign.PendingSend;
import io.userops.trigger.config.CampaignsFile;
import io.userops.trigger.config.TriggerConfig;
import io.userops.trigger.deliver.DeliveryConfig;
import io.userops.trigger.deliver.QuietLogs;
import io.userops.trigger.deliver.SmtpSettings;
import io.userops.trigger.deliver.WebhookReceiver;
import io.userops.trigger.deliver.WebhookSecret;
import io.userops.trigger.deliver.WebhookSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trigger service on the embedded broker: a lifecycle transition becomes one signed webhook and one email,
 * the campaign events are counted in the stats endpoint, and a restart sends nothing again.
 */
class TriggerServiceIT {

    static final String SECRET = "whsec_" + java.util.Base64.getEncoder().encodeToString("trigger-it-secret-of-32-bytes!!!".getBytes());
    static final String CAMPAIGNS = """
            campaigns:
              - id: welcome
                name: Welcome
                trigger:
                  transition:
                    to: ACTIVATED
                channel: EMAIL
                message:
                  locales:
                    en:
                      subject: "Welcome, {{traits.name}}"
                      body: "Hi {{traits.name}}"
              - id: crm
                name: Tell the CRM
                trigger:
                  transition:
                    to: ACTIVATED
                channel: WEBHOOK
                message:
                  locales:
                    en:
                      body: "{{user.id}} activated"
            """;

    @TempDir
    static Path dir;
    static EmbeddedStack stack;
    final ObjectMapper json = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startBroker() throws Exception {
        QuietLogs.apply();
        stack = EmbeddedStack.start(dir.resolve("stack"), 3);
    }

    @AfterAll
    static void stopBroker() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void shouldTurnATransitionIntoOneSignedWebhookAndOneEmailCountThemAndNotSendThemAgainAfterARestart()
            throws Exception {
        int smtpPort = FreePorts.next();
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try (WebhookReceiver receiver = WebhookReceiver.answering(200)) {
            Campaigns campaigns = CampaignsFile.parse(CAMPAIGNS, "it-campaigns.yaml");
            TriggerConfig config = TriggerConfig.development(0, stack.bootstrapServers(), stack.registryUrl(),
                    dir.resolve("trigger-state"), campaigns, "it-campaigns.yaml",
                    DeliveryConfig.development(stack.bootstrapServers(), stack.registryUrl())
                            .withWebhooks(WebhookSettings.to(receiver.url(), SECRET))
                            .withSmtp(SmtpSettings.plain("127.0.0.1", smtpPort, "hello@acme.example")))
                    .withApplicationId("trigger-it");
            TriggerService service = new TriggerService(config).start();
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> service.streams().state() == KafkaStreams.State.RUNNING);
                await().atMost(Duration.ofSeconds(30)).until(() -> status(service.port(), "/health/ready") == 200);
                Instant now = Instant.now();
                produce(Topics.PROFILES.name(), "ada", Topics.PROFILES.valueSerde(stack.registryClient()).serializer()
                        .serialize(Topics.PROFILES.name(), UserProfile.newBuilder().setUserId("ada")
                                .setStage(LifecycleStage.ACTIVATED).setStageSince(now).setFirstSeenAt(now)
                                .setLastActiveAt(now).setUpdatedAt(now)
                                .setTraits("{\"name\":\"Ada\",\"email\":\"ada@example.org\"}").build()));
                Thread.sleep(500);
                produce(Topics.LIFECYCLE_TRANSITIONS.name(), "ada", Topics.LIFECYCLE_TRANSITIONS
                        .valueSerde(stack.registryClient()).serializer().serialize(Topics.LIFECYCLE_TRANSITIONS.name(),
                                LifecycleTransition.newBuilder().setTransitionId("tr-ada-1").setUserId("ada")
                                        .setFrom(LifecycleStage.NEW).setTo(LifecycleStage.ACTIVATED)
                                        .setReason("activation_criterion_met").setEventTime(now)
                                        .setProcessingTime(now).build()));

                await().atMost(Duration.ofSeconds(60)).until(() -> receiver.received().size() == 1
                        && smtp.getReceivedMessages().length == 1);
                WebhookReceiver.Received hook = receiver.received().get(0);
                assertThat(hook.header("webhook-id")).isEqualTo(PendingSend.messageId("crm", "ada", "tr-ada-1"));
                assertThat(hook.header("webhook-signature")).contains(WebhookSecret.parse(SECRET).signature(
                        hook.header("webhook-id"), Long.parseLong(hook.header("webhook-timestamp")), hook.body()));
                assertThat(json.readTree(hook.body()).path("body").asText()).isEqualTo("ada activated");
                assertThat(smtp.getReceivedMessages()[0].getSubject()).isEqualTo("Welcome, Ada");

                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    JsonNode stats = get(service.port(), "/v1/campaigns/welcome/stats");
                    assertThat(stats.path("triggered").asLong()).isEqualTo(1);
                    assertThat(stats.path("sent").asLong()).isEqualTo(1);
                    assertThat(stats.path("delivered").asLong()).isEqualTo(1);
                });
                JsonNode list = get(service.port(), "/v1/campaigns");
                assertThat(list.path("campaigns")).extracting(c -> c.path("id").asText()).containsExactly("welcome", "crm");
                assertThat(status(service.port(), "/v1/campaigns/nope/stats")).isEqualTo(404);
            } finally {
                service.close();
            }

            TriggerService restarted = new TriggerService(config).start();
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> restarted.streams().state() == KafkaStreams.State.RUNNING);
                Thread.sleep(3_000);
                assertThat(receiver.received()).as("nothing sent twice after a restart").hasSize(1);
                assertThat(smtp.getReceivedMessages()).hasSize(1);
            } finally {
                restarted.close();
            }
        } finally {
            smtp.stop();
        }
    }

    @Test
    void shouldRefuseToStartWithATemplateThatDoesNotCompileNamingTheFileAndLine() {
        Campaigns campaigns = CampaignsFile.parse(CAMPAIGNS.replace("\"Hi {{traits.name}}\"", "\"Hi {{#traits.name}}\""),
                "broken.yaml");
        TriggerConfig config = TriggerConfig.development(0, stack.bootstrapServers(), stack.registryUrl(),
                dir.resolve("broken-state"), campaigns, "broken.yaml",
                DeliveryConfig.development(stack.bootstrapServers(), stack.registryUrl()));

        assertThatThrownBy(() -> new TriggerService(config).start()).isInstanceOf(InvalidRulesFileException.class)
                .hasMessageContaining("broken.yaml:12").hasMessageContaining("never closed");
    }

    private void produce(String topic, String key, byte[] value) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    private int status(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private JsonNode get(int port, String path) throws Exception {
        return json.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET()
                .build(), HttpResponse.BodyHandlers.ofString()).body());
    }
}
