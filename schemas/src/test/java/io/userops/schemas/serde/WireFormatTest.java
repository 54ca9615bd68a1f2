package io.userops.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userops.avro.TagChange;
import io.userops.schemas.Fixtures;
import io.userops.schemas.registry.Compatibility;
import io.userops.schemas.registry.LocalSchemaRegistryClient;
import io.userops.schemas.registry.RegisteredSchema;
import io.userops.schemas.registry.SchemaRegistryState;
import java.util.Arrays;
import java.util.HexFormat;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WireFormatTest {

    private static final Schema PING = new Schema.Parser().parse("""
            {"type":"record","name":"Ping","namespace":"test","fields":[
              {"name":"id","type":"string"},{"name":"n","type":"long"}]}""");

    private final SchemaRegistryState state = new SchemaRegistryState(Compatibility.BACKWARD);
    private final LocalSchemaRegistryClient registry = new LocalSchemaRegistryClient(state);

    @ParameterizedTest(name = "id={0} n={1} -> {2}")
    @CsvSource({
        // magic | schema id (4 bytes, big endian) | "ab" (zigzag length 2 = 04, 'a', 'b') | n (zigzag varint)
        "1,   1,   00 00000001 04 6162 02",
        "1,   -1,  00 00000001 04 6162 01",
        "1,   64,  00 00000001 04 6162 8001",
        "258, 0,   00 00000102 04 6162 00",
        "16909060, -65, 00 01020304 04 6162 8101",
    })
    void shouldWriteMagicByteBigEndianSchemaIdThenAvroBinary(int schemaId, long n, String expectedHex) {
        state.apply(new RegisteredSchema("pings-value", 1, schemaId, PING));
        GenericRecord ping = new GenericData.Record(PING);
        ping.put("id", "ab");
        ping.put("n", n);

        byte[] bytes = AvroSerde.generic(registry, false).serializer().serialize("pings", ping);

        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo(expectedHex.replace(" ", ""));
    }

    @Test
    void shouldReadTheSameBytesBackIntoTheSameRecord() {
        state.apply(new RegisteredSchema("pings-value", 1, 7, PING));
        byte[] bytes = HexFormat.of().parseHex("000000000704616202");

        GenericRecord ping = AvroSerde.generic(registry, false).deserializer().deserialize("pings", bytes);

        assertThat(ping.get("id").toString()).isEqualTo("ab");
        assertThat(ping.get("n")).isEqualTo(1L);
    }

    @Test
    void shouldRegisterUnderTheTopicValueSubjectOnFirstUse() {
        AvroSerde.specific(TagChange.class, registry, true).serializer().serialize("userops.tag-changes.v1", Fixtures.tagChange());

        assertThat(registry.subjects()).containsExactly("userops.tag-changes.v1-value");
    }

    @Test
    void shouldRefuseToWriteAnUnregisteredSchemaWhenAutoRegistrationIsOff() {
        assertThatThrownBy(() -> AvroSerde.specific(TagChange.class, registry, false).serializer()
                .serialize("userops.tag-changes.v1", Fixtures.tagChange()))
                .hasMessageContaining("userops.tag-changes.v1-value")
                .hasMessageContaining("auto-registration is off");
    }

    @Test
    void shouldPassNullThroughAsATombstone() {
        AvroSerde<TagChange> serde = AvroSerde.specific(TagChange.class, registry, true);

        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void shouldWriteKeysUnderTheKeySubjectWhenConfiguredAsKey() {
        AvroSerde<TagChange> serde = AvroSerde.specific(TagChange.class, registry, true);
        serde.configure(java.util.Map.of(), true);

        serde.serializer().serialize("userops.tag-changes.v1", Fixtures.tagChange());

        assertThat(registry.subjects()).containsExactly("userops.tag-changes.v1-key");
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
