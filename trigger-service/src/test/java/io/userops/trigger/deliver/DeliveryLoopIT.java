package io.userops.trigger.deliver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.userops.avro.CampaignEvent;
import io.userops.avro.CampaignEventKind;
import io.userops.avro.Channel;
import io.userops.avro.MessageRequest;
import io.userops.deploy.EmbeddedStack;
import io.userops.deploy.FreePorts;
import io.userops.schemas.topics.DeadLetterHeaders;
import io.userops.schemas.topics.Topics;
import io.userops.trigger.deliver.WebhookReceiver.Answer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The delivery loop on the embedded broker, with a real HTTP receiver, GreenMail and the outbox topics. */
class DeliveryLoopIT {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final RetryPolicy FAST = new RetryPolicy(Duration.ofMillis(20), Duration.ofMillis(200), 4,
            Duration.ofSeconds(5));

    @TempDir
    static Path dir;
    static EmbeddedStack stack;

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
    void shouldDeliverEveryChannelRecordTheOutcomesAndDeliverNothingFinishedAgainAfterARestart() throws Exception {
        String group = "delivery-it-" + UUID.randomUUID();
        startGroupAtTheEnd(group);
        int smtpPort = FreePorts.next();
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (WebhookReceiver receiver = WebhookReceiver.answering(200);
             WebhookReceiver refusing = WebhookReceiver.answering(400)) {
            DeliveryConfig config = DeliveryConfig.development(stack.bootstrapServers(), stack.registryUrl())
                    .withGroupId(group)
                    .withWebhooks(WebhookSettings.to(receiver.url(), SECRET).withCampaign("refused", refusing.url(), SECRET))
                    .withSmtp(SmtpSettings.plain("127.0.0.1", smtpPort, "Acme <hello@acme.example>"))
                    .withRetry(FAST)
                    .withShutdownTimeout(Duration.ofSeconds(5));
            List<MessageRequest> webhooks = IntStream.range(0, 3).mapToObj(i -> Messages.webhook("winback")).toList();
            List<MessageRequest> emails = List.of(Messages.email("winback", "ada@example.org"),
                    Messages.email("winback", "grace@example.org"));
            MessageRequest push = Messages.push("winback", "device-token-1");
            MessageRequest sms = Messages.base("winback", Channel.SMS, "+440000000000").build();
            MessageRequest refused = Messages.webhook("refused");
            MessageRequest expired = Messages.base("winback", Channel.WEBHOOK, null)
                    .setNotAfter(Instant.now().minusSeconds(60)).build();
            List<MessageRequest> all = new ArrayList<>(webhooks);
            all.addAll(emails);
            all.addAll(List.of(push, sms, refused, expired));
            String garbageKey = "garbage-" + UUID.randomUUID();
            produce(all);
            produceRaw(garbageKey, "not avro");

            DeliveryLoop loop = DeliveryLoop.start(config, stack.registryClient(), meters, Clock.systemUTC());
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> receiver.received().size() >= 3
                        && smtp.getReceivedMessages().length >= 2);
                assertThat(receiver.received()).extracting(r -> r.header("webhook-id"))
                        .containsExactlyInAnyOrderElementsOf(webhooks.stream().map(MessageRequest::getMessageId).toList());
                assertThat(List.of(smtp.getReceivedMessages())).extracting(m -> m.getHeader(EmailAdapter.MESSAGE_ID_HEADER)[0])
                        .containsExactlyInAnyOrderElementsOf(emails.stream().map(MessageRequest::getMessageId).toList());

                Map<String, CampaignEvent> events = readUntil(Topics.CAMPAIGN_EVENTS.name(),
                        Topics.CAMPAIGN_EVENTS.valueSerde(stack.registryClient()).deserializer(),
                        CampaignEvent::getMessageId, found -> found.size() == all.size(), ids(all));
                for (MessageRequest delivered : concat(webhooks, emails, List.of(push, sms))) {
                    CampaignEvent event = events.get(delivered.getMessageId());
                    assertThat(event.getKind()).as(delivered.getChannel().name()).isEqualTo(CampaignEventKind.DELIVERED);
                    assertThat(event.getUserId()).isEqualTo(delivered.getUserId());
                    assertThat(event.getCampaignId()).isEqualTo("winback");
                    assertThat(event.getTriggerId()).isEqualTo(delivered.getTriggerId());
                }
                assertThat(events.get(refused.getMessageId()).getKind()).isEqualTo(CampaignEventKind.FAILED);
                assertThat(events.get(refused.getMessageId()).getReason()).isEqualTo("http_400");
                assertThat(events.get(expired.getMessageId()).getKind()).isEqualTo(CampaignEventKind.FAILED);
                assertThat(events.get(expired.getMessageId()).getReason()).isEqualTo(FailureReason.EXPIRED);

                Map<String, MessageRequest> pushed = readUntil(Topics.PUSH_OUTBOX.name(),
                        Topics.PUSH_OUTBOX.valueSerde(stack.registryClient()).deserializer(), MessageRequest::getMessageId,
                        found -> found.size() == 1, Set.of(push.getMessageId()));
                assertThat(pushed.get(push.getMessageId())).isEqualTo(push);
                Map<String, MessageRequest> texted = readUntil(Topics.SMS_OUTBOX.name(),
                        Topics.SMS_OUTBOX.valueSerde(stack.registryClient()).deserializer(), MessageRequest::getMessageId,
                        found -> found.size() == 1, Set.of(sms.getMessageId()));
                assertThat(texted.get(sms.getMessageId())).isEqualTo(sms);

                List<ConsumerRecord<byte[], byte[]>> dead = readDeadLetters(Set.of(refused.getUserId(), garbageKey), 2);
                ConsumerRecord<byte[], byte[]> refusedLetter = keyed(dead, refused.getUserId());
                assertThat(DeadLetterHeaders.get(refusedLetter.headers(), DeadLetterHeaders.REASON)).isEqualTo("http_400");
                assertThat(DeadLetterHeaders.get(refusedLetter.headers(), DeadLetterHeaders.STAGE)).isEqualTo("delivery");
                assertThat(DeadLetterHeaders.get(refusedLetter.headers(), DeadLetterHeaders.ORIGIN_TOPIC))
                        .isEqualTo(Topics.MESSAGES.name());
                assertThat(DeadLetterHeaders.get(refusedLetter.headers(), DeadLetterHeaders.ORIGIN_OFFSET)).matches("\\d+");
                assertThat(Topics.MESSAGES.valueSerde(stack.registryClient()).deserializer()
                        .deserialize(Topics.MESSAGES.name(), refusedLetter.value())).as("the record as received").isEqualTo(refused);
                ConsumerRecord<byte[], byte[]> garbageLetter = keyed(dead, garbageKey);
                assertThat(DeadLetterHeaders.get(garbageLetter.headers(), DeadLetterHeaders.REASON)).isEqualTo("WRONG_MAGIC_BYTE");
                assertThat(new String(garbageLetter.value(), StandardCharsets.UTF_8)).isEqualTo("not avro");

                assertThat(meters.get("userops.delivery.delivered").tag("channel", "WEBHOOK").counter().count()).isEqualTo(3);
                assertThat(meters.get("userops.delivery.delivered").tag("channel", "PUSH").counter().count()).isEqualTo(1);
                assertThat(meters.get("userops.delivery.dead.lettered").tag("reason", "http_400").counter().count()).isEqualTo(1);
            } finally {
                loop.close();
            }
            assertThat(loop.isRunning()).isFalse();
            assertThat(loop.failure()).isEmpty();
            assertThat(committedOffsets(group)).as("everything read is finished and committed")
                    .isEqualTo(endOffsets(Topics.MESSAGES.name()));

