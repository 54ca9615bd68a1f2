package io.userops.deploy.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.userops.avro.EventType;
import io.userops.avro.TrackedEvent;
import io.userops.deploy.FreePorts;
import io.userops.schemas.serde.WireFormat;
import io.userops.schemas.topics.Topics;
import io.userops.deploy.traffic.TrafficSimulator;
import io.userops.ingest.config.IngestConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevRuntimeIT {

    @TempDir
    Path home;

    @Test
    void shouldFailBeforeStartingAnythingWhenAPortIsTakenNamingThePortAndItsVariable() throws Exception {
        RuntimeConfig config = config();
        try (ServerSocket taken = new ServerSocket(config.registryPort(), 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> new DevRuntime(config).start())
                    .isInstanceOf(Ports.PortInUseException.class)
                    .hasMessageContaining("port " + config.registryPort() + " (schema registry)")
                    .hasMessageContaining("USEROPS_REGISTRY_PORT");
        }
        assertThat(Ports.isFree(config.kafkaPort())).isTrue();
        assertThat(home.resolve("kafka")).doesNotExist();
    }

    @Test
    void shouldCarryTrackedEventsInTheWireFormatAndFindTopicsSchemasAndEventsAgainAfterARestart() throws Exception {
        RuntimeConfig config = config();
        TrackedEvent event = completeEvent();
        Map<String, Integer> idsBefore;
        try (DevRuntime runtime = new DevRuntime(config).start()) {
            idsBefore = runtime.schemaIds();
            assertThat(idsBefore).as("a subject per Avro topic").hasSize(8);
            assertCatalogTopics(runtime.bootstrapServers(), config.partitions());
            produce(runtime, event);

            List<ConsumerRecord<String, byte[]>> raw = read(runtime.bootstrapServers(), new ByteArrayDeserializer(), 1);
            byte[] bytes = raw.get(0).value();
            assertThat(raw.get(0).key()).isEqualTo("u-42");
            assertThat(bytes[0]).isEqualTo(WireFormat.MAGIC_BYTE);
            assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(idsBefore.get("userops.events.v1-value"));
            HttpClient http = HttpClient.newHttpClient();
            URI user = URI.create(runtime.segmentationUrl() + "/v1/users/u-42");
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(user).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                assertThat(answer.body()).contains("\"firstSeenAt\":\"2026-11-28T10:15:30.123Z\"");
            });
            HttpResponse<String> campaigns = http.send(HttpRequest.newBuilder(URI.create(runtime.triggerUrl()
                    + "/v1/campaigns")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(campaigns.statusCode()).isEqualTo(200);
            assertThat(campaigns.body()).contains("\"id\":\"welcome\"", "\"id\":\"vip_key_users\"");

            TrafficSimulator traffic = new TrafficSimulator(new TrafficSimulator.Config(URI.create(runtime.ingestUrl()),
                    IngestConfig.DEV_WRITE_KEY, 200, 10_000, Duration.ofDays(14), 1e7, 50, 7,
                    TrafficSimulator.Pace.REPLAY_THEN_LIVE), Clock.systemUTC());
            TrafficSimulator.Progress played = traffic.run(300, Duration.ofSeconds(60), Duration.ofSeconds(5), p -> { });
            assertThat(played.eventsSent()).isEqualTo(300);
            assertThat(played.eventsAccepted()).isEqualTo(300);
            assertThat(played.eventsRejected()).isZero();
            assertThat(played.requestsFailed()).isZero();
            assertThat(read(runtime.bootstrapServers(), new ByteArrayDeserializer(), 301)).hasSize(301);
        }

        try (DevRuntime again = new DevRuntime(config).start()) {
            assertThat(again.schemaIds()).isEqualTo(idsBefore);
            Deserializer<TrackedEvent> reader = Topics.EVENTS.valueSerde(again.registryClient()).deserializer();
            List<TrackedEvent> events = read(again.bootstrapServers(), reader, 301).stream()
                    .map(ConsumerRecord::value).toList();
            assertThat(events).hasSize(301).contains(event);
        }
    }

    private RuntimeConfig config() {
        Map<String, String> env = new HashMap<>();
        env.put("USEROPS_HOME", home.toString());
        env.put("USEROPS_KAFKA_PORT", Integer.toString(FreePorts.next()));
        env.put("USEROPS_CONTROLLER_PORT", Integer.toString(FreePorts.next()));
        env.put("USEROPS_REGISTRY_PORT", Integer.toString(FreePorts.next()));
        env.put("USEROPS_INGEST_PORT", Integer.toString(FreePorts.next()));
        env.put("USEROPS_SEGMENTATION_PORT", Integer.toString(FreePorts.next()));
        env.put("USEROPS_TRIGGER_PORT", Integer.toString(FreePorts.next()));
        env.put("USEROPS_SMTP_PORT", Integer.toString(FreePorts.next()));
        env.put("USEROPS_WEBHOOK_PORT", Integer.toString(FreePorts.next()));
        env.put("USEROPS_PARTITIONS", "2");
        return RuntimeConfig.from(env, List.of("up"));
    }

    private static void assertCatalogTopics(String bootstrap, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            var names = Topics.ALL.stream().map(t -> t.name()).toList();
            var described = admin.describeTopics(names).allTopicNames().get();
            assertThat(described).hasSize(Topics.ALL.size()).containsKeys("userops.push-outbox.v1", "userops.sms-outbox.v1");
            described.values().forEach(d -> assertThat(d.partitions()).hasSize(partitions));
            ConfigResource profiles = new ConfigResource(ConfigResource.Type.TOPIC, Topics.PROFILES.name());
            Config config = admin.describeConfigs(List.of(profiles)).all().get().get(profiles);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
        }
    }

    private static void produce(DevRuntime runtime, TrackedEvent event) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, runtime.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(p, Topics.EVENTS.keySerde().serializer(),
                Topics.EVENTS.valueSerde(runtime.registryClient()).serializer())) {
            producer.send(new ProducerRecord<>(Topics.EVENTS.name(), event.getUserId(), event)).get();
        }
    }

    private static <V> List<ConsumerRecord<String, V>> read(String bootstrap, Deserializer<V> values, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, V>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), values)) {
            consumer.subscribe(List.of(Topics.EVENTS.name()));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static TrackedEvent completeEvent() {
        Instant t = Instant.parse("2026-11-28T10:15:30.123Z");
        return TrackedEvent.newBuilder()
                .setSourceId("src-web").setType(EventType.TRACK).setMessageId("m-" + UUID.randomUUID())
                .setUserId("u-42").setAnonymousId("anon-1").setEvent("Order Completed").setName(null)
                .setGroupId(null).setPreviousId(null)
                .setProperties("{\"revenue\":39.95,\"currency\":\"EUR\",\"nested\":{\"a\":[1,2,null]}}")
                .setTraits(null).setContext("{\"timezone\":\"Asia/Shanghai\"}").setIntegrations("{}")
                .setExtra("{\"_metadata\":{}}").setTimestamp(t).setOriginalTimestamp(t).setSentAt(t.plusMillis(5))
                .setReceivedAt(t.plusMillis(9))
                .build();
    }
}
