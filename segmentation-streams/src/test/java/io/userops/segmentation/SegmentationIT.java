package io.userops.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.userops.avro.EventType;
import io.userops.avro.LifecycleTransition;
import io.userops.avro.TrackedEvent;
import io.userops.deploy.EmbeddedStack;
import io.userops.deploy.FreePorts;
import io.userops.schemas.topics.DeadLetterHeaders;
import io.userops.schemas.topics.Topics;
import io.userops.segmentation.config.LifecycleRulesFile;
import io.userops.segmentation.config.SegmentationConfig;
import io.userops.segmentation.config.SegmentsFile;
import io.userops.segmentation.config.TagRulesFile;
import io.userops.segmentation.lifecycle.LifecycleRules;
import io.userops.segmentation.profile.ProfileRules;
import io.userops.segmentation.streams.LifecycleSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The segmentation service on the embedded broker: two instances, query routing, failover, dead letters. */
class SegmentationIT {

    static final String FAST_RULES = """
            interval: 1s
            activation:
              keyEvents: ["Project Created"]
              count: 2
              within: 1m
            atRisk:
              silentFor: 4s
              baseline: off
            dormant:
              silentFor: 8s
            churned:
              silentFor: 12s
            """;

    @TempDir
    static Path dir;
    static EmbeddedStack stack;
    static Path rulesFile;
    final ObjectMapper json = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startBroker() throws Exception {
        stack = EmbeddedStack.start(dir.resolve("stack"), 3);
        rulesFile = dir.resolve("fast-lifecycle.yaml");
        Files.writeString(rulesFile, FAST_RULES);
    }

    @AfterAll
    static void stopBroker() {
        if (stack != null) {
            stack.close();
        }
    }

    SegmentationConfig config(String applicationId, String instance) {
        return config(applicationId, instance, LifecycleSettings.live(LifecycleRulesFile.load(rulesFile)));
    }

    SegmentationConfig config(String applicationId, String instance, LifecycleSettings lifecycle) {
        return SegmentationConfig.development(0, stack.bootstrapServers(), stack.registryUrl(),
                        dir.resolve(applicationId + "-" + instance), lifecycle)
                .withApplicationId(applicationId)
                .withStreamsOverrides(Map.of("consumer.session.timeout.ms", "6000",
                        "consumer.heartbeat.interval.ms", "1000"));
    }

    @Test
    void shouldAnswerForAnyUserFromEitherInstanceAndSumCountsOverBoth() throws Exception {
        String app = "seg-it-query-" + UUID.randomUUID();
        List<String> users = IntStream.range(0, 30).mapToObj(i -> "q-" + i + "-" + UUID.randomUUID()).toList();
        // The default rules: these users stay NEW for the whole test, however slow the machine.
        LifecycleSettings defaults = LifecycleSettings.live(LifecycleRules.defaults());
        try (SegmentationService a = new SegmentationService(config(app, "a", defaults)).start();
             SegmentationService b = new SegmentationService(config(app, "b", defaults)).start()) {
            awaitRunningTogether(a, b);
            send(users, Instant.now());

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (String user : users) {
                    assertThat(request(a.port(), "/v1/users/" + user).statusCode()).isEqualTo(200);
                }
            });

