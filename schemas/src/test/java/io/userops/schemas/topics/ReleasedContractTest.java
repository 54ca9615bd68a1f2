package io.userops.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.userops.schemas.registry.Compatibility;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every topic's current schema must stay FULL-compatible with the schema it was released with
 * (src/test/resources/released-v1): consumers on either side keep working. A change that fails
 * here is a breaking change and belongs on a new topic version, never an edit.
 */
class ReleasedContractTest {

    private static final Map<String, String> RELEASED = Map.of(
            "userops.events.v1", "TrackedEvent",
            "userops.lifecycle-transitions.v1", "LifecycleTransition",
            "userops.tag-changes.v1", "TagChange",
            "userops.profiles.v1", "UserProfile",
            "userops.messages.v1", "MessageRequest",
            "userops.push-outbox.v1", "MessageRequest",
            "userops.sms-outbox.v1", "MessageRequest",
            "userops.campaign-events.v1", "CampaignEvent");

    static Stream<TopicSpec<?>> avroTopics() {
        return Topics.ALL.stream().filter(t -> t.valueFormat().schema().isPresent());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("avroTopics")
    void shouldStayFullyCompatibleWithTheReleasedSchema(TopicSpec<?> topic) throws IOException {
        Schema released = released(RELEASED.get(topic.name()));
        Schema current = topic.valueFormat().schema().orElseThrow();

        assertThat(Compatibility.FULL.violations(current, List.of(released))).isEmpty();
    }

    private static Schema released(String record) throws IOException {
        Schema.Parser parser = new Schema.Parser();
        for (String shared : List.of("EventType", "LifecycleStage", "Channel")) {
            parse(parser, shared);
        }
        return parse(parser, record);
    }

    private static Schema parse(Schema.Parser parser, String name) throws IOException {
        try (InputStream in = ReleasedContractTest.class.getResourceAsStream("/released-v1/" + name + ".avsc")) {
            return parser.parse(in);
        }
    }
}
