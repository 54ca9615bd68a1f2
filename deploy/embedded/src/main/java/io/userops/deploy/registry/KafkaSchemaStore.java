package io.userops.deploy.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.userops.schemas.registry.Compatibility;
import io.userops.schemas.registry.RegisteredSchema;
import io.userops.schemas.registry.SchemaRegistryState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the registry's schemas and compatibility settings in a compacted single-partition Kafka
 * topic, as production registries do, in the record layout of the Confluent Schema Registry's
 * {@code _schemas} topic (JSON keys {@code {"keytype":"SCHEMA","subject","version","magic":1}} and
 * {@code {"keytype":"CONFIG","subject","magic":0}}).
 */
final class KafkaSchemaStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaSchemaStore.class);
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final String topic;
    private final ObjectMapper json = new ObjectMapper();
    private final KafkaProducer<String, String> producer;

    KafkaSchemaStore(String bootstrapServers, String topic) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(WRITE_TIMEOUT.toMillis()));
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    /** Creates the topic if needed and replays it into {@code state}; returns the number of records read. */
    int load(SchemaRegistryState state) {
        createTopicIfMissing();
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        TopicPartition partition = new TopicPartition(topic, 0);
        int read = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    apply(record.key(), record.value(), state);
                    read++;
                }
            }
        }
        log.info("schema registry loaded {} records from {}", read, topic);
        return read;
    }

    /** Writes a new version and waits for the broker's acknowledgement. */
    void append(RegisteredSchema registered) {
        ObjectNode key = json.createObjectNode()
                .put("keytype", "SCHEMA")
                .put("subject", registered.subject())
                .put("version", registered.version())
                .put("magic", 1);
        ObjectNode value = json.createObjectNode()
                .put("subject", registered.subject())
                .put("version", registered.version())
                .put("id", registered.id())
                .put("schemaType", "AVRO")
                .put("schema", registered.schema().toString())
                .put("deleted", false);
        write(key.toString(), value.toString());
    }

    /** Writes a compatibility level for a subject, or the global one when {@code subject} is null. */
    void appendConfig(String subject, Compatibility level) {
        ObjectNode key = json.createObjectNode().put("keytype", "CONFIG").put("magic", 0);
        key.put("subject", subject);
        ObjectNode value = json.createObjectNode().put("compatibilityLevel", level.name());
        write(key.toString(), value.toString());
    }

    private void write(String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, 0, key, value)).get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not write to " + topic + ": " + e.getMessage(), e);
        }
    }

    private void apply(String keyText, String valueText, SchemaRegistryState state) {
        try {
            JsonNode key = json.readTree(keyText);
            if (valueText == null) {
                return;
            }
            JsonNode value = json.readTree(valueText);
            switch (key.path("keytype").asText()) {
                case "SCHEMA" -> {
                    if (!value.path("deleted").asBoolean(false)) {
                        state.apply(new RegisteredSchema(value.path("subject").asText(), value.path("version").asInt(),
                                value.path("id").asInt(), new Schema.Parser().parse(value.path("schema").asText())));
                    }
                }
                case "CONFIG" -> {
                    JsonNode subject = key.path("subject");
                    state.setCompatibility(subject.isNull() || subject.isMissingNode() ? null : subject.asText(),
                            Compatibility.valueOf(value.path("compatibilityLevel").asText()));
                }
                default -> log.warn("ignoring a record of unknown key type in {}", topic);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable record in " + topic, e);
        }
    }

    private void createTopicIfMissing() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            NewTopic newTopic = new NewTopic(topic, 1, (short) -1)
                    .configs(Map.of("cleanup.policy", "compact"));
            admin.createTopics(List.of(newTopic)).all().get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            log.info("created schema topic {}", topic);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create " + topic + ": " + e.getCause(), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + topic, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer in time", e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
