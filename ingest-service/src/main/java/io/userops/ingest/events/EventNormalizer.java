package io.userops.ingest.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.userops.avro.EventType;
import io.userops.avro.TrackedEvent;
import io.userops.ingest.source.Source;
import io.userops.ingest.source.SourceKind;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Turns one event as a tracking SDK sent it into a {@link TrackedEvent}, or says why it cannot.
 * Pure: no Kafka, no clock (the receive time is an argument), no I/O.
 */
public final class EventNormalizer {

    /** What became of one event. */
    public sealed interface Outcome permits Accepted, Rejected {
    }

    /** A valid event, with the Kafka key it goes under (userId, else anonymousId). */
    public record Accepted(TrackedEvent event, String key) implements Outcome {
    }

    /** An invalid event, with its JSON as received (for the dead-letter topic) and its key when it had one. */
    public record Rejected(Rejection rejection, byte[] raw, String key) implements Outcome {
    }

    /**
     * What the request tells about all its events.
     *
     * @param source     who sent it
     * @param receivedAt when it arrived, on the server's clock
     * @param clientIp   the sender's address, for {@code context.ip}
     * @param isImport   posted to {@code /v1/import}: historical data whose timestamps are kept
     * @param envelope   the batch-level {@code context}, {@code integrations} and {@code sentAt}, or null
     */
    public record RequestContext(Source source, Instant receivedAt, String clientIp, boolean isImport,
            JsonNode envelope) {
    }

    private static final Set<String> NAMED_FIELDS = Set.of("type", "messageId", "userId", "anonymousId", "event",
            "name", "groupId", "previousId", "properties", "traits", "context", "integrations", "timestamp",
            "originalTimestamp", "sentAt", "receivedAt", "writeKey");
    private static final int MAX_MESSAGE_ID_LENGTH = 100;

    private final ObjectMapper json;
    private final Limits limits;
    private final Duration futureTolerance;

    public EventNormalizer(ObjectMapper json, Limits limits, Duration futureTolerance) {
        this.json = json;
        this.limits = limits;
        this.futureTolerance = futureTolerance;
    }

    /**
     * @param node     the event object
     * @param pathType the type the endpoint implies ({@code /v1/track}), or null for batch items,
     *                 which carry their own {@code type}
     */
    public Outcome normalize(JsonNode node, EventType pathType, RequestContext request) {
        return normalize(node, pathType, request, RawFields.NONE);
    }

    /**
     * As {@link #normalize(JsonNode, EventType, RequestContext)}, storing each free-form object that is kept as
     * it came as the text {@code raw} found for it in the body.
     */
    public Outcome normalize(JsonNode node, EventType pathType, RequestContext request, RawFields raw) {
        try {
            return accept(node, pathType, request, raw);
        } catch (Invalid invalid) {
            byte[] received = raw.event();
            return new Rejected(invalid.rejection, received != null ? received : bytes(node), keyOf(node));
        }
    }

