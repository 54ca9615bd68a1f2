package io.userops.ingest.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.userops.avro.TrackedEvent;
import io.userops.ingest.events.EventNormalizer.Accepted;
import io.userops.ingest.events.EventNormalizer.RequestContext;
import io.userops.ingest.source.Source;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * Storing free-form objects as the client sent them must store what writing them out from the tree stores:
 * the same text for a compact body, the same JSON for any other.
 */
class RawFieldsTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-28T12:00:00Z");
    private final ObjectMapper json = io.userops.ingest.IngestService.jsonMapper();
    private final EventNormalizer normalizer = new EventNormalizer(json, Limits.SEGMENT, EventTime.FUTURE_TOLERANCE);

    @Property(tries = 300)
    void shouldStoreTheSameEventFromTheBodysTextAsFromItsTree(@ForAll long seed) throws Exception {
        Random random = new Random(seed);
        ObjectNode body = json.createObjectNode();
        ArrayNode batch = body.putArray("batch");
        int events = 1 + random.nextInt(4);
        for (int i = 0; i < events; i++) {
            batch.add(event(random, i));
        }
        if (random.nextBoolean()) {
            body.set("context", object(random, 2));
        }
        if (random.nextBoolean()) {
            body.putObject("integrations").put("All", random.nextBoolean());
        }
        Source source = random.nextBoolean() ? Source.client("web")
                : new Source("backend", io.userops.ingest.source.SourceKind.SERVER, java.util.OptionalInt.empty());
        String ip = random.nextBoolean() ? "203.0.113." + random.nextInt(255) : null;
        RequestContext request = new RequestContext(source, RECEIVED, ip, false, body);

        // The tree writes text the way this writer does: a body written so is stored byte for byte the same.
        byte[] likeTheTree = json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        // Other encodings of the same JSON (indentation; the UTF-8 writer escapes characters beyond the BMP).
        byte[] pretty = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
        byte[] escaped = json.writeValueAsBytes(body);
        for (byte[] encoding : List.of(likeTheTree, pretty, escaped)) {
            RawFields.Parsed parsed = RawFields.parse(json, encoding, true);
            assertThat(whole(parsed, true)).isEqualTo(json.readTree(encoding));
            List<RawFields> spans = parsed.events();
            assertThat(spans).hasSize(events);
            JsonNode tree = json.readTree(encoding);
            for (int i = 0; i < events; i++) {
                TrackedEvent fromTree = accepted(normalizer.normalize(tree.get("batch").get(i), null, request));
                TrackedEvent fromText = accepted(normalizer.normalize(parsed.root().get("batch").get(i), null, request,
                        spans.get(i)));
                if (encoding == likeTheTree) {
                    assertThat(fromText).isEqualTo(fromTree);
                } else {
                    for (String field : new String[] {"properties", "traits", "context", "integrations"}) {
                        assertThat(sameJson((String) fromText.get(field), (String) fromTree.get(field))).as(field).isTrue();
                        fromText.put(field, fromTree.get(field));
                    }
                    assertThat(fromText).isEqualTo(fromTree);
                }
            }
        }
    }

    @Test
    void shouldKeepTheBytesOfNumbersAndTextAsSent() throws Exception {
        String body = "{\"userId\":\"u\",\"event\":\"E\",\"properties\":{\"price\":1.50,\"big\":12345678901234567890123,"
                + "\"name\":\"caf\\u00e9 \u4e2d\"}}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

        RawFields.Parsed parsed = RawFields.parse(json, bytes, false);
        TrackedEvent event = accepted(normalizer.normalize(parsed.root(), io.userops.avro.EventType.TRACK,
                new RequestContext(Source.client("web"), RECEIVED, null, false, null), parsed.events().get(0)));

        assertThat(event.getProperties())
                .isEqualTo("{\"price\":1.50,\"big\":12345678901234567890123,\"name\":\"caf\\u00e9 \u4e2d\"}");
    }

    @Test
    void shouldAddTheClientsAddressLastAndLeaveAContextWithANullAddressToTheTree() throws Exception {
        RequestContext fromBrowser = new RequestContext(Source.client("web"), RECEIVED, "203.0.113.9", false, null);
        String withLibrary = "{\"userId\":\"u\",\"event\":\"E\",\"context\":{\"library\":{\"name\":\"a.js\"}}}";
        String empty = "{\"userId\":\"u\",\"event\":\"E\",\"context\":{}}";
        String nullIp = "{\"userId\":\"u\",\"event\":\"E\",\"context\":{\"ip\":null,\"locale\":\"de\"}}";

        assertThat(stored(withLibrary, fromBrowser).getContext())
                .isEqualTo("{\"library\":{\"name\":\"a.js\"},\"ip\":\"203.0.113.9\"}");
        assertThat(stored(empty, fromBrowser).getContext()).isEqualTo("{\"ip\":\"203.0.113.9\"}");
        assertThat(stored(nullIp, fromBrowser).getContext()).isEqualTo("{\"ip\":\"203.0.113.9\",\"locale\":\"de\"}");
    }

    @Test
    void shouldFindNoPositionsInABodyThatIsNotUtf8AndNoneForAnItemThatIsNotAnObject() throws Exception {
        String body = "{\"batch\":[{\"userId\":\"u\",\"properties\":{\"a\":1}},7,{\"properties\":{\"b\":2}}]}";

        RawFields.Parsed utf16 = RawFields.parse(json, body.getBytes(StandardCharsets.UTF_16BE), true);
        assertThat(utf16.events()).isEmpty();
        assertThat(whole(utf16, true)).isEqualTo(json.readTree(body));
        List<RawFields> spans = RawFields.parse(json, body.getBytes(StandardCharsets.UTF_8), true).events();
        assertThat(spans).hasSize(3);
        assertThat(spans.get(0).text("properties")).isEqualTo("{\"a\":1}");
        assertThat(spans.get(1)).isSameAs(RawFields.NONE);
        assertThat(spans.get(2).text("properties")).isEqualTo("{\"b\":2}");
        assertThat(spans.get(2).text("traits")).isNull();
    }

    @Test
    void shouldTakeOnlyCompactTextAsSentAndLeaveIndentedTextToTheTree() throws Exception {
        RequestContext request = new RequestContext(Source.client("web"), RECEIVED, null, false, null);
        String spacesInStrings = "{\"userId\":\"u\",\"event\":\"E\",\"properties\":{\"q\":\"a \\\" {b}\\n\",\"n\":1.50}}";
        String indented = "{\"userId\":\"u\",\"event\":\"E\",\"properties\": { \"q\" : \"a b\",\n \"n\": 1.50 }}";

        assertThat(stored(spacesInStrings, request).getProperties()).isEqualTo("{\"q\":\"a \\\" {b}\\n\",\"n\":1.50}");
        assertThat(stored(indented, request).getProperties()).isEqualTo("{\"q\":\"a b\",\"n\":1.50}");
    }

    @Test
    void shouldParseWhatReadTreeParsesAndFailWhereItFails() throws Exception {
        for (String body : List.of("", "[1,2]", "\"text\"", "{\"batch\":7,\"a\":null}", "{\"batch\":[1,{\"b\":[]}],\"batch\":{}}",
                "{\"context\":{\"a\":1},\"batch\":[{\"traits\":{\"t\":null}}]}")) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            JsonNode expected = json.readTree(bytes);
            JsonNode root = whole(RawFields.parse(json, bytes, true), true);
            assertThat(root == null || root.isMissingNode() ? null : root)
                    .as(body).isEqualTo(expected == null || expected.isMissingNode() ? null : expected);
        }
        for (String broken : List.of("{\"batch\":[{\"a\":1}", "{\"a\":tru}", "{\"a\" 1}")) {
            assertThatThrownBy(() -> json.readTree(broken)).isInstanceOf(com.fasterxml.jackson.core.JacksonException.class);
            assertThatThrownBy(() -> RawFields.parse(json, broken.getBytes(StandardCharsets.UTF_8), true))
                    .as(broken).isInstanceOf(com.fasterxml.jackson.core.JacksonException.class);
        }
    }

    @Test
    void shouldDeadLetterARejectedEventAsItsBytesWereReceived() throws Exception {
        String item = "{\"type\":\"track\",\"userId\":\"u\",\"properties\":{\"a\":1},\"context\":{ \"x\": 2 }}";
        byte[] body = ("{\"batch\":[" + item + "]}").getBytes(StandardCharsets.UTF_8);
        RawFields.Parsed parsed = RawFields.parse(json, body, true);

        EventNormalizer.Outcome outcome = normalizer.normalize(parsed.root().get("batch").get(0), null,
                new RequestContext(Source.client("web"), RECEIVED, null, false, parsed.root()), parsed.events().get(0));

        assertThat(outcome).isInstanceOf(EventNormalizer.Rejected.class);
        assertThat(new String(((EventNormalizer.Rejected) outcome).raw(), StandardCharsets.UTF_8)).isEqualTo(item);
    }

    @Test
    void shouldKeepTheLastOfARepeatedKeyAsTheTreeDoes() throws Exception {
        String body = "{\"userId\":\"u\",\"event\":\"E\",\"properties\":{\"a\":1},\"properties\":{\"b\":2}}";

        assertThat(stored(body, new RequestContext(Source.client("web"), RECEIVED, null, false, null)).getProperties())
                .isEqualTo("{\"b\":2}");
    }

    private TrackedEvent stored(String body, RequestContext request) throws Exception {
        RawFields.Parsed parsed = RawFields.parse(json, body.getBytes(StandardCharsets.UTF_8), false);
        assertThat(whole(parsed, false)).isEqualTo(json.readTree(body));
        return accepted(normalizer.normalize(parsed.root(), io.userops.avro.EventType.TRACK, request,
                parsed.events().get(0)));
    }

    /** The parsed tree with the objects kept as text put back: what {@code readTree} gives for the body. */
    private JsonNode whole(RawFields.Parsed parsed, boolean batch) throws Exception {
        JsonNode root = parsed.root();
        if (root == null || !root.isObject()) {
            return root;
        }
        JsonNode whole = root.deepCopy();
        List<JsonNode> events = new java.util.ArrayList<>();
        if (batch && whole.get("batch") != null && whole.get("batch").isArray()) {
            whole.get("batch").forEach(events::add);
        } else if (!batch) {
            events.add(whole);
        }
        for (int i = 0; i < events.size() && i < parsed.events().size(); i++) {
            for (String field : new String[] {"properties", "traits", "context", "integrations"}) {
                String text = parsed.events().get(i).text(field);
                if (text != null) {
                    ((ObjectNode) events.get(i)).set(field, json.readTree(text));
                }
            }
        }
        return whole;
    }

    private boolean sameJson(String a, String b) throws Exception {
        return a == null ? b == null : json.readTree(a).equals(json.readTree(b));
    }

    private static TrackedEvent accepted(EventNormalizer.Outcome outcome) {
        assertThat(outcome).isInstanceOf(Accepted.class);
        return ((Accepted) outcome).event();
    }

    private ObjectNode event(Random random, int index) {
        ObjectNode event = json.createObjectNode();
        event.put("type", "track").put("event", "Event " + index).put("userId", "u-" + random.nextInt(1000));
        event.put("messageId", "m-" + random.nextLong());
        String[] fields = {"properties", "traits", "context", "integrations"};
        for (String field : fields) {
            if (random.nextInt(4) > 0) {
                event.set(field, object(random, 3));
            }
        }
        if (random.nextInt(5) == 0) {
            event.putObject("context").putNull("ip");
        }
        if (random.nextInt(5) == 0) {
            event.put("somethingElse", random.nextInt());
        }
        return event;
    }

    private ObjectNode object(Random random, int depth) {
        ObjectNode object = json.createObjectNode();
        int fields = random.nextInt(5);
        for (int i = 0; i < fields; i++) {
            String key = text(random);
            switch (random.nextInt(depth > 0 ? 7 : 6)) {
                case 0 -> object.put(key, text(random));
                case 1 -> object.put(key, random.nextLong());
                case 2 -> object.put(key, random.nextDouble() * 1000);
                case 3 -> object.put(key, random.nextBoolean());
                case 4 -> object.putNull(key);
                case 5 -> object.putArray(key).add(text(random)).add(random.nextInt());
                default -> object.set(key, object(random, depth - 1));
            }
        }
        return object;
    }

    private static String text(Random random) {
        String[] pieces = {"a", "Z", " ", "\"", "\\", "/", "\n", "\t", "\u0001", "é", "中", "\uD83D\uDE00", "{", "}", "ip"};
        StringBuilder text = new StringBuilder();
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            text.append(pieces[random.nextInt(pieces.length)]);
        }
        return text.toString();
    }
}
