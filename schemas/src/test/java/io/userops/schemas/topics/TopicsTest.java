package io.userops.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.userops.schemas.registry.LocalSchemaRegistryClient;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void shouldNameTheTopicsOfTheArchitecture() {
        assertThat(Topics.ALL).extracting(TopicSpec::name).containsExactly(
                "userops.events.v1", "userops.lifecycle-transitions.v1", "userops.tag-changes.v1",
                "userops.profiles.v1", "userops.messages.v1", "userops.push-outbox.v1", "userops.sms-outbox.v1",
                "userops.campaign-events.v1", "userops.dead-letter.v1");
    }

    @Test
    void shouldCompactOnlyTheProfilesTopic() {
        assertThat(Topics.ALL).filteredOn(t -> t.cleanupPolicy() == TopicSpec.CleanupPolicy.COMPACT)
                .containsExactly(Topics.PROFILES);
        NewTopic profiles = Topics.PROFILES.newTopic(0);
        assertThat(profiles.configs()).containsEntry("cleanup.policy", "compact");
        assertThat(profiles.numPartitions()).isEqualTo(Topics.DEFAULT_PARTITIONS);
        assertThat(Topics.EVENTS.newTopic(6).numPartitions()).isEqualTo(6);
    }

    @Test
    void shouldRegisterOneValueSchemaPerAvroTopicAndNoneForTheDeadLetterTopic() {
        LocalSchemaRegistryClient registry = new LocalSchemaRegistryClient();

        var ids = Topics.registerSchemas(registry);

        assertThat(ids).hasSize(8).doesNotContainKey("userops.dead-letter.v1-value");
        assertThat(ids.get("userops.push-outbox.v1-value")).as("the same schema keeps its id across subjects")
                .isEqualTo(ids.get("userops.messages.v1-value")).isEqualTo(ids.get("userops.sms-outbox.v1-value"));
        assertThat(ids.values().stream().distinct()).hasSize(6);
        assertThat(Topics.registerSchemas(registry)).isEqualTo(ids);
    }

    @Test
    void shouldDocumentEveryFieldAndGiveEveryEnumADefaultAndEveryTimeMillisPrecision() {
        List<String> problems = new ArrayList<>();
        for (TopicSpec<?> topic : Topics.ALL) {
            topic.valueFormat().schema().ifPresent(schema -> inspect(schema, problems));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void shouldRejectTopicNamesOutsideTheConvention() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TopicSpec<>("events", 1,
                        TopicSpec.CleanupPolicy.DELETE, java.util.Map.of(), ValueFormat.rawBytes()))
                .hasMessageContaining("userops.<thing>.v<N>");
    }

    private static void inspect(Schema schema, List<String> problems) {
        switch (schema.getType()) {
            case RECORD -> {
                if (schema.getDoc() == null) {
                    problems.add(schema.getFullName() + " has no doc");
                }
                for (Schema.Field field : schema.getFields()) {
                    if (field.doc() == null || field.doc().isBlank()) {
                        problems.add(schema.getFullName() + "." + field.name() + " has no doc");
                    }
                    if (field.name().toLowerCase().endsWith("at") || field.name().toLowerCase().endsWith("time")
                            || field.name().equals("timestamp") || field.name().equals("stageSince")) {
                        Schema type = nonNull(field.schema());
                        if (!(type.getLogicalType() instanceof LogicalTypes.TimestampMillis)) {
                            problems.add(schema.getFullName() + "." + field.name() + " is not timestamp-millis");
                        }
                    }
                    inspect(field.schema(), problems);
                }
            }
            case ENUM -> {
                if (schema.getEnumDefault() == null) {
                    problems.add(schema.getFullName() + " has no default symbol");
                }
            }
            case UNION -> schema.getTypes().forEach(t -> inspect(t, problems));
            case ARRAY -> inspect(schema.getElementType(), problems);
            default -> {
            }
        }
    }

    private static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        return schema.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst().orElseThrow();
    }
}
