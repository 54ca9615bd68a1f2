package io.userops.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.userops.avro.EventType;
import io.userops.avro.TagChange;
import io.userops.avro.TrackedEvent;
import io.userops.schemas.Fixtures;
import io.userops.schemas.registry.LocalSchemaRegistryClient;
import io.userops.schemas.topics.TopicSpec;
import io.userops.schemas.topics.Topics;
import java.time.Instant;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RoundTripTest {

    private final LocalSchemaRegistryClient registry = new LocalSchemaRegistryClient();

    static Stream<Arguments> everyRecordOfTheContract() {
        return Stream.of(
                Arguments.of(Topics.EVENTS, Fixtures.trackedEvent()),
                Arguments.of(Topics.LIFECYCLE_TRANSITIONS, Fixtures.lifecycleTransition()),
                Arguments.of(Topics.TAG_CHANGES, Fixtures.tagChange()),
                Arguments.of(Topics.PROFILES, Fixtures.userProfile()),
                Arguments.of(Topics.MESSAGES, Fixtures.messageRequest()),
                Arguments.of(Topics.CAMPAIGN_EVENTS, Fixtures.campaignEvent()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyRecordOfTheContract")
    <V extends SpecificRecord> void shouldReadBackEveryFieldOfEveryRecord(TopicSpec<V> topic, V record) {
        var serde = topic.valueSerde(registry);

        byte[] bytes = serde.serializer().serialize(topic.name(), record);
        V read = serde.deserializer().deserialize(topic.name(), bytes);

        assertThat(bytes[0]).isZero();
        assertThat(read).isEqualTo(record);
        assertThat(registry.subjects()).contains(topic.valueSubject());
    }

    @Test
    void shouldReadRecordsWrittenWithTheOlderSchemaOfASubjectFillingDefaults() {
        Schema older = new Schema.Parser().parse("""
                {"type":"record","name":"TagChange","namespace":"io.userops.avro","fields":[
                  {"name":"userId","type":"string"},
                  {"name":"tag","type":"string"},
                  {"name":"change","type":{"type":"enum","name":"TagChangeKind","symbols":["UNKNOWN","ADDED","REMOVED"],"default":"UNKNOWN"}},
                  {"name":"rule","type":"string"},
                  {"name":"eventTime","type":{"type":"long","logicalType":"timestamp-millis"}},
                  {"name":"processingTime","type":{"type":"long","logicalType":"timestamp-millis"}}]}""");
        GenericRecord old = new GenericData.Record(older);
        old.put("userId", "u-1");
        old.put("tag", "night_owl");
        old.put("change", new GenericData.EnumSymbol(older.getField("change").schema(), "REMOVED"));
        old.put("rule", "night_owl");
        old.put("eventTime", 1_000L);
        old.put("processingTime", 2_000L);
        byte[] bytes = AvroSerde.generic(registry, true).serializer().serialize(Topics.TAG_CHANGES.name(), old);

        TagChange read = Topics.TAG_CHANGES.valueSerde(registry).deserializer().deserialize(Topics.TAG_CHANGES.name(), bytes);

        assertThat(read.getTag()).isEqualTo("night_owl");
        assertThat(read.getValue()).isNull();
        assertThat(read.getCauseEventId()).isNull();
        assertThat(read.getEventTime()).isEqualTo(Instant.ofEpochMilli(1_000));
    }

    @Property(tries = 300)
    void shouldKeepAnyTrackedEventIntact(@ForAll("trackedEvents") TrackedEvent event) {
        var serde = Topics.EVENTS.valueSerde(registry);

        TrackedEvent read = serde.deserializer().deserialize(Topics.EVENTS.name(),
                serde.serializer().serialize(Topics.EVENTS.name(), event));

        assertThat(read).isEqualTo(event);
    }

    @Provide
    Arbitrary<TrackedEvent> trackedEvents() {
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(60);
        Arbitrary<String> optional = text.injectNull(0.3);
        Arbitrary<Instant> instants = Arbitraries.longs().between(0, 4_102_444_800_000L).map(Instant::ofEpochMilli);
        return Combinators.combine(text, Arbitraries.of(EventType.class), optional, optional, optional, instants,
                instants.injectNull(0.5), optional).as((id, type, user, anon, json, ts, sentAt, extra) ->
                TrackedEvent.newBuilder()
                        .setSourceId("s")
                        .setType(type)
                        .setMessageId(id)
                        .setUserId(user)
                        .setAnonymousId(anon)
                        .setProperties(json)
                        .setExtra(extra)
                        .setTimestamp(ts)
                        .setSentAt(sentAt)
                        .setReceivedAt(ts)
                        .build());
    }
}
