package io.userops.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.userops.avro.CampaignEvent;
import io.userops.avro.CampaignEventKind;
import io.userops.avro.Channel;
import io.userops.avro.EventType;
import io.userops.avro.LifecycleStage;
import io.userops.avro.LifecycleTransition;
import io.userops.avro.MessageRequest;
import io.userops.avro.TagChange;
import io.userops.avro.TagChangeKind;
import io.userops.avro.TrackedEvent;
import io.userops.avro.UserProfile;
import io.userops.schemas.Fixtures;
import io.userops.schemas.registry.LocalSchemaRegistryClient;
import io.userops.schemas.serde.RandomRecords.Values;
import io.userops.schemas.serde.coverage.Coverage;
import io.userops.schemas.serde.coverage.WideUnion;
import io.userops.schemas.serde.coverage.WithDecimal;
import io.userops.schemas.serde.coverage.WithLocalTimestamp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The compiled write plan against Avro's {@link SpecificDatumWriter}: the same bytes for every
 * record type of the contract (and a test schema with every supported kind of value), read back
 * equal by the serde; everything else left to {@code SpecificDatumWriter}.
 */
class SpecificRecordWriterTest {

    /** The record types of the contract, each with a property below. */
    private static final List<Class<? extends SpecificRecord>> CONTRACT_RECORDS = List.of(TrackedEvent.class,
            LifecycleTransition.class, TagChange.class, UserProfile.class, MessageRequest.class, CampaignEvent.class);

    private static final LocalSchemaRegistryClient REGISTRY = new LocalSchemaRegistryClient();
    private static final Map<Class<?>, AvroSerde<?>> SERDES = new ConcurrentHashMap<>();

    static {
        RandomRecords.trustTestClasses();
    }

    // ---- every record type of the contract, and the coverage schema: same bytes, read back equal ----

    @Property(tries = 400)
    void shouldWriteAnyTrackedEventAsSpecificDatumWriterDoes(@ForAll("trackedEvents") TrackedEvent record) {
        assertSameBytesAndReadBack(record);
    }

    @Property(tries = 300)
    void shouldWriteAnyLifecycleTransitionAsSpecificDatumWriterDoes(
            @ForAll("lifecycleTransitions") LifecycleTransition record) {
        assertSameBytesAndReadBack(record);
    }

    @Property(tries = 300)
    void shouldWriteAnyTagChangeAsSpecificDatumWriterDoes(@ForAll("tagChanges") TagChange record) {
        assertSameBytesAndReadBack(record);
    }

    @Property(tries = 300)
    void shouldWriteAnyUserProfileAsSpecificDatumWriterDoes(@ForAll("userProfiles") UserProfile record) {
        assertSameBytesAndReadBack(record);
    }

    @Property(tries = 300)
    void shouldWriteAnyMessageRequestAsSpecificDatumWriterDoes(@ForAll("messageRequests") MessageRequest record) {
        assertSameBytesAndReadBack(record);
    }

    @Property(tries = 300)
    void shouldWriteAnyCampaignEventAsSpecificDatumWriterDoes(@ForAll("campaignEvents") CampaignEvent record) {
        assertSameBytesAndReadBack(record);
    }

    @Property(tries = 300)
    void shouldWriteEveryKindOfValueAsSpecificDatumWriterDoes(@ForAll("coverage") Coverage record) {
        assertSameBytesAndReadBack(record);
    }

    @Provide
    Arbitrary<TrackedEvent> trackedEvents() {
        return RandomRecords.of(TrackedEvent.class, Values.READABLE);
    }

    @Provide
    Arbitrary<LifecycleTransition> lifecycleTransitions() {
        return RandomRecords.of(LifecycleTransition.class, Values.READABLE);
    }

    @Provide
    Arbitrary<TagChange> tagChanges() {
        return RandomRecords.of(TagChange.class, Values.READABLE);
    }

    @Provide
    Arbitrary<UserProfile> userProfiles() {
        return RandomRecords.of(UserProfile.class, Values.READABLE);
    }

    @Provide
    Arbitrary<MessageRequest> messageRequests() {
        return RandomRecords.of(MessageRequest.class, Values.READABLE);
    }

    @Provide
    Arbitrary<CampaignEvent> campaignEvents() {
        return RandomRecords.of(CampaignEvent.class, Values.READABLE);
    }

    @Provide
    Arbitrary<Coverage> coverage() {
        return RandomRecords.of(Coverage.class, Values.READABLE);
    }

