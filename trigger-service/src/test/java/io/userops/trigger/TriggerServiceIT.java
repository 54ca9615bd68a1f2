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
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
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

                await().atMost(Duration.ofSeconds(60)).until(() -> of(receiver, "crm").size() == 1
                        && smtp.getReceivedMessages().length == 1);
                WebhookReceiver.Received hook = of(receiver, "crm").get(0);
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
                assertThat(list.path("campaigns").get(0).path("stats"))
                        .isEqualTo(get(service.port(), "/v1/campaigns/welcome/stats"));
                assertThat(status(service.port(), "/v1/campaigns/nope/stats")).isEqualTo(404);
            } finally {
                service.close();
            }

            TriggerService restarted = new TriggerService(config).start();
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> restarted.streams().state() == KafkaStreams.State.RUNNING);
                Thread.sleep(3_000);
                assertThat(of(receiver, "crm")).as("nothing sent twice after a restart").hasSize(1);
                assertThat(smtp.getReceivedMessages()).hasSize(1);
            } finally {
                restarted.close();
            }
        } finally {
            smtp.stop();
        }
    }

    @Test
    void shouldCountEveryInstancesShareOfACampaignWhicheverInstanceIsAsked() throws Exception {
        int users = 12;
        // The group starts where the topic ends now: a first start reads transitions from the latest offset, and
        // the transitions below must not race the instances' first look at where that is.
        for (int partition = 0; partition < 3; partition++) {
            commit("trigger-two-it", Topics.LIFECYCLE_TRANSITIONS.name(), partition,
                    endOffset(Topics.LIFECYCLE_TRANSITIONS.name(), partition));
        }
        try (WebhookReceiver receiver = WebhookReceiver.answering(200)) {
            // Campaign ids of its own: the campaign events topic also holds the other tests' events.
            Campaigns campaigns = CampaignsFile.parse(CAMPAIGNS.replace("id: crm", "id: crm_pair"), "it-campaigns.yaml");
            TriggerConfig config = TriggerConfig.development(0, stack.bootstrapServers(), stack.registryUrl(),
                    dir.resolve("two-a"), campaigns, "it-campaigns.yaml",
                    DeliveryConfig.development(stack.bootstrapServers(), stack.registryUrl())
                            .withWebhooks(WebhookSettings.to(receiver.url(), SECRET)))
                    .withApplicationId("trigger-two-it");
            try (TriggerService a = new TriggerService(config).start();
                 TriggerService b = new TriggerService(new TriggerConfig(config.host(), config.advertisedHost(), 0,
                         config.bootstrapServers(), config.registry(), config.applicationId(), dir.resolve("two-b"),
                         config.campaigns(), config.campaignsFile(), config.delivery(), config.streamsOverrides(),
                         config.guardGroup(), config.freshnessBound())).start()) {
                await().atMost(Duration.ofSeconds(90)).until(() -> a.streams().state() == KafkaStreams.State.RUNNING
                        && b.streams().state() == KafkaStreams.State.RUNNING
                        && a.streams().streamsMetadataForStore("campaign-stats").size() == 2);
                Instant now = Instant.now();
                for (int i = 0; i < users; i++) {
                    String user = "pair-" + i;
                    produce(Topics.LIFECYCLE_TRANSITIONS.name(), user, Topics.LIFECYCLE_TRANSITIONS
                            .valueSerde(stack.registryClient()).serializer().serialize(Topics.LIFECYCLE_TRANSITIONS.name(),
                                    LifecycleTransition.newBuilder().setTransitionId("tr-" + user).setUserId(user)
                                            .setFrom(LifecycleStage.NEW).setTo(LifecycleStage.ACTIVATED)
                                            .setReason("activation_criterion_met").setEventTime(now)
                                            .setProcessingTime(now).build()));
                }
                // A new delivery group reads the messages topic from its start: earlier tests' messages arrive too.
                await().atMost(Duration.ofSeconds(60)).until(() -> of(receiver, "crm_pair").size() == users);

                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    long shareA = forwarded(a.port(), "/v1/campaigns/crm_pair/stats").path("triggered").asLong();
                    long shareB = forwarded(b.port(), "/v1/campaigns/crm_pair/stats").path("triggered").asLong();
                    assertThat(shareA + shareB).isEqualTo(users);
                    assertThat(Math.min(shareA, shareB)).as("neither instance alone holds every count").isLessThan(users);
                    for (TriggerService instance : List.of(a, b)) {
                        JsonNode stats = get(instance.port(), "/v1/campaigns/crm_pair/stats");
                        assertThat(stats.path("triggered").asLong()).isEqualTo(users);
                        assertThat(stats.path("sent").asLong()).isEqualTo(users);
                        assertThat(stats.path("delivered").asLong()).isEqualTo(users);
                        JsonNode listed = get(instance.port(), "/v1/campaigns").path("campaigns").get(1);
                        assertThat(listed.path("id").asText()).isEqualTo("crm_pair");
                        assertThat(listed.path("counts").path("sent").asLong()).isEqualTo(users);
                        // The list's stats are summed from one request to the other instance: the same as /stats.
                        assertThat(listed.path("stats")).isEqualTo(stats);
                    }
                });
            }
        }
    }

    private JsonNode forwarded(int port, String path) throws Exception {
        return json.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header(io.userops.trigger.http.ClusterStats.FORWARDED, "1").GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void shouldHoldASilenceCampaignWhileSegmentationLagsAndSendItOnceWhenItCatchesUp() throws Exception {
        String yaml = """
                campaigns:
                  - id: winback
                    name: Win back
                    trigger:
                      transition:
                        to: DORMANT
                    channel: WEBHOOK
                    message:
                      locales:
                        en:
                          body: "{{user.id}} went quiet"
                """;
        String lagging = "guard-it-segmentation-" + java.util.UUID.randomUUID();
        // The "segmentation" group has consumed everything but an event of ten minutes ago: it is ten minutes behind.
        produce(Topics.EVENTS.name(), 0, Instant.now().minus(Duration.ofMinutes(10)), new byte[] {0});
        long end = endOffset(Topics.EVENTS.name(), 0);
        commit(lagging, Topics.EVENTS.name(), 0, end - 1);
        try (WebhookReceiver receiver = WebhookReceiver.answering(200)) {
            TriggerConfig config = TriggerConfig.development(0, stack.bootstrapServers(), stack.registryUrl(),
                    dir.resolve("guard-state"), CampaignsFile.parse(yaml, "guard.yaml"), "guard.yaml",
                    DeliveryConfig.development(stack.bootstrapServers(), stack.registryUrl())
                            .withWebhooks(WebhookSettings.to(receiver.url(), SECRET)))
                    .withApplicationId("trigger-guard-it").withGuard(lagging, Duration.ofSeconds(60));
            try (TriggerService service = new TriggerService(config).start()) {
                await().atMost(Duration.ofSeconds(60)).until(() -> service.streams().state() == KafkaStreams.State.RUNNING
                        && get(service.port(), "/v1/campaigns").path("guard").path("holding").asBoolean());
                assertThat(get(service.port(), "/v1/campaigns").path("guard").path("reason").asText())
                        .contains(lagging).contains("bound of 60 s");
                Instant now = Instant.now();
                produce(Topics.LIFECYCLE_TRANSITIONS.name(), "quiet-1", Topics.LIFECYCLE_TRANSITIONS
                        .valueSerde(stack.registryClient()).serializer().serialize(Topics.LIFECYCLE_TRANSITIONS.name(),
                                LifecycleTransition.newBuilder().setTransitionId("tr-quiet-1").setUserId("quiet-1")
                                        .setFrom(LifecycleStage.AT_RISK).setTo(LifecycleStage.DORMANT)
                                        .setReason("silent_threshold").setCauseTimerAt(now).setEventTime(now)
                                        .setProcessingTime(now).build()));
                await().atMost(Duration.ofSeconds(30)).until(() -> service.guard().held() > 0);
                Thread.sleep(3_000);
                assertThat(winbacks(receiver)).as("held while the data is stale").isEmpty();

                commit(lagging, Topics.EVENTS.name(), 0, end);
                await().atMost(Duration.ofSeconds(60)).until(() -> winbacks(receiver).size() == 1);
                assertThat(get(service.port(), "/v1/campaigns").path("guard").path("holding").asBoolean()).isFalse();
                Thread.sleep(3_000);
                assertThat(winbacks(receiver)).as("released once").hasSize(1);
                assertThat(winbacks(receiver).get(0).header("webhook-id"))
                        .isEqualTo(PendingSend.messageId("winback", "quiet-1", "tr-quiet-1"));
            }
        }
    }

    private static List<WebhookReceiver.Received> winbacks(WebhookReceiver receiver) {
        return of(receiver, "winback");
    }

    /** One campaign's webhooks: a new delivery group also reads the other tests' messages, at least once. */
    private static List<WebhookReceiver.Received> of(WebhookReceiver receiver, String campaignId) {
        return receiver.received().stream().filter(r -> r.body().contains("\"campaignId\":\"" + campaignId + "\""))
                .toList();
    }

    private void produce(String topic, int partition, Instant at, byte[] value) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, partition, at.toEpochMilli(), "guard-it", value)).get();
        }
    }

    private long endOffset(String topic, int partition) throws Exception {
        TopicPartition tp = new TopicPartition(topic, partition);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            return consumer.endOffsets(List.of(tp)).get(tp);
        }
    }

    private void commit(String group, String topic, int partition, long offset) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.commitSync(Map.of(new TopicPartition(topic, partition), new OffsetAndMetadata(offset)));
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