    private Accepted accept(JsonNode node, EventType pathType, RequestContext request, RawFields raw) {
        if (!node.isObject()) {
            throw invalid("invalid_field_type", "an event must be a JSON object, was " + kind(node));
        }
        EventType type = pathType != null ? pathType : type(node.get("type"));
        String userId = id(node, "userId");
        String anonymousId = id(node, "anonymousId");
        if (userId == null && anonymousId == null) {
            throw invalid("missing_identity", "userId or anonymousId is required");
        }
        String event = null;
        String previousId = id(node, "previousId");
        String groupId = id(node, "groupId");
        switch (type) {
            case TRACK -> {
                event = text(node, "event");
                if (event == null || event.isBlank()) {
                    throw invalid("missing_event", "a track call needs an event name in 'event'");
                }
            }
            case ALIAS -> {
                if (previousId == null) {
                    throw invalid("missing_previous_id", "an alias call needs 'previousId'");
                }
                if (userId == null) {
                    throw invalid("missing_identity", "an alias call needs 'userId'");
                }
            }
            case GROUP -> {
                if (groupId == null) {
                    throw invalid("missing_group_id", "a group call needs 'groupId'");
                }
            }
            default -> {
            }
        }
        JsonNode envelope = request.envelope();
        String contextText = context(node, raw, envelope == null ? null : envelope.get("context"), request);
        String integrationsText = freeForm(node, raw, "integrations",
                envelope == null ? null : envelope.get("integrations"));
        Instant original = time(node, "originalTimestamp");
        Instant clientTime = original != null ? original : time(node, "timestamp");
        Instant sentAt = time(node, "sentAt");
        if (sentAt == null && envelope != null) {
            sentAt = time(envelope, "sentAt");
        }
        boolean trusted = request.isImport() || request.source().kind() == SourceKind.SERVER;
        EventTime eventTime = EventTime.of(clientTime, sentAt, request.receivedAt(), trusted, futureTolerance);

        String messageId = messageId(node);
        String name = text(node, "name");
        String properties = freeForm(node, raw, "properties", null);
        String traits = freeForm(node, raw, "traits", null);
        String extra = jsonText(extra(node));
        // The event as stored: its free-form parts plus its named fields; what Segment's 32 KB limit is about.
        String[] parts = {properties, traits, contextText, integrationsText, extra, userId, anonymousId, event, name,
            groupId, previousId, messageId};
        long size = utf8Length(parts, limits.maxEventBytes());
        if (size > limits.maxEventBytes()) {
            throw invalid("event_too_large", "event is " + size + " bytes, the limit is " + limits.maxEventBytes());
        }
        TrackedEvent normalized = TrackedEvent.newBuilder()
                .setSourceId(request.source().id())
                .setType(type)
                .setMessageId(messageId)
                .setUserId(userId)
                .setAnonymousId(anonymousId)
                .setEvent(event)
                .setName(name)
                .setGroupId(groupId)
                .setPreviousId(previousId)
                .setProperties(properties)
                .setTraits(traits)
                .setContext(contextText)
                .setIntegrations(integrationsText)
                .setExtra(extra)
                .setTimestamp(eventTime.timestamp())
                .setOriginalTimestamp(clientTime)
                .setSentAt(sentAt)
                .setReceivedAt(request.receivedAt())
                .setFutureTimestampClamped(eventTime.clamped())
                .build();
        return new Accepted(normalized, userId != null ? userId : anonymousId);
    }

    private EventType type(JsonNode type) {
        if (type == null || !type.isTextual()) {
            throw invalid("invalid_type", "each batch item needs a 'type': track, identify, page, screen, group or alias");
        }
        return switch (type.asText().toLowerCase(Locale.ROOT)) {
            case "track" -> EventType.TRACK;
            case "identify" -> EventType.IDENTIFY;
            case "page" -> EventType.PAGE;
            case "screen" -> EventType.SCREEN;
            case "group" -> EventType.GROUP;
            case "alias" -> EventType.ALIAS;
            default -> throw invalid("invalid_type", "type '" + type.asText()
                    + "' is not one of track, identify, page, screen, group, alias");
        };
    }

