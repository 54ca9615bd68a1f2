package io.userops.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.userops.deploy.EmbeddedStack;
import io.userops.schemas.topics.DeadLetterHeaders;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lag and freshness against a real broker: what a group has not consumed, and for how long. */
class LagMonitorIT {

    static final Instant T0 = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).minus(Duration.ofDays(1));

    @TempDir
    static Path dir;
    static EmbeddedStack stack;

    @BeforeAll
    static void startBroker() throws Exception {
        stack = EmbeddedStack.start(dir.resolve("stack"), 2);
    }

    @AfterAll
    static void stopBroker() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void shouldReportTheRecordsNotConsumedPerPartitionAndTheAgeOfTheOldestOfThem() throws Exception {
        String topic = topic();
        // Partition 0: 10 records a second apart from T0; partition 1: 4 records. The group reads 4 and 4.
        for (int i = 0; i < 10; i++) {
            produce(topic, 0, T0.plusSeconds(i), false);
        }
        for (int i = 0; i < 4; i++) {
            produce(topic, 1, T0.plusSeconds(100 + i), false);
        }
        String group = "lag-it-" + UUID.randomUUID();
        commit(group, Map.of(new TopicPartition(topic, 0), 4L, new TopicPartition(topic, 1), 4L));
        MutableClock clock = new MutableClock(T0.plusSeconds(600));

        try (LagMonitor monitor = new LagMonitor(stack.bootstrapServers(), clock)) {
            List<PartitionLag> lag = monitor.lag(group);

            assertThat(lag).extracting(PartitionLag::partition, PartitionLag::committed, PartitionLag::end,
                    PartitionLag::records).containsExactly(
                            org.assertj.core.groups.Tuple.tuple(0, 4L, 10L, 6L),
                            org.assertj.core.groups.Tuple.tuple(1, 4L, 4L, 0L));
            assertThat(lag.get(0).oldestUnconsumedAt()).as("the 5th record of partition 0").contains(T0.plusSeconds(4));
            assertThat(lag.get(0).age()).isEqualTo(Duration.ofSeconds(596));
            assertThat(lag.get(1).oldestUnconsumedAt()).isEmpty();
            assertThat(lag.get(1).age()).as("caught up").isZero();

            clock.advance(Duration.ofSeconds(90));
            assertThat(monitor.lag(group).get(0).age()).as("grows while the group does not consume")
                    .isEqualTo(Duration.ofSeconds(686));

            commit(group, Map.of(new TopicPartition(topic, 0), 10L));
            assertThat(monitor.lag(group)).allSatisfy(p -> {
                assertThat(p.records()).isZero();
                assertThat(p.age()).isZero();
            });
        }
    }

    @Test
    void shouldNotCountTransactionMarkersAsLagAndFindTheNewestRecordBehindThem() throws Exception {
        String topic = topic();
        for (int i = 0; i < 3; i++) {
            produce(topic, 0, T0.plusSeconds(i), true);
        }
        String group = "lag-it-" + UUID.randomUUID();
        try (KafkaConsumer<String, String> consumer = consumer(group)) {
            consumer.subscribe(List.of(topic));
            int read = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (read < 3 && System.nanoTime() < deadline) {
                read += consumer.poll(Duration.ofMillis(200)).count();
            }
            assertThat(read).isEqualTo(3);
            consumer.commitSync();
        }

        try (LagMonitor monitor = new LagMonitor(stack.bootstrapServers(), Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC))) {
            assertThat(monitor.lag(group)).filteredOn(p -> p.partition() == 0)
                    .singleElement().satisfies(p -> assertThat(p.records()).isZero());
            assertThat(monitor.newestRecordAt(topic)).contains(T0.plusSeconds(2));
            assertThat(monitor.lag("a-group-that-never-committed")).isEmpty();
        }
    }

    @Test
    void shouldCountDeadLettersByStageAndReasonAndMeasureEachGroupsRate() throws Exception {
        String dlq = topic();
        String input = topic();
        deadLetter(dlq, "segmentation", "WRONG_MAGIC_BYTE");
        deadLetter(dlq, "segmentation", "WRONG_MAGIC_BYTE");
        deadLetter(dlq, "delivery", "http_400");
        for (int i = 0; i < 30; i++) {
            produce(input, 0, T0.plusSeconds(i), false);
        }
        String group = "rate-it-" + UUID.randomUUID();
        commit(group, Map.of(new TopicPartition(input, 0), 10L));
        MutableClock clock = new MutableClock(T0.plusSeconds(600));

        try (PipelineMonitor monitor = new PipelineMonitor(stack.bootstrapServers(), List.of(group), input, dlq, clock)) {
            PipelineMonitor.Snapshot first = monitor.read();
            assertThat(first.deadLetters()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "segmentation/WRONG_MAGIC_BYTE", 2L, "delivery/http_400", 1L));
            assertThat(first.recordsPerSecond()).as("no rate before a second reading").isEmpty();
            assertThat(first.records(group)).isEqualTo(20);
            assertThat(first.freshness()).contains(Duration.ofSeconds(600 - 29));

            clock.advance(Duration.ofSeconds(5));
            commit(group, Map.of(new TopicPartition(input, 0), 20L));
            deadLetter(dlq, "delivery", "http_400");
            PipelineMonitor.Snapshot second = monitor.read();

            assertThat(second.recordsPerSecond()).containsEntry(group, 2.0);
            assertThat(second.deadLetters()).containsEntry("delivery/http_400", 2L)
                    .containsEntry("segmentation/WRONG_MAGIC_BYTE", 2L);
            assertThat(second.maxAge(group)).isEqualTo(Duration.ofSeconds(605 - 20));
        }
    }

    private static void deadLetter(String topic, String stage, String reason) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()), new StringSerializer(),
                new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, "k", "as received");
            DeadLetterHeaders.put(record.headers(), DeadLetterHeaders.STAGE, stage);
            DeadLetterHeaders.put(record.headers(), DeadLetterHeaders.REASON, reason);
            producer.send(record).get();
        }
    }

    private static String topic() throws Exception {
        String topic = "lag-it-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        }
        return topic;
    }

    private static void produce(String topic, int partition, Instant at, boolean transactional) throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        if (transactional) {
            config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "lag-it-" + UUID.randomUUID());
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            if (transactional) {
                producer.initTransactions();
                producer.beginTransaction();
            }
            producer.send(new ProducerRecord<>(topic, partition, at.toEpochMilli(), "k", "v")).get();
            if (transactional) {
                producer.commitTransaction();
            }
        }
    }

    private static void commit(String group, Map<TopicPartition, Long> offsets) {
        try (KafkaConsumer<String, String> consumer = consumer(group)) {
            Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
            offsets.forEach((tp, offset) -> commits.put(tp, new OffsetAndMetadata(offset)));
            consumer.commitSync(commits);
        }
    }

    private static KafkaConsumer<String, String> consumer(String group) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"), new StringDeserializer(), new StringDeserializer());
    }

    /** A clock the test moves: the age of a waiting record grows with it. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