            // The topic holds other tests' users too: the fan-out must equal the two local shares.
            JsonNode fromA = get(a.port(), "/v1/lifecycle/stages");
            JsonNode fromB = get(b.port(), "/v1/lifecycle/stages");
            long localA = local(a.port(), "/v1/lifecycle/stages").path("total").asLong();
            long localB = local(b.port(), "/v1/lifecycle/stages").path("total").asLong();
            assertThat(fromA.path("instances").asInt()).isEqualTo(2);
            assertThat(localA).isPositive();
            assertThat(localB).isPositive();
            assertThat(fromA.path("total").asLong()).isEqualTo(localA + localB).isEqualTo(fromB.path("total").asLong());
            assertThat(fromA.path("stages").path("NEW").asLong()).isGreaterThanOrEqualTo(users.size());
            long newOnA = local(a.port(), "/v1/lifecycle/stages").path("stages").path("NEW").asLong();
            assertThat(metric(a.port(), "userops_lifecycle_users{stage=\"NEW\"}")).isEqualTo(newOnA);
            assertThat(metric(a.port(), "userops_lifecycle_transitions_total")
                    + metric(b.port(), "userops_lifecycle_transitions_total")).isGreaterThanOrEqualTo(users.size());
            for (String user : users) {
                for (SegmentationService instance : List.of(a, b)) {
                    HttpResponse<String> answer = request(instance.port(), "/v1/users/" + user);
                    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                    JsonNode body = json.readTree(answer.body());
                    assertThat(body.path("userId").asText()).isEqualTo(user);
                    assertThat(body.path("stage").asText()).isEqualTo("NEW");
                    assertThat(body.path("lastTransitions").get(0).path("reason").asText()).isEqualTo("first_seen");
                }
            }
            HttpResponse<String> unknown = request(a.port(), "/v1/users/nobody-" + UUID.randomUUID());
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(json.readTree(unknown.body()).path("error").path("code").asText()).isEqualTo("unknown_user");
            JsonNode counted = get(a.port(), "/v1/lifecycle/transitions?since=" + Instant.now().minusSeconds(600));
            assertThat(counted.path("transitions").path("NONE->NEW").asLong()).isGreaterThanOrEqualTo(users.size());
            HttpResponse<String> badSince = request(a.port(), "/v1/lifecycle/transitions?since=yesterday");
            assertThat(badSince.statusCode()).isEqualTo(400);
            assertThat(badSince.body()).contains("invalid_since");
            // Per minute, over both instances, the same transitions as the pairs above.
            JsonNode perMinute = get(a.port(), "/v1/lifecycle/transitions/per-minute?since="
                    + Instant.now().minusSeconds(600));
            long pairsTotal = 0;
            for (JsonNode n : (Iterable<JsonNode>) counted.path("transitions")::elements) {
                pairsTotal += n.asLong();
            }
            long minutesTotal = 0;
            for (var minute : (Iterable<java.util.Map.Entry<String, JsonNode>>) perMinute.path("minutes")::fields) {
                assertThat(Instant.parse(minute.getKey()).getEpochSecond() % 60).isZero();
                minutesTotal += minute.getValue().asLong();
            }
            assertThat(minutesTotal).isGreaterThanOrEqualTo(pairsTotal).isGreaterThanOrEqualTo(users.size());