    /** An id field: a string or a number (Segment accepts numeric user ids), empty counts as absent. */
    private static String id(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() && !value.isNumber()) {
            throw invalid("invalid_field_type", field + " must be a string or a number, was " + kind(value));
        }
        String text = value.asText();
        return text.isBlank() ? null : text;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid("invalid_field_type", field + " must be a string, was " + kind(value));
        }
        return value.asText();
    }

    private static String messageId(JsonNode node) {
        String id = id(node, "messageId");
        if (id == null) {
            return "uo-" + UUID.randomUUID();
        }
        if (id.length() > MAX_MESSAGE_ID_LENGTH) {
            throw invalid("invalid_message_id", "messageId is " + id.length() + " characters, the limit is "
                    + MAX_MESSAGE_ID_LENGTH);
        }
        return id;
    }

    private static ObjectNode object(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw invalid("invalid_field_type", field + " must be an object, was " + kind(value));
        }
        return (ObjectNode) value;
    }

    private static Instant time(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid("invalid_timestamp", field + " must be an ISO-8601 date-time string, was " + kind(value));
        }
        try {
            return Timestamps.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw invalid("invalid_timestamp", field + " '" + abbreviate(value.asText())
                    + "' is not an ISO-8601 date-time");
        }
    }

    /**
     * The event's object with the batch's keys added where the event has none (the event wins): a
     * copy when there is something to add, else the event's own object.
     */
    private ObjectNode merged(ObjectNode own, JsonNode batchLevel) {
        if (!adds(batchLevel)) {
            return own;
        }
        ObjectNode merged = own == null ? json.createObjectNode() : own.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = batchLevel.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!merged.has(field.getKey())) {
                merged.set(field.getKey(), field.getValue());
            }
        }
        return merged;
    }

    private ObjectNode extra(JsonNode node) {
        ObjectNode extra = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!NAMED_FIELDS.contains(field.getKey())) {
                extra = extra == null ? json.createObjectNode() : extra;
                extra.set(field.getKey(), field.getValue());
            }
        }
        return extra;
    }

    /**
     * A free-form object as stored: the text the client sent, when it came compact and the batch adds nothing
     * to it; else the tree's object, completed from the batch's, written out. Null when the event has none.
     */
    private String freeForm(JsonNode node, RawFields raw, String field, JsonNode batchLevel) {
        String sent = raw.text(field);
        if (sent != null && !adds(batchLevel)) {
            return sent;
        }
        ObjectNode own = sent != null ? tree(sent) : object(node, field);
        return jsonText(merged(own, batchLevel));
    }

    /**
     * The context as stored: as {@link #freeForm}, and for client sources with {@code ip} set from the request
     * when the event has none; added last to a context kept as text, where the tree would put it.
     */
    private String context(JsonNode node, RawFields raw, JsonNode batchLevel, RequestContext request) {
        boolean addsIp = request.source().kind() == SourceKind.CLIENT && request.clientIp() != null;
        String sent = raw.text("context");
        if (sent != null && !adds(batchLevel)) {
            if (!addsIp || raw.contextIp() == RawFields.Ip.PRESENT) {
                return sent;
            }
            if (raw.contextIp() == RawFields.Ip.ABSENT) {
                String field = "\"ip\":\"" + new String(JsonStringEncoder.getInstance().quoteAsString(request.clientIp()))
                        + "\"";
                return sent.equals("{}") ? "{" + field + "}"
                        : sent.substring(0, sent.length() - 1) + "," + field + "}";
            }
        }
        // Completed on copies: a rejected event goes to the dead-letter topic as it was received.
        ObjectNode own = sent != null ? tree(sent) : object(node, "context");
        ObjectNode context = merged(own, batchLevel);
        if (addsIp && (context == null || !context.hasNonNull("ip"))) {
            context = context == null ? json.createObjectNode() : context == own && sent == null ? context.deepCopy()
                    : context;
            context.put("ip", request.clientIp());
        }
        return jsonText(context);
    }

    private static boolean adds(JsonNode batchLevel) {
        return batchLevel != null && batchLevel.isObject() && !batchLevel.isEmpty();
    }

    private ObjectNode tree(String object) {
        try {
            return (ObjectNode) json.readTree(object);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String jsonText(JsonNode node) {
        if (node == null) {
            return null;
        }
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The UTF-8 length of the parts, counted exactly only when it matters: a char is one to three
     * bytes, so a total under {@code limit / 3} chars is certainly within the limit.
     */
    private static long utf8Length(String[] parts, int limit) {
        long chars = 0;
        for (String part : parts) {
            chars += part == null ? 0 : part.length();
        }
        if (chars * 3 <= limit) {
            return chars;
        }
        long bytes = 0;
        for (String part : parts) {
            if (part != null) {
                for (int i = 0; i < part.length(); i++) {
                    char c = part.charAt(i);
                    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
                }
            }
        }
        return bytes;
    }

    private byte[] bytes(JsonNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String keyOf(JsonNode node) {
        if (!node.isObject()) {
            return null;
        }
        for (String field : new String[] {"userId", "anonymousId"}) {
            JsonNode value = node.get(field);
            if (value != null && (value.isTextual() || value.isNumber()) && !value.asText().isBlank()) {
                return value.asText();
            }
        }
        return null;
    }

    private static String kind(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    private static Invalid invalid(String code, String message) {
        return new Invalid(new Rejection(code, message));
    }

    /** Control flow inside {@link #accept}: the first problem found ends the event's check. */
    private static final class Invalid extends RuntimeException {
        private final transient Rejection rejection;

        Invalid(Rejection rejection) {
            super(rejection.message(), null, false, false);
            this.rejection = rejection;
        }
    }
}