    @Test
    void shouldHaveAPropertyForEveryRecordSchemaOfTheContract() throws Exception {
        Path avro = Path.of(SpecificRecordWriterTest.class.getResource("/avro").toURI());
        ObjectMapper json = new ObjectMapper();
        Set<String> records;
        try (Stream<Path> files = Files.list(avro)) {
            records = files.filter(f -> f.toString().endsWith(".avsc")).map(f -> {
                try {
                    return json.readTree(f.toFile());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).filter(schema -> "record".equals(schema.path("type").asText()))
                    .map(schema -> schema.path("namespace").asText() + "." + schema.path("name").asText())
                    .collect(Collectors.toSet());
        }

        assertThat(records).containsExactlyInAnyOrderElementsOf(
                CONTRACT_RECORDS.stream().map(Class::getName).toList());
        assertThat(CONTRACT_RECORDS).allSatisfy(type ->
                assertThat(SpecificRecordWriter.forSchema(schemaOf(type)).fallbackReason()).isEmpty());
    }

    // ---- any value, readable back or not: the same bytes, or the same failure ----

    @Property(tries = 500)
    void shouldWriteAnyValueAsSpecificDatumWriterDoesOrFailAsItFails(@ForAll("anyRecords") SpecificRecord record) {
        String expected = outcome(() -> avroBytes(record));
        SpecificRecordWriter writer = SpecificRecordWriter.forSchema(record.getSchema());

        assertThat(outcome(() -> writer.toBytes(record))).isEqualTo(expected);
        if (expected.startsWith("bytes")) {
            // Written by the plan, not by the fallback.
            assertThat(writer.recordsWrittenByFallback()).isZero();
        } else {
            assertThatThrownBy(() -> writer.writeCompiled(record, new BinarySink(16))).isInstanceOf(RuntimeException.class);
        }
    }

    @Provide
    Arbitrary<SpecificRecord> anyRecords() {
        List<Arbitrary<? extends SpecificRecord>> all = Stream.concat(CONTRACT_RECORDS.stream(), Stream.of(Coverage.class))
                .<Arbitrary<? extends SpecificRecord>>map(type -> RandomRecords.of(type, Values.ANY))
                .toList();
        return Arbitraries.oneOf(all);
    }

    // ---- examples ----

    static Stream<Arguments> everyEnumValueOfEveryRecord() {
        return Stream.of(
                values(EventType.values(), v -> TrackedEvent.newBuilder(Fixtures.trackedEvent()).setType(v).build()),
                values(LifecycleStage.values(), v -> LifecycleTransition.newBuilder(Fixtures.lifecycleTransition())
                        .setFrom(v).setTo(v).build()),
                values(TagChangeKind.values(), v -> TagChange.newBuilder(Fixtures.tagChange()).setChange(v).build()),
                values(LifecycleStage.values(), v -> UserProfile.newBuilder(Fixtures.userProfile()).setStage(v).build()),
                values(Channel.values(), v -> MessageRequest.newBuilder(Fixtures.messageRequest()).setChannel(v).build()),
                values(CampaignEventKind.values(), v -> CampaignEvent.newBuilder(Fixtures.campaignEvent()).setKind(v).build()))
                .flatMap(Function.identity());
    }

    private static <E extends Enum<E>> Stream<Arguments> values(E[] constants, Function<E, SpecificRecord> record) {
        return Arrays.stream(constants).map(v -> Arguments.of(named(
                record.apply(v).getSchema().getName() + " with " + v.getDeclaringClass().getSimpleName() + "." + v,
                record.apply(v))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyEnumValueOfEveryRecord")
    void shouldWriteEveryEnumValueAsItsSymbolIndex(SpecificRecord record) {
        assertSameBytesAndReadBack(record);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 62, 63, 64, 65, 300, 70_000})
    void shouldWriteStringsOfAnyLengthAroundAvrosAsciiFastPath(int length) {
        TrackedEvent ascii = TrackedEvent.newBuilder(Fixtures.trackedEvent()).setProperties("a".repeat(length)).build();
        TrackedEvent accented = TrackedEvent.newBuilder(Fixtures.trackedEvent())
                .setProperties("é".repeat(length)).setContext("😀".repeat(length)).build();

        assertSameBytesAndReadBack(ascii);
        assertSameBytesAndReadBack(accented);
    }

    @Test
    void shouldWriteTheFixturesOfEveryRecordType() {
        List.of(Fixtures.trackedEvent(), Fixtures.lifecycleTransition(), Fixtures.tagChange(), Fixtures.userProfile(),
                Fixtures.messageRequest(), Fixtures.campaignEvent()).forEach(this::assertSameBytesAndReadBack);
    }

    // ---- fallbacks ----

    @Test
    void shouldLeaveAUnionOfTwoNonNullBranchesToSpecificDatumWriter() {
        SpecificRecordWriter writer = SpecificRecordWriter.forSchema(WideUnion.SCHEMA$);

        assertThat(writer.isCompiled()).isFalse();
        assertThat(writer.fallbackReason()).hasValueSatisfying(reason ->
                assertThat(reason).contains("union of 3 branches").contains("WideUnion.value"));
        for (Object value : new Object[] {null, "x", 42L}) {
            WideUnion record = new WideUnion("id", value);
            assertThat(writer.toBytes(record)).isEqualTo(avroBytes(record));
            assertReadBack(record);
        }
    }

    @Test
    void shouldLeaveADecimalToSpecificDatumWriter() {
        SpecificRecordWriter writer = SpecificRecordWriter.forSchema(WithDecimal.SCHEMA$);
        WithDecimal record = new WithDecimal("id", new BigDecimal("1234567.89"));

        assertThat(writer.fallbackReason()).hasValueSatisfying(reason ->
                assertThat(reason).contains("decimal").contains("WithDecimal.price"));
        assertThat(writer.toBytes(record)).isEqualTo(avroBytes(record));
        assertReadBack(record);
    }

    @Test
    void shouldLeaveALogicalTypeItDoesNotKnowInsideAUnionToSpecificDatumWriter() {
        SpecificRecordWriter writer = SpecificRecordWriter.forSchema(WithLocalTimestamp.SCHEMA$);
        WithLocalTimestamp record = new WithLocalTimestamp("id", LocalDateTime.parse("2026-11-28T10:15:30.123"));

        assertThat(writer.fallbackReason()).hasValueSatisfying(reason ->
                assertThat(reason).contains("local-timestamp-millis"));
        assertThat(writer.toBytes(record)).isEqualTo(avroBytes(record));
        assertReadBack(record);
    }

    @Test
    void shouldLeaveAnEnumWhoseGeneratedOrderIsNotTheSchemasToSpecificDatumWriter() {
        // TagChange as another version of the schema would have it: the same enum, symbols reordered.
        Schema reordered = new Schema.Parser().parse(TagChange.SCHEMA$.toString()
                .replace("[\"UNKNOWN\",\"ADDED\",\"REMOVED\"]", "[\"UNKNOWN\",\"REMOVED\",\"ADDED\"]"));
        assertThat(reordered.getField("change").schema().getEnumSymbols()).containsExactly("UNKNOWN", "REMOVED", "ADDED");

        SpecificRecordWriter writer = SpecificRecordWriter.forSchema(reordered);

        assertThat(writer.isCompiled()).isFalse();
        assertThat(writer.fallbackReason()).hasValueSatisfying(reason ->
                assertThat(reason).contains("io.userops.avro.TagChangeKind").contains("ADDED has ordinal 1"));
        assertThat(SpecificRecordWriter.forSchema(TagChange.SCHEMA$).isCompiled()).isTrue();
    }

    @Test
    void shouldLeaveGenericRecordsOfASchemaWithoutGeneratedClassesToSpecificDatumWriter() {
        Schema other = new Schema.Parser().parse("""
                {"type":"record","name":"Other","namespace":"x","fields":[{"name":"a","type":["null","string"]}]}""");
        GenericRecord record = new GenericData.Record(other);
        record.put("a", "z");

        SpecificRecordWriter writer = SpecificRecordWriter.forSchema(other);

        assertThat(writer.fallbackReason()).hasValueSatisfying(reason ->
                assertThat(reason).contains("no generated class for RECORD x.Other"));
        assertThat(writer.toBytes(record)).isEqualTo(avroBytes(record));
    }

    @Test
    void shouldWriteAGenericRecordOfAGeneratedSchemaWithSpecificDatumWriter() {
        TagChange specific = Fixtures.tagChange();
        GenericRecord generic = new GenericData.Record(TagChange.SCHEMA$);
        generic.put("userId", specific.getUserId());
        generic.put("tag", specific.getTag());
        generic.put("change", new GenericData.EnumSymbol(TagChange.SCHEMA$.getField("change").schema(), "ADDED"));
        generic.put("kind", new GenericData.EnumSymbol(TagChange.SCHEMA$.getField("kind").schema(),
                specific.getKind().name()));
        generic.put("rule", specific.getRule());
        generic.put("value", specific.getValue());
        generic.put("causeEventId", specific.getCauseEventId());
        generic.put("eventTime", specific.getEventTime().toEpochMilli());
        generic.put("processingTime", specific.getProcessingTime().toEpochMilli());
        SpecificRecordWriter writer = SpecificRecordWriter.forSchema(TagChange.SCHEMA$);

        assertThat(writer.toBytes(generic)).isEqualTo(avroBytes(generic)).isEqualTo(avroBytes(specific));
        assertThat(writer.recordsWrittenByFallback()).isOne();
    }

    @Test
    void shouldFailOnANullInARequiredFieldExactlyAsSpecificDatumWriterDoes() {
        TrackedEvent broken = Fixtures.trackedEvent();
        broken.setSourceId(null);
        SpecificRecordWriter writer = SpecificRecordWriter.forSchema(TrackedEvent.SCHEMA$);

        assertThat(outcome(() -> writer.toBytes(broken))).startsWith("fails").isEqualTo(outcome(() -> avroBytes(broken)));
        assertThat(writer.recordsWrittenByFallback()).isOne();
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void shouldFailOnAValueOfTheWrongTypeExactlyAsSpecificDatumWriterDoes() {
        UserProfile broken = Fixtures.userProfile();
        broken.setTags((List) List.of("ok", 42));
        SpecificRecordWriter writer = SpecificRecordWriter.forSchema(UserProfile.SCHEMA$);

        assertThat(outcome(() -> writer.toBytes(broken))).startsWith("fails").isEqualTo(outcome(() -> avroBytes(broken)));
        assertThat(writer.recordsWrittenByFallback()).isOne();
    }

    @Test
    void shouldFailOnAnInstantBeyondALongOfMillisecondsExactlyAsSpecificDatumWriterDoes() {
        TrackedEvent farFuture = TrackedEvent.newBuilder(Fixtures.trackedEvent()).setSentAt(Instant.MAX).build();
        SpecificRecordWriter writer = SpecificRecordWriter.forSchema(TrackedEvent.SCHEMA$);

        assertThat(outcome(() -> writer.toBytes(farFuture))).startsWith("fails java.lang.ArithmeticException")
                .isEqualTo(outcome(() -> avroBytes(farFuture)));
    }

    @Test
    void shouldWriteTheWireFormatOfAFallbackSchemaThroughTheSerializer() {
        WideUnion record = new WideUnion("id", 7L);
        AvroSerde<WideUnion> serde = AvroSerde.specific(WideUnion.class, REGISTRY, true);

        byte[] wire = serde.serializer().serialize("test.wide-union", record);

        assertThat(Arrays.copyOfRange(wire, WireFormat.HEADER_SIZE, wire.length)).isEqualTo(avroBytes(record));
        assertThat(serde.deserializer().deserialize("test.wide-union", wire)).isEqualTo(record);
    }

    // ---- helpers ----

    /**
     * The plan alone (no fallback) writes what SpecificDatumWriter writes; the serializer writes the
     * header then those bytes; the deserializer reads the record back equal.
     */
    private void assertSameBytesAndReadBack(SpecificRecord record) {
        byte[] expected = avroBytes(record);
        SpecificRecordWriter writer = SpecificRecordWriter.forSchema(record.getSchema());
        BinarySink plan = new BinarySink(16);
        writer.writeCompiled(record, plan);

        assertThat(HexFormat.of().formatHex(plan.toByteArray())).isEqualTo(HexFormat.of().formatHex(expected));
        byte[] wire = serde(record).serializer().serialize(topic(record), record);
        assertThat(Arrays.copyOfRange(wire, WireFormat.HEADER_SIZE, wire.length)).isEqualTo(expected);
        assertThat(serde(record).deserializer().deserialize(topic(record), wire)).isEqualTo(record);
    }

    private void assertReadBack(SpecificRecord record) {
        byte[] wire = serde(record).serializer().serialize(topic(record), record);
        assertThat(serde(record).deserializer().deserialize(topic(record), wire)).isEqualTo(record);
    }

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecord> AvroSerde<T> serde(T record) {
        return (AvroSerde<T>) SERDES.computeIfAbsent(record.getClass(),
                type -> AvroSerde.specific((Class<T>) type, REGISTRY, true));
    }

    private static String topic(SpecificRecord record) {
        return "test." + record.getSchema().getName();
    }

    private static Schema schemaOf(Class<? extends SpecificRecord> type) {
        return org.apache.avro.specific.SpecificData.get().getSchema(type);
    }

    /** What Avro's own writer makes of a record, as AvroSerializer used it before the plan. */
    static byte[] avroBytes(IndexedRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            new SpecificDatumWriter<IndexedRecord>(record.getSchema()).write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** "bytes <hex>" or "fails <exception class>: <message>". */
    private static String outcome(Supplier<byte[]> write) {
        try {
            return "bytes " + HexFormat.of().formatHex(write.get());
        } catch (RuntimeException e) {
            return "fails " + e.getClass().getName() + ": " + e.getMessage();
        }
    }
}
