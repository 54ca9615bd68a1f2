package io.userops.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userops.avro.TagChange;
import io.userops.avro.TrackedEvent;
import io.userops.schemas.Fixtures;
import io.userops.schemas.registry.HttpSchemaRegistryClient;
import io.userops.schemas.registry.LocalSchemaRegistryClient;
import io.userops.schemas.registry.SchemaRegistryConfig;
import io.userops.schemas.registry.SchemaRegistryException;
import io.userops.schemas.serde.WireFormatException.Reason;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.HexFormat;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class MalformedPayloadTest {

    private static final String TOPIC = "userops.tag-changes.v1";

    private final LocalSchemaRegistryClient registry = new LocalSchemaRegistryClient();
    private final AvroSerde<TagChange> serde = AvroSerde.specific(TagChange.class, registry, true);
    private final byte[] valid = serde.serializer().serialize(TOPIC, Fixtures.tagChange());

    @Test
    void shouldRejectAnEmptyPayload() {
        assertReason(new byte[0], Reason.EMPTY_PAYLOAD, "0 bytes");
    }

    @Test
    void shouldRejectAWrongMagicByte() {
        byte[] json = "{\"userId\":\"u-42\"}".getBytes();
        assertReason(json, Reason.WRONG_MAGIC_BYTE, "first byte is 0x7b, expected 0x00");
    }

    @Test
    void shouldRejectAHeaderCutShort() {
        assertReason(new byte[] {0, 0, 0}, Reason.TRUNCATED_HEADER, "3 bytes");
    }

    @Test
    void shouldRejectASchemaIdTheRegistryDoesNotKnow() {
        byte[] unknownId = valid.clone();
        unknownId[4] = 99;
        assertReason(unknownId, Reason.UNKNOWN_SCHEMA_ID, "schema id 99");
    }

    @Test
    void shouldRejectABodyCutShort() {
        assertReason(Arrays.copyOf(valid, valid.length - 3), Reason.TRUNCATED_BODY, "ended inside the record");
    }

    @Test
    void shouldRejectBytesLeftAfterTheRecord() {
        assertReason(WireFormatTest.concat(valid, new byte[] {1, 2}), Reason.TRAILING_BYTES, "bytes left");
    }

    @Test
    void shouldRejectABodyThatIsNotTheWritersRecord() {
        byte[] header = Arrays.copyOf(valid, WireFormat.HEADER_SIZE);
        // zigzag 0x01 = -1: a negative string length for the first field.
        assertReason(WireFormatTest.concat(header, HexFormat.of().parseHex("01ffffff")), Reason.MALFORMED_BODY,
                "not a record of schema id");
    }

    @Test
    void shouldRejectAWriterSchemaTheReaderCannotResolve() {
        Schema other = new Schema.Parser().parse("""
                {"type":"record","name":"Other","namespace":"x","fields":[{"name":"a","type":"int"}]}""");
        int otherId = registry.register("elsewhere-value", other);
        GenericData.Record record = new GenericData.Record(other);
        record.put("a", 1);
        byte[] bytes = AvroSerde.generic(registry, false).serializer().serialize("elsewhere", record);
        assertThat(bytes[4]).isEqualTo((byte) otherId);

        assertReason(bytes, Reason.INCOMPATIBLE_SCHEMA, "cannot be read as io.userops.avro.TagChange");
    }

    @Test
    void shouldReportAnUnreachableRegistryAsARegistryErrorNotABadRecord() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        var unreachable = new HttpSchemaRegistryClient(SchemaRegistryConfig.of("http://127.0.0.1:" + closedPort));
        var deserializer = AvroSerde.specific(TrackedEvent.class, unreachable, true).deserializer();

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, valid))
                .isInstanceOf(SchemaRegistryException.class)
                .isNotInstanceOf(WireFormatException.class)
                .hasMessageContaining("did not answer");
    }

    @Test
    void shouldKeepReadingValidRecordsAfterABadOne() {
        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, new byte[] {9}))
                .isInstanceOf(WireFormatException.class);

        assertThat(serde.deserializer().deserialize(TOPIC, valid)).isEqualTo(Fixtures.tagChange());
    }

    private void assertReason(byte[] payload, Reason reason, String detail) {
        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, payload))
                .isInstanceOf(WireFormatException.class)
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(TOPIC)
                .hasMessageContaining(detail)
                .satisfies(e -> assertThat(((WireFormatException) e).reason()).isEqualTo(reason));
    }
}
