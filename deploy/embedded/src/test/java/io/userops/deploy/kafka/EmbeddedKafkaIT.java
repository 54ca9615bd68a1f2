package io.userops.deploy.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.userops.deploy.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaIT {

    @TempDir
    Path dataDir;

    @Test
    void shouldFormatOnceAndKeepRecordsAcrossARestartOnTheSameDataDir() throws Exception {
        EmbeddedKafka.Config config = new EmbeddedKafka.Config(dataDir, FreePorts.next(), FreePorts.next());
        try (EmbeddedKafka kafka = new EmbeddedKafka(config).start()) {
            assertThat(dataDir.resolve("kraft-logs/meta.properties")).exists();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("smoke", 2, (short) 1))).all().get();
            }
            try (KafkaProducer<String, String> producer = producer(kafka.bootstrapServers())) {
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>("smoke", "user-" + i, "event-" + i)).get();
                }
            }
        }
        String clusterIdBefore = Files.readString(dataDir.resolve("kraft-logs/meta.properties"));

        try (EmbeddedKafka kafka = new EmbeddedKafka(config).start()) {
            assertThat(Files.readString(dataDir.resolve("kraft-logs/meta.properties"))).isEqualTo(clusterIdBefore);
            assertThat(readAll(kafka.bootstrapServers(), "smoke", 10))
                    .extracting(ConsumerRecord::value)
                    .containsExactlyInAnyOrder("event-0", "event-1", "event-2", "event-3", "event-4",
                            "event-5", "event-6", "event-7", "event-8", "event-9");
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    static List<ConsumerRecord<String, String>> readAll(String bootstrap, String topic, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "smoke-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
