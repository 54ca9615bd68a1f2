package io.userops.segmentation.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userops.deploy.EmbeddedStack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The topology's own topics on the embedded broker: created, usable the moment {@code ensure} returns, checked. */
class RoutingTopicIT {

    @TempDir
    static Path dir;
    static EmbeddedStack stack;
    static Admin admin;

    @BeforeAll
    static void startBroker() throws Exception {
        stack = EmbeddedStack.start(dir.resolve("stack"), 3);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()));
    }

    @AfterAll
    static void stopBroker() {
        if (admin != null) {
            admin.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    /**
     * What the global store does at start-up: a new consumer asks for the partitions of the RFM population topic
     * once, and a start-up on a topic it sees no partitions of fails. Repeated over fresh applications, as the
     * metadata race it guards against only shows now and then.
     */
    @Test
    void shouldReturnOnlyOnceANewConsumerSeesThePartitionsOfBothTopics() {
        for (int i = 0; i < 10; i++) {
            String applicationId = "routing-it-" + i;
            RoutingTopic.ensure(admin, applicationId);
            try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
                assertThat(consumer.partitionsFor(Names.rfmPopulationTopic(applicationId))).hasSize(1);
                assertThat(consumer.partitionsFor(Names.routingTopic(applicationId))).hasSize(3)
                        .allSatisfy(p -> assertThat(p.leader()).isNotNull());
            }
        }
    }

    @Test
    void shouldLeaveExistingTopicsAsTheyAre() throws Exception {
        RoutingTopic.ensure(admin, "routing-it-twice");
        RoutingTopic.ensure(admin, "routing-it-twice");

        assertThat(admin.describeTopics(List.of(Names.routingTopic("routing-it-twice"))).allTopicNames().get()
                .get(Names.routingTopic("routing-it-twice")).partitions()).hasSize(3);
    }

    @Test
    void shouldRefuseARoutingTopicWhosePartitionCountDiffersFromTheEventsTopic() throws Exception {
        admin.createTopics(List.of(new NewTopic(Names.routingTopic("routing-it-mismatch"), 2, (short) 1)))
                .all().get();

        assertThatThrownBy(() -> RoutingTopic.ensure(admin, "routing-it-mismatch"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(Names.routingTopic("routing-it-mismatch") + " has 2 partitions")
                .hasMessageContaining("the events topic 3");
    }

    @Test
    void shouldNameTheTopicWhenItNeverGetsLeaders() {
        assertThatThrownBy(() -> RoutingTopic.awaitLeaders(admin, "never-created", Duration.ofMillis(300)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("never-created")
                .hasMessageContaining("no leader");
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
    }
}
