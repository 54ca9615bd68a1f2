package io.userops.ingest.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.userops.avro.EventType;
import io.userops.avro.TrackedEvent;
import io.userops.ingest.IngestService;
import io.userops.ingest.events.EventNormalizer.Accepted;
import io.userops.ingest.events.EventNormalizer.Outcome;
import io.userops.ingest.events.EventNormalizer.Rejected;
import io.userops.ingest.events.EventNormalizer.RequestContext;
import io.userops.ingest.source.Source;
import io.userops.ingest.source.SourceKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventNormalizerTest {

    static final Instant RECEIVED = Instant.parse("2026-11-28T12:00:00Z");
    static final Source WEB = Source.client("web");
    static final Source BACKEND = new Source("backend", SourceKind.SERVER, OptionalInt.empty());

    final ObjectMapper json = IngestService.jsonMapper();
    final EventNormalizer normalizer = new EventNormalizer(json, Limits.SEGMENT, EventTime.FUTURE_TOLERANCE);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "track    | {\"userId\": \"u\", \"event\": \"Signed Up\", \"properties\": {\"plan\": \"pro\"}}",
        "identify | {\"userId\": \"u\", \"traits\": {\"email\": \"a@b.c\", \"age\": 31}}",
        "page     | {\"anonymousId\": \"a\", \"name\": \"Pricing\", \"properties\": {\"path\": \"/pricing\"}}",
        "screen   | {\"anonymousId\": \"a\", \"name\": \"Home\"}",
        "group    | {\"userId\": \"u\", \"groupId\": \"acme\", \"traits\": {\"employees\": 40}}",
        "alias    | {\"userId\": \"u\", \"previousId\": \"a\"}",
    })
    void shouldParseTheBodyOfEveryCall(String type, String body) throws Exception {
        TrackedEvent event = accept(body, EventType.valueOf(type.toUpperCase()), WEB);

        assertThat(event.getType()).isEqualTo(EventType.valueOf(type.toUpperCase()));
        JsonNode raw = json.readTree(body);
        assertThat(event.getUserId()).isEqualTo(raw.has("userId") ? raw.get("userId").asText() : null);
        assertThat(event.getAnonymousId()).isEqualTo(raw.has("anonymousId") ? raw.get("anonymousId").asText() : null);
        assertThat(event.getEvent()).isEqualTo(raw.has("event") ? raw.get("event").asText() : null);
        assertThat(event.getName()).isEqualTo(raw.has("name") ? raw.get("name").asText() : null);
        assertThat(event.getGroupId()).isEqualTo(raw.has("groupId") ? raw.get("groupId").asText() : null);
        assertThat(event.getPreviousId()).isEqualTo(raw.has("previousId") ? raw.get("previousId").asText() : null);
        if (raw.has("properties")) {
            assertThat(json.readTree(event.getProperties())).isEqualTo(raw.get("properties"));
        }
        if (raw.has("traits")) {
            assertThat(json.readTree(event.getTraits())).isEqualTo(raw.get("traits"));
        }
        assertThat(event.getSourceId()).isEqualTo("web");
        assertThat(event.getReceivedAt()).isEqualTo(RECEIVED);
    }

    @Test
    void shouldKeepNumbersExactlyAsSent() {
        TrackedEvent event = accept("{\"userId\": \"u\", \"event\": \"E\", \"properties\": {\"price\": 0.1000000000000000055511151231257827,"
                + " \"big\": 123456789012345678901234567890, \"cents\": 19.90}}", EventType.TRACK, WEB);

        assertThat(event.getProperties()).isEqualTo(
                "{\"price\":0.1000000000000000055511151231257827,\"big\":123456789012345678901234567890,\"cents\":19.90}");
    }

    @Test
    void shouldTakeNumericIdsAsTextAndTreatBlankIdsAsAbsent() {
        TrackedEvent event = accept("{\"userId\": 42, \"anonymousId\": \"  \", \"event\": \"E\"}", EventType.TRACK, WEB);

        assertThat(event.getUserId()).isEqualTo("42");
        assertThat(event.getAnonymousId()).isNull();
    }

    @Test
    void shouldKeepTheClientsMessageIdAndUnknownFieldsAndDropTheWriteKey() throws Exception {
        TrackedEvent event = accept("{\"userId\": \"u\", \"event\": \"E\", \"messageId\": \"ajs-1\", \"writeKey\": \"secret\","
                + " \"_metadata\": {\"unbundled\": []}, \"channel\": \"server\"}", EventType.TRACK, WEB);

        assertThat(event.getMessageId()).isEqualTo("ajs-1");
        assertThat(json.readTree(event.getExtra())).isEqualTo(json.readTree("{\"_metadata\":{\"unbundled\":[]},\"channel\":\"server\"}"));
        assertThat(event.toString()).doesNotContain("secret");
    }

    @Test
    void shouldMergeBatchContextUnderTheEventsOwnAndUseTheBatchSentAt() throws Exception {
        JsonNode envelope = json.readTree("{\"sentAt\": \"2026-11-28T10:00:10Z\", \"context\": {\"locale\": \"zh-CN\","
                + " \"library\": {\"name\": \"analytics-java\"}}, \"integrations\": {\"All\": false}}");
        Outcome outcome = normalizer.normalize(json.readTree("{\"type\": \"track\", \"userId\": \"u\", \"event\": \"E\","
                        + " \"timestamp\": \"2026-11-28T10:00:00Z\", \"context\": {\"locale\": \"en-GB\"}}"), null,
                new RequestContext(WEB, RECEIVED, null, false, envelope));

        TrackedEvent event = ((Accepted) outcome).event();
        assertThat(json.readTree(event.getContext())).isEqualTo(json.readTree(
                "{\"locale\":\"en-GB\",\"library\":{\"name\":\"analytics-java\"}}"));
        assertThat(event.getIntegrations()).isEqualTo("{\"All\":false}");
        assertThat(event.getSentAt()).isEqualTo(Instant.parse("2026-11-28T10:00:10Z"));
        assertThat(event.getTimestamp()).isEqualTo(RECEIVED.minusSeconds(10));
    }

    @Test
    void shouldStampTheSendersAddressForClientSourcesUnlessTheEventHasOne() throws Exception {
        RequestContext request = new RequestContext(WEB, RECEIVED, "203.0.113.9", false, null);
        TrackedEvent stamped = ((Accepted) normalizer.normalize(json.readTree("{\"userId\": \"u\", \"event\": \"E\"}"),
                EventType.TRACK, request)).event();
        TrackedEvent own = ((Accepted) normalizer.normalize(json.readTree(
                "{\"userId\": \"u\", \"event\": \"E\", \"context\": {\"ip\": \"198.51.100.1\"}}"), EventType.TRACK, request)).event();
        TrackedEvent server = ((Accepted) normalizer.normalize(json.readTree("{\"userId\": \"u\", \"event\": \"E\"}"),
                EventType.TRACK, new RequestContext(BACKEND, RECEIVED, "10.0.0.1", false, null))).event();

        assertThat(json.readTree(stamped.getContext()).path("ip").asText()).isEqualTo("203.0.113.9");
        assertThat(json.readTree(own.getContext()).path("ip").asText()).isEqualTo("198.51.100.1");
        assertThat(server.getContext()).isNull();
    }

    @Test
    void shouldCorrectClientSkewButKeepServerAndImportTimes() throws Exception {
        String body = "{\"userId\": \"u\", \"event\": \"E\", \"timestamp\": \"2026-11-20T08:00:00Z\","
                + " \"sentAt\": \"2026-11-20T08:00:30Z\"}";

        assertThat(accept(body, EventType.TRACK, WEB).getTimestamp()).isEqualTo(RECEIVED.minusSeconds(30));
        assertThat(accept(body, EventType.TRACK, BACKEND).getTimestamp()).isEqualTo(Instant.parse("2026-11-20T08:00:00Z"));
        TrackedEvent imported = ((Accepted) normalizer.normalize(json.readTree(body), EventType.TRACK,
                new RequestContext(WEB, RECEIVED, null, true, null))).event();
        assertThat(imported.getTimestamp()).isEqualTo(Instant.parse("2026-11-20T08:00:00Z"));
        assertThat(imported.getOriginalTimestamp()).isEqualTo(Instant.parse("2026-11-20T08:00:00Z"));
    }

    @Test
    void shouldClampAnEventDatedMoreThan23HoursAheadKeepingTheOriginal() {
        TrackedEvent event = accept("{\"userId\": \"u\", \"event\": \"E\", \"timestamp\": \"2027-01-01T00:00:00Z\"}",
                EventType.TRACK, BACKEND);

        assertThat(event.getTimestamp()).isEqualTo(RECEIVED);
        assertThat(event.getFutureTimestampClamped()).isTrue();
        assertThat(event.getOriginalTimestamp()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "no ids                  | {\"event\": \"E\"}                                           | missing_identity",
        "empty ids               | {\"userId\": \"\", \"anonymousId\": \"\", \"event\": \"E\"}  | missing_identity",
        "no event                | {\"userId\": \"u\"}                                          | missing_event",
        "blank event             | {\"userId\": \"u\", \"event\": \" \"}                        | missing_event",
        "userId boolean          | {\"userId\": true, \"event\": \"E\"}                         | invalid_field_type",
        "context a string        | {\"userId\": \"u\", \"event\": \"E\", \"context\": \"x\"}   | invalid_field_type",
        "traits a number         | {\"userId\": \"u\", \"event\": \"E\", \"traits\": 3}        | invalid_field_type",
        "timestamp a number      | {\"userId\": \"u\", \"event\": \"E\", \"timestamp\": 17}    | invalid_timestamp",
        "sentAt not a date       | {\"userId\": \"u\", \"event\": \"E\", \"sentAt\": \"soon\"}  | invalid_timestamp",
        "messageId an object     | {\"userId\": \"u\", \"event\": \"E\", \"messageId\": {}}    | invalid_field_type",
    })
    void shouldRejectATrackCallWithTheCodeOfItsFirstProblem(String what, String body, String code) throws Exception {
        Outcome outcome = normalizer.normalize(json.readTree(body), EventType.TRACK,
                new RequestContext(WEB, RECEIVED, null, false, null));

        assertThat(outcome).isInstanceOfSatisfying(Rejected.class, r -> {
            assertThat(r.rejection().code()).isEqualTo(code);
            assertThat(r.rejection().message()).isNotBlank();
            assertThat(readTree(r.raw())).isEqualTo(readTree(body.getBytes(StandardCharsets.UTF_8)));
        });
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "alias without previousId | {\"type\": \"alias\", \"userId\": \"u\"}                     | missing_previous_id",
        "alias without userId     | {\"type\": \"alias\", \"anonymousId\": \"a\", \"previousId\": \"p\"} | missing_identity",
        "group without groupId    | {\"type\": \"group\", \"userId\": \"u\"}                     | missing_group_id",
        "no type in a batch item  | {\"userId\": \"u\"}                                          | invalid_type",
        "unknown type             | {\"type\": \"jump\", \"userId\": \"u\"}                      | invalid_type",
        "not an object            | [1]                                                          | invalid_field_type",
    })
    void shouldRejectBatchItemsByTheRulesOfTheirType(String what, String body, String code) throws Exception {
        Outcome outcome = normalizer.normalize(json.readTree(body), null, new RequestContext(WEB, RECEIVED, null, false, null));

        assertThat(outcome).isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.rejection().code()).isEqualTo(code));
    }

    @Test
    void shouldRejectAnEventOver32KilobytesNamingItsSizeAndKeepItsKeyAndBytes() throws Exception {
        String body = "{\"userId\": \"u-9\", \"event\": \"E\", \"properties\": {\"blob\": \"" + "x".repeat(32 * 1024) + "\"}}";

        Outcome outcome = normalizer.normalize(json.readTree(body), EventType.TRACK, new RequestContext(WEB, RECEIVED, null, false, null));

        assertThat(outcome).isInstanceOfSatisfying(Rejected.class, r -> {
            assertThat(r.rejection().code()).isEqualTo("event_too_large");
            assertThat(r.rejection().message()).contains("the limit is 32768");
            assertThat(r.key()).isEqualTo("u-9");
            assertThat(r.raw().length).isGreaterThan(32 * 1024);
        });
    }

    @Test
    void shouldDeadLetterAnEventExactlyAsReceivedEvenAfterContextWasCompleted() throws Exception {
        String body = "{\"type\": \"track\", \"userId\": \"u\", \"event\": \"E\", \"context\": {\"locale\": \"en\"},"
                + " \"timestamp\": \"not a time\"}";
        JsonNode envelope = json.readTree("{\"context\": {\"library\": {\"name\": \"x\"}}}");

        Outcome outcome = normalizer.normalize(json.readTree(body), null,
                new RequestContext(WEB, RECEIVED, "203.0.113.9", false, envelope));

        assertThat(outcome).isInstanceOfSatisfying(Rejected.class,
                r -> assertThat(readTree(r.raw())).isEqualTo(readTree(body.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void shouldRejectAMessageIdLongerThan100Characters() throws Exception {
        Outcome ok = normalizer.normalize(json.readTree("{\"userId\": \"u\", \"event\": \"E\", \"messageId\": \"" + "m".repeat(100) + "\"}"),
                EventType.TRACK, new RequestContext(WEB, RECEIVED, null, false, null));
        Outcome tooLong = normalizer.normalize(json.readTree("{\"userId\": \"u\", \"event\": \"E\", \"messageId\": \"" + "m".repeat(101) + "\"}"),
                EventType.TRACK, new RequestContext(WEB, RECEIVED, null, false, null));

        assertThat(ok).isInstanceOf(Accepted.class);
        assertThat(tooLong).isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.rejection().code()).isEqualTo("invalid_message_id"));
    }

    @Test
    void shouldKeyEventsByUserIdElseAnonymousId() throws Exception {
        RequestContext request = new RequestContext(WEB, RECEIVED, null, false, null);
        assertThat(((Accepted) normalizer.normalize(json.readTree("{\"userId\": \"u\", \"anonymousId\": \"a\"}"), EventType.IDENTIFY, request)).key())
                .isEqualTo("u");
        assertThat(((Accepted) normalizer.normalize(json.readTree("{\"anonymousId\": \"a\"}"), EventType.PAGE, request)).key())
                .isEqualTo("a");
    }

    private JsonNode readTree(byte[] bytes) {
        try {
            return json.readTree(bytes);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private TrackedEvent accept(String body, EventType type, Source source) {
        try {
            Outcome outcome = normalizer.normalize(json.readTree(body), type, new RequestContext(source, RECEIVED, null, false, null));
            assertThat(outcome).isInstanceOf(Accepted.class);
            return ((Accepted) outcome).event();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