            MessageRequest afterRestart = Messages.webhook("winback");
            try (DeliveryLoop again = DeliveryLoop.start(config, stack.registryClient(), new SimpleMeterRegistry(),
                    Clock.systemUTC())) {
                produce(List.of(afterRestart));
                await().atMost(Duration.ofSeconds(60)).until(() -> receiver.received().stream()
                        .anyMatch(r -> afterRestart.getMessageId().equals(r.header("webhook-id"))));
                assertThat(again.isRunning()).isTrue();
            }
            assertThat(receiver.received()).as("nothing finished before the restart is sent again").hasSize(4);
            assertThat(refusing.received()).hasSize(1);
            assertThat(smtp.getReceivedMessages()).hasSize(2);
        } finally {
            smtp.stop();
        }
    }

    @Test
    void shouldPauseAPartitionWithTooManyUnfinishedMessagesAndStillDeliverEachOnce() throws Exception {
        String group = "delivery-it-pause-" + UUID.randomUUID();
        startGroupAtTheEnd(group);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        AtomicInteger mostPending = new AtomicInteger();
        try (WebhookReceiver slow = new WebhookReceiver(n -> Answer.slow(200, 50))) {
            DeliveryConfig config = DeliveryConfig.development(stack.bootstrapServers(), stack.registryUrl())
                    .withGroupId(group)
                    .withWebhooks(WebhookSettings.to(slow.url(), SECRET).withConcurrency(1))
                    .withRetry(FAST)
                    .withMaxPendingPerPartition(4)
                    .withConsumerOverrides(Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "4"));
            List<MessageRequest> messages = IntStream.range(0, 60).mapToObj(i -> Messages.webhook("winback")).toList();
            produce(messages);

            try (DeliveryLoop loop = DeliveryLoop.start(config, stack.registryClient(), meters, Clock.systemUTC())) {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> {
                    mostPending.accumulateAndGet((int) meters.get("userops.delivery.pending").gauge().value(), Math::max);
                    return slow.received().size() >= messages.size();
                });
                assertThat(loop.failure()).isEmpty();
            }
            assertThat(slow.received()).extracting(r -> r.header("webhook-id"))
                    .containsExactlyInAnyOrderElementsOf(ids(messages));
            assertThat(mostPending.get()).as("3 partitions x (4 pending + one poll of 4)").isBetween(1, 24);
        }
    }

    @Test
    void shouldFinishShortAttemptsOnCloseAndLeaveLongOnesToTheNextStart() throws Exception {
        String group = "delivery-it-close-" + UUID.randomUUID();
        startGroupAtTheEnd(group);
        try (WebhookReceiver brief = new WebhookReceiver(n -> Answer.slow(200, 1_000));
             WebhookReceiver stuck = new WebhookReceiver(n -> n == 1 ? Answer.slow(200, 30_000) : Answer.status(200))) {
            DeliveryConfig config = DeliveryConfig.development(stack.bootstrapServers(), stack.registryUrl())
                    .withGroupId(group)
                    .withWebhooks(WebhookSettings.to(brief.url(), SECRET).withCampaign("stuck", stuck.url(), SECRET)
                            .withRequestTimeout(Duration.ofSeconds(60)))
                    .withRetry(FAST)
                    .withShutdownTimeout(Duration.ofSeconds(3));
            MessageRequest shortOne = Messages.webhook("winback");
            MessageRequest longOne = Messages.webhook("stuck");
            produce(List.of(shortOne, longOne));

            DeliveryLoop loop = DeliveryLoop.start(config, stack.registryClient(), new SimpleMeterRegistry(),
                    Clock.systemUTC());
            await().atMost(Duration.ofSeconds(30)).until(() -> brief.received().size() == 1 && stuck.received().size() == 1);
            long start = System.nanoTime();
            loop.close();
            Duration closing = Duration.ofNanos(System.nanoTime() - start);

            assertThat(closing).as("bounded by the 3 s shutdown timeout, not the 30 s answer")
                    .isLessThan(Duration.ofSeconds(10));
            Map<String, CampaignEvent> events = readUntil(Topics.CAMPAIGN_EVENTS.name(),
                    Topics.CAMPAIGN_EVENTS.valueSerde(stack.registryClient()).deserializer(), CampaignEvent::getMessageId,
                    found -> found.containsKey(shortOne.getMessageId()), ids(List.of(shortOne, longOne)));
            assertThat(events.get(shortOne.getMessageId()).getKind()).isEqualTo(CampaignEventKind.DELIVERED);
            assertThat(events).doesNotContainKey(longOne.getMessageId());

            try (DeliveryLoop again = DeliveryLoop.start(config, stack.registryClient(), new SimpleMeterRegistry(),
                    Clock.systemUTC())) {
                await().atMost(Duration.ofSeconds(30)).until(() -> stuck.received().size() == 2);
                assertThat(again.isRunning()).isTrue();
            }
            assertThat(stuck.received()).extracting(r -> r.header("webhook-id"))
                    .as("the abandoned message again, under the same id")
                    .containsExactly(longOne.getMessageId(), longOne.getMessageId());
            assertThat(brief.received()).as("the finished one is not sent again").hasSize(1);
        }
    }

    // --- helpers ---

    private static Set<String> ids(List<MessageRequest> messages) {
        return messages.stream().map(MessageRequest::getMessageId).collect(Collectors.toSet());
    }

    @SafeVarargs
    private static List<MessageRequest> concat(List<MessageRequest>... lists) {
        List<MessageRequest> all = new ArrayList<>();
        for (List<MessageRequest> list : lists) {
            all.addAll(list);
        }
        return all;
    }

    private static ConsumerRecord<byte[], byte[]> keyed(List<ConsumerRecord<byte[], byte[]>> records, String key) {
        return records.stream().filter(r -> key.equals(new String(r.key(), StandardCharsets.UTF_8))).findFirst()
                .orElseThrow();
    }

    private void produce(List<MessageRequest> messages) throws Exception {
        Serializer<MessageRequest> values = Topics.MESSAGES.valueSerde(stack.registryClient()).serializer();
        try (KafkaProducer<String, MessageRequest> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                Topics.MESSAGES.keySerde().serializer(), values)) {
            for (MessageRequest message : messages) {
                producer.send(new ProducerRecord<>(Topics.MESSAGES.name(), message.getUserId(), message));
            }
            producer.flush();
        }
    }

    private void produceRaw(String key, String value) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.MESSAGES.name(), key.getBytes(StandardCharsets.UTF_8),
                    value.getBytes(StandardCharsets.UTF_8))).get();
        }
    }

    private <V> Map<String, V> readUntil(String topic, Deserializer<V> values, java.util.function.Function<V, String> id,
            Predicate<Map<String, V>> done, Set<String> wanted) {
        Map<String, V> found = new ConcurrentHashMap<>();
        try (KafkaConsumer<byte[], V> consumer = reader(values)) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<byte[], V> record : consumer.poll(Duration.ofMillis(200))) {
                    String key = id.apply(record.value());
                    if (wanted.contains(key)) {
                        found.put(key, record.value());
                    }
                }
                return done.test(found);
            });
        }
        return found;
    }

    private List<ConsumerRecord<byte[], byte[]>> readDeadLetters(Set<String> keys, int count) {
        List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = reader(new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.DEAD_LETTER.name()));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.key() != null && keys.contains(new String(record.key(), StandardCharsets.UTF_8))) {
                        found.add(record);
                    }
                });
                return found.size() >= count;
            });
        }
        assertThat(found).as("each dead letter once").hasSize(count);
        return found;
    }

    private <V> KafkaConsumer<byte[], V> reader(Deserializer<V> values) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(), values);
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()));
    }

    /** Each test's group starts after what earlier tests produced. */
    private void startGroupAtTheEnd(String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> end = new HashMap<>();
        endOffsets(Topics.MESSAGES.name()).forEach((tp, offset) -> end.put(tp, new OffsetAndMetadata(offset)));
        try (Admin admin = admin()) {
            admin.alterConsumerGroupOffsets(group, end).all().get();
        }
    }

    private Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < 3; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> offsets = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> offsets.put(tp, info.offset()));
            return offsets;
        }
    }

    private Map<TopicPartition, Long> committedOffsets(String group) throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, Long> offsets = new HashMap<>();
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                    .forEach((tp, offset) -> offsets.put(tp, offset.offset()));
            return offsets;
        }
    }
}