            // The pipeline as data: this application's group has committed every partition of the events topic.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode lag = get(a.port(), "/v1/ops/lag");
                JsonNode group = lag.path("groups").get(0);
                assertThat(group.path("group").asText()).isEqualTo(app);
                List<String> eventPartitions = new java.util.ArrayList<>();
                group.path("partitions").forEach(p -> {
                    if (p.path("topic").asText().equals(Topics.EVENTS.name())) {
                        eventPartitions.add(p.path("partition").asText());
                        assertThat(p.path("records").asLong()).isEqualTo(p.path("end").asLong() - p.path("committed").asLong());
                    }
                });
                assertThat(eventPartitions).containsExactlyInAnyOrder("0", "1", "2");
                assertThat(get(a.port(), "/v1/ops/freshness").path("freshnessSeconds").isNumber()).isTrue();
                JsonNode history = get(a.port(), "/v1/ops/history?minutes=5").path("points");
                assertThat(history.size()).isPositive();
                JsonNode newest = history.get(history.size() - 1);
                assertThat(newest.path("groups").path(app).path("partitions").has(Topics.EVENTS.name() + "/2")).isTrue();
                assertThat(newest.path("topicEnds").path(Topics.EVENTS.name()).asLong()).isGreaterThanOrEqualTo(users.size());
            });
            assertThat(request(a.port(), "/v1/ops/history?minutes=61").statusCode()).isEqualTo(400);
            assertThat(request(a.port(), "/metrics").body()).contains("userops_consumer_lag_records{group=\"" + app + "\"");
        }
    }

    @Test
    void shouldDeadLetterUnreadableRecordsUnderExactlyOnceAndKeepProcessing() throws Exception {
        String app = "seg-it-dlq-" + UUID.randomUUID();
        String badKey = "garbage-" + UUID.randomUUID();
        String user = "after-garbage-" + UUID.randomUUID();
        try (SegmentationService a = new SegmentationService(config(app, "a")).start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> a.streams().state() == KafkaStreams.State.RUNNING);
            try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                raw.send(new ProducerRecord<>(Topics.EVENTS.name(), badKey.getBytes(StandardCharsets.UTF_8),
                        "not avro".getBytes(StandardCharsets.UTF_8))).get();
            }
            send(List.of(user), Instant.now());

            List<ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();
            try (KafkaConsumer<byte[], byte[]> consumer = committedReader(new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(Topics.DEAD_LETTER.name()));
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                        if (r.key() != null && new String(r.key(), StandardCharsets.UTF_8).equals(badKey)) {
                            dead.add(r);
                        }
                    });
                    return !dead.isEmpty();
                });
            }
            ConsumerRecord<byte[], byte[]> record = dead.get(0);
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("not avro");
            assertThat(DeadLetterHeaders.get(record.headers(), DeadLetterHeaders.REASON)).isEqualTo("WRONG_MAGIC_BYTE");
            assertThat(DeadLetterHeaders.get(record.headers(), DeadLetterHeaders.ORIGIN_TOPIC)).isEqualTo(Topics.EVENTS.name());
            assertThat(DeadLetterHeaders.get(record.headers(), DeadLetterHeaders.ORIGIN_OFFSET)).matches("\\d+");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(request(a.port(), "/v1/users/" + user).statusCode()).isEqualTo(200));
        }
    }

    /**
     * Instance B runs in its own JVM and is killed (SIGKILL) while users are walking through their silent
     * thresholds; A takes over B's partitions from the changelog. In read_committed output each user's
     * four transitions appear exactly once, and nothing else.
     */
    @Test
    void shouldEmitEveryExpectedTransitionExactlyOnceWhenAnInstanceIsKilledMidRun() throws Exception {
        String app = "seg-it-kill-" + UUID.randomUUID();
        List<String> users = IntStream.range(0, 60).mapToObj(i -> "k-" + i + "-" + UUID.randomUUID()).toList();
        Process b = null;
        try (SegmentationService a = new SegmentationService(config(app, "a")).start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> a.streams().state() == KafkaStreams.State.RUNNING);
            b = startSeparateInstance(app);
            await().atMost(Duration.ofSeconds(60)).until(() -> a.streams().metadataForAllStreamsClients().size() == 2
                    && a.streams().state() == KafkaStreams.State.RUNNING
                    && a.streams().metadataForLocalThreads().stream().mapToInt(t -> t.activeTasks().size()).sum() < 3);

            Instant start = Instant.now();
            send(users, start);
            Thread.sleep(Duration.ofSeconds(5).toMillis());
            b.destroyForcibly().waitFor();

            Map<String, List<LifecycleTransition>> byUser = new HashMap<>();
            try (KafkaConsumer<String, LifecycleTransition> consumer = committedReader(
                    Topics.LIFECYCLE_TRANSITIONS.valueSerde(stack.registryClient()).deserializer())) {
                consumer.subscribe(List.of(Topics.LIFECYCLE_TRANSITIONS.name()));
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(10)).until(() -> {
                    consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                        if (users.contains(r.key())) {
                            byUser.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
                        }
                    });
                    return byUser.values().stream().mapToInt(List::size).sum() >= users.size() * 4;
                });
                consumer.poll(Duration.ofSeconds(3)).forEach(r -> {
                    if (users.contains(r.key())) {
                        byUser.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
                    }
                });
            }
            assertThat(byUser).hasSize(users.size());
            byUser.forEach((user, transitions) -> {
                assertThat(transitions).extracting(t -> t.getFrom() + "->" + t.getTo())
                        .as("transitions of %s", user)
                        .containsExactly("null->NEW", "NEW->AT_RISK", "AT_RISK->DORMANT", "DORMANT->CHURNED");
                assertThat(transitions).extracting(LifecycleTransition::getTransitionId).doesNotHaveDuplicates();
            });
        } finally {
            if (b != null && b.isAlive()) {
                b.destroyForcibly();
            }
        }
    }

    private Process startSeparateInstance(String app) throws Exception {
        Path log = dir.resolve(app + "-b.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), SegmentationMain.class.getName())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("USEROPS_BOOTSTRAP_SERVERS", stack.bootstrapServers());
        env.put("USEROPS_SCHEMA_REGISTRY_URL", stack.registryUrl());
        env.put("USEROPS_SEGMENTATION_PORT", Integer.toString(FreePorts.next()));
        env.put("USEROPS_SEGMENTATION_APPLICATION_ID", app);
        env.put("USEROPS_SEGMENTATION_STATE_DIR", dir.resolve(app + "-b").toString());
        env.put("USEROPS_SEGMENTATION_RULES", rulesFile.toString());
        env.put("USEROPS_SEGMENTATION_KAFKA_CONSUMER_SESSION_TIMEOUT_MS", "6000");
        env.put("USEROPS_SEGMENTATION_KAFKA_CONSUMER_HEARTBEAT_INTERVAL_MS", "1000");
        return builder.start();
    }

    /**
     * Identity across partitions on a real broker: each anonymous id and its user live on different
     * partitions (most of them on different instances); the link and the merge go through the routing topic.
     */
    @Test
    void shouldMergeAnonymousVisitorsIntoTheirUsersAcrossPartitionsAndCountEveryEventOnce() throws Exception {
        String app = "seg-it-identity-" + UUID.randomUUID();
        int people = 20;
        List<String> anonymous = IntStream.range(0, people).mapToObj(i -> "anon-" + i + "-" + UUID.randomUUID()).toList();
        List<String> users = IntStream.range(0, people).mapToObj(i -> "user-" + i + "-" + UUID.randomUUID()).toList();
        try (SegmentationService a = new SegmentationService(config(app, "a")).start();
             SegmentationService b = new SegmentationService(config(app, "b")).start()) {
            awaitRunningTogether(a, b);
            Instant t = Instant.now().minusSeconds(60);
            List<ProducerRecord<String, TrackedEvent>> records = new java.util.ArrayList<>();
            for (int i = 0; i < people; i++) {
                TrackedEvent firstVisit = identityEvent(EventType.TRACK, null, anonymous.get(i), t);
                records.add(new ProducerRecord<>(Topics.EVENTS.name(), anonymous.get(i), firstVisit));
                records.add(new ProducerRecord<>(Topics.EVENTS.name(), anonymous.get(i), firstVisit));
                records.add(new ProducerRecord<>(Topics.EVENTS.name(), users.get(i),
                        identityEvent(EventType.IDENTIFY, users.get(i), anonymous.get(i), t.plusSeconds(10))));
                records.add(new ProducerRecord<>(Topics.EVENTS.name(), anonymous.get(i),
                        identityEvent(EventType.TRACK, null, anonymous.get(i), t.plusSeconds(20))));
            }
            send(records);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                for (int i = 0; i < people; i++) {
                    JsonNode user = get(i % 2 == 0 ? a.port() : b.port(), "/v1/users/" + users.get(i));
                    assertThat(user.path("counters").path("activityEvents").asLong()).isEqualTo(2);
                    assertThat(user.path("identities").path("linked").get(0).asText()).isEqualTo(anonymous.get(i));
                }
            });
            for (int i = 0; i < people; i++) {
                HttpResponse<String> retired = request(i % 2 == 0 ? b.port() : a.port(), "/v1/users/" + anonymous.get(i));
                assertThat(retired.statusCode()).isEqualTo(404);
                assertThat(json.readTree(retired.body()).path("error").path("code").asText()).isEqualTo("identity_merged");
            }
            assertThat(metric(a.port(), "userops_identity_identifiers_linked_total")
                    + metric(b.port(), "userops_identity_identifiers_linked_total")).isEqualTo(people);
            assertThat(metric(a.port(), "userops_identity_duplicates_dropped_total")
                    + metric(b.port(), "userops_identity_duplicates_dropped_total")).isEqualTo(people);
        }
    }

    @Test
    void shouldServeProfilesTagsAndPagedSegmentsFromEitherInstance() throws Exception {
        String app = "seg-it-profiles-" + UUID.randomUUID();
        SegmentsFile.Definitions definitions = SegmentsFile.parseAll("""
                segments:
                  - name: shanghai_buyers
                    expression: traits.city == "Shanghai" && computed.orders >= 1
                """, "it-segments.yaml");
        LifecycleSettings settings = LifecycleSettings.live(LifecycleRules.defaults()).withMemberships(
                new LifecycleSettings.Memberships(ProfileRules.defaults(), TagRulesFile.defaults(), List.of(),
                        definitions.segments(), 1_000, Duration.ofSeconds(1), Duration.ofSeconds(10)));
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> users = IntStream.range(0, 12).mapToObj(i -> "p-" + run + "-" + i).toList();
        try (SegmentationService a = new SegmentationService(config(app, "a", settings)).start();
             SegmentationService b = new SegmentationService(config(app, "b", settings)).start()) {
            awaitRunningTogether(a, b);
            Instant t = Instant.now().minusSeconds(30);
            List<ProducerRecord<String, TrackedEvent>> records = new java.util.ArrayList<>();
            for (String user : users) {
                records.add(new ProducerRecord<>(Topics.EVENTS.name(), user, identityEvent(EventType.IDENTIFY, user, null, t,
                        "{\"city\":\"Shanghai\",\"age\":30}")));
                TrackedEvent order = TrackedEvent.newBuilder(identityEvent(EventType.TRACK, user, null, t.plusSeconds(5), null))
                        .setEvent("Order Completed").setProperties("{\"revenue\":42.5}").build();
                records.add(new ProducerRecord<>(Topics.EVENTS.name(), user, order));
            }
            send(records);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(get(a.port(), "/v1/segments").path("sizes").path("shanghai_buyers").asLong())
                            .isGreaterThanOrEqualTo(users.size()));
            JsonNode user = get(b.port(), "/v1/users/" + users.get(0));
            assertThat(user.path("traits").path("city").asText()).isEqualTo("Shanghai");
            assertThat(user.path("computedTraits").path("orders").asLong()).isEqualTo(1);
            assertThat(user.path("computedTraits").path("totalRevenue").asDouble()).isEqualTo(42.5);
            assertThat(user.path("tags").toString()).contains("city_shanghai", "age_25_34");
            assertThat(user.path("segments").get(0).asText()).isEqualTo("shanghai_buyers");

            java.util.Set<String> paged = new java.util.TreeSet<>();
            String after = null;
            int pages = 0;
            do {
                JsonNode page = get(pages % 2 == 0 ? a.port() : b.port(), "/v1/segments/shanghai_buyers/users?limit=5"
                        + (after == null ? "" : "&after=" + after));
                page.path("users").forEach(u -> assertThat(paged.add(u.asText())).as("each member once").isTrue());
                after = page.path("next").isNull() ? null : page.path("next").asText();
                pages++;
            } while (after != null && pages < 20);
            assertThat(paged).containsAll(users);
            JsonNode summary = get(a.port(), "/v1/tags/summary");
            assertThat(summary.path("tags").path("city_shanghai").asLong()).isGreaterThanOrEqualTo(users.size());
            assertThat(get(b.port(), "/v1/tags/summary").path("tags").path("city_shanghai").asLong())
                    .isEqualTo(summary.path("tags").path("city_shanghai").asLong());
            HttpResponse<String> unknown = request(a.port(), "/v1/segments/nope/users");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(request(a.port(), "/v1/segments/shanghai_buyers/users?limit=0").statusCode()).isEqualTo(400);

            for (SegmentationService via : List.of(a, b)) {
                String erased = users.get(via == a ? 1 : 2);
                HttpResponse<String> deleted = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + via.port()
                        + "/v1/users/" + erased)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
                assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
                JsonNode receipt = json.readTree(deleted.body());
                assertThat(receipt.path("status").asText()).isEqualTo("erased");
                assertThat(receipt.path("erased").path("lifecycle").asBoolean()).isTrue();
                assertThat(receipt.path("erased").path("profile").asBoolean()).isTrue();
                assertThat(receipt.path("erased").path("segments").get(0).asText()).isEqualTo("shanghai_buyers");
                assertThat(request(via == a ? b.port() : a.port(), "/v1/users/" + erased).statusCode()).isEqualTo(404);
            }
        }
    }

    private static TrackedEvent identityEvent(EventType type, String userId, String anonymousId, Instant at,
            String traits) {
        return TrackedEvent.newBuilder(identityEvent(type, userId, anonymousId, at)).setTraits(traits).build();
    }

    private static TrackedEvent identityEvent(EventType type, String userId, String anonymousId, Instant at) {
        return TrackedEvent.newBuilder().setSourceId("it").setType(type).setMessageId("m-" + UUID.randomUUID())
                .setUserId(userId).setAnonymousId(anonymousId).setEvent(type == EventType.TRACK ? "Page Viewed" : null)
                .setTimestamp(at).setReceivedAt(at).build();
    }

    private void send(List<ProducerRecord<String, TrackedEvent>> records) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        try (KafkaProducer<String, TrackedEvent> producer = new KafkaProducer<>(props, new StringSerializer(),
                Topics.EVENTS.valueSerde(stack.registryClient()).serializer())) {
            records.forEach(producer::send);
            producer.flush();
        }
    }

    private void awaitRunningTogether(SegmentationService a, SegmentationService b) {
        await().atMost(Duration.ofSeconds(60)).until(() -> a.streams().state() == KafkaStreams.State.RUNNING
                && b.streams().state() == KafkaStreams.State.RUNNING
                && a.streams().metadataForAllStreamsClients().size() == 2
                && b.streams().metadataForAllStreamsClients().size() == 2);
    }

    private void send(List<String> users, Instant at) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        try (KafkaProducer<String, TrackedEvent> producer = new KafkaProducer<>(props, new StringSerializer(),
                Topics.EVENTS.valueSerde(stack.registryClient()).serializer())) {
            for (String user : users) {
                producer.send(new ProducerRecord<>(Topics.EVENTS.name(), user, TrackedEvent.newBuilder()
                        .setSourceId("it").setType(EventType.TRACK).setMessageId("m-" + UUID.randomUUID())
                        .setUserId(user).setEvent("Page Viewed").setTimestamp(at).setReceivedAt(at).build()));
            }
            producer.flush();
        }
    }

    @SuppressWarnings("unchecked")
    private <K, V> KafkaConsumer<K, V> committedReader(org.apache.kafka.common.serialization.Deserializer<V> values) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        boolean rawKeys = values instanceof ByteArrayDeserializer;
        return (KafkaConsumer<K, V>) (rawKeys
                ? new KafkaConsumer<>(props, new ByteArrayDeserializer(), values)
                : new KafkaConsumer<>(props, new StringDeserializer(), values));
    }

    private HttpResponse<String> request(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private double metric(int port, String name) throws Exception {
        return request(port, "/metrics").body().lines().filter(line -> line.startsWith(name + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(name.length() + 1))).findFirst().orElseThrow();
    }

    private JsonNode local(int port, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("X-UserOps-Forwarded", "1").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private JsonNode get(int port, String path) throws Exception {
        HttpResponse<String> response = request(port, path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }
}
