package io.userops.ingest.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where an event's free-form objects ({@code properties}, {@code traits}, {@code context}, {@code integrations})
 * sit in the request body, so that an object stored unchanged is stored as the text the client sent instead of
 * being written out again from the parsed tree: the same JSON, without the cost of serialising it. The positions
 * are noted while the body is parsed into its tree, in the same pass, and a compact object gets no tree at all:
 * its text is all ingest stores, and of a {@code context} only whether it has an {@code ip} matters. An
 * indented object is parsed into the tree as usual, so what is stored stays compact whichever way the client
 * wrote it.
 */
public final class RawFields {

    /** No positions: every object is written out from the tree. */
    public static final RawFields NONE = new RawFields(null, noSpans(), -1, -1, Ip.ABSENT);

    /** Whether the context kept as text has an {@code ip}: absent, {@code null}, or a value. */
    public enum Ip { ABSENT, NULL, PRESENT }

    private static final int FREE_FORM_FIELDS = 4;

    private final byte[] body;
    /** Start and end (exclusive) in the body of each free-form object kept as text, by {@link #freeForm}; -1 if not. */
    private final int[] spans;
    private final int eventStart;
    private final int eventEnd;
    private final Ip contextIp;

    private RawFields(byte[] body, int[] spans, int eventStart, int eventEnd, Ip contextIp) {
        this.body = body;
        this.spans = spans;
        this.eventStart = eventStart;
        this.eventEnd = eventEnd;
        this.contextIp = contextIp;
    }

    /** A request body as a tree, with each event's positions: one for a single event, one per batch item. */
    public record Parsed(JsonNode root, List<RawFields> events) {
    }

    /**
     * Parses a body into the tree {@code json.readTree} gives, noting on the way where each event's free-form
     * objects are: one entry for a single event, one per item of {@code batch} otherwise (an item that is not an
     * object gets {@link #NONE}). A body that is not UTF-8 JSON (byte offsets would not be character positions)
     * or not an object gets no positions, so every event falls back to the tree.
     *
     * @throws IOException what {@code readTree} throws for the same body
     */
    public static Parsed parse(ObjectMapper json, byte[] body, boolean batch) throws IOException {
        if (!isUtf8(body)) {
            return new Parsed(json.readTree(body), List.of());
        }
        try (JsonParser parser = json.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                return new Parsed(first == null ? null : json.readTree(parser), List.of());
            }
            ObjectNode root = json.createObjectNode();
            if (!batch) {
                return new Parsed(root, List.of(readObject(json, parser, body, root)));
            }
            List<RawFields> events = List.of();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("batch") && value == JsonToken.START_ARRAY) {
                    ArrayNode items = json.createArrayNode();
                    List<RawFields> found = new ArrayList<>();
                    while ((value = parser.nextToken()) != JsonToken.END_ARRAY) {
                        if (value == JsonToken.START_OBJECT) {
                            ObjectNode item = json.createObjectNode();
                            found.add(readObject(json, parser, body, item));
                            items.add(item);
                        } else {
                            items.add(value(json, parser, value));
                            found.add(NONE);
                        }
                    }
                    root.set(name, items);
                    events = found;
                } else {
                    root.set(name, value(json, parser, value));
                    if (name.equals("batch")) {
                        events = List.of();
                    }
                }
            }
            return new Parsed(root, events);
        }
    }

    /**
     * The text of {@code field} as sent, when it is one of this event's free-form objects and was sent compact;
     * such an object is not in the event's tree. Null otherwise, and the tree has it.
     */
    String text(String field) {
        int index = freeForm(field);
        if (index < 0 || spans[2 * index] < 0) {
            return null;
        }
        int start = spans[2 * index];
        return new String(body, start, spans[2 * index + 1] - start, StandardCharsets.UTF_8);
    }

    /** The index of a free-form field, -1 for any other name. */
    private static int freeForm(String name) {
        switch (name) {
            case "properties":
                return 0;
            case "traits":
                return 1;
            case "context":
                return 2;
            case "integrations":
                return 3;
            default:
                return -1;
        }
    }

    private static int[] noSpans() {
        int[] spans = new int[2 * FREE_FORM_FIELDS];
        Arrays.fill(spans, -1);
        return spans;
    }

    /** Whether the {@code context} kept as text has an {@code ip}; only meaningful when {@link #text} gave it. */
    Ip contextIp() {
        return contextIp;
    }

    /** The event's bytes as received, for the dead-letter topic; null when there are no positions. */
    byte[] event() {
        return eventStart < 0 ? null : Arrays.copyOfRange(body, eventStart, eventEnd);
    }

    /** Whether no whitespace stands between tokens: whitespace inside strings is part of them. */
    static boolean isCompact(byte[] json, int start, int end) {
        boolean inString = false;
        for (int i = start; i < end; i++) {
            byte b = json[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads one event into {@code into}, from its START_OBJECT (the current token) to its END_OBJECT: its
     * compact free-form objects as positions only, everything else into the tree.
     */
    private static RawFields readObject(ObjectMapper json, JsonParser parser, byte[] body, ObjectNode into)
            throws IOException {
        int eventStart = (int) parser.currentTokenLocation().getByteOffset();
        int[] spans = noSpans();
        Ip contextIp = Ip.ABSENT;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            int freeForm = freeForm(name);
            if (value == JsonToken.START_OBJECT && freeForm >= 0) {
                int start = (int) parser.currentTokenLocation().getByteOffset();
                Ip ip = skipNotingIp(parser);
                int end = (int) parser.currentTokenLocation().getByteOffset() + 1;
                // A repeated key: the tree keeps the last one, and so do the positions.
                if (isCompact(body, start, end)) {
                    spans[2 * freeForm] = start;
                    spans[2 * freeForm + 1] = end;
                    into.remove(name);
                    if (name.equals("context")) {
                        contextIp = ip;
                    }
                } else {
                    spans[2 * freeForm] = -1;
                    into.set(name, json.readTree(body, start, end - start));
                }
            } else {
                into.set(name, value(json, parser, value));
                if (freeForm >= 0) {
                    spans[2 * freeForm] = -1;
                }
            }
        }
        int eventEnd = (int) parser.currentTokenLocation().getByteOffset() + 1;
        return new RawFields(body, spans, eventStart, eventEnd, contextIp);
    }

    /**
     * The value at the current token as {@code readTree} would build it: strings, booleans and nulls made here
     * (each {@code readTree} call sets up a deserialization context, the larger cost for a short string),
     * numbers and containers by {@code readTree}, with the mapper's settings for exact decimals.
     */
    private static JsonNode value(ObjectMapper json, JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case VALUE_STRING:
                return json.getNodeFactory().textNode(parser.getText());
            case VALUE_TRUE:
                return json.getNodeFactory().booleanNode(true);
            case VALUE_FALSE:
                return json.getNodeFactory().booleanNode(false);
            case VALUE_NULL:
                return json.getNodeFactory().nullNode();
            default:
                return json.readTree(parser);
        }
    }

    /** Skips an object from its START_OBJECT to its END_OBJECT, noting whether its own keys include {@code ip}. */
    private static Ip skipNotingIp(JsonParser parser) throws IOException {
        Ip ip = Ip.ABSENT;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            boolean isIp = parser.currentName().equals("ip");
            JsonToken value = parser.nextToken();
            if (isIp) {
                ip = value == JsonToken.VALUE_NULL ? Ip.NULL : Ip.PRESENT;
            }
            parser.skipChildren();
        }
        return ip;
    }

    /** JSON's other encodings start with a zero byte in the first four, or with a UTF-16/32 byte order mark. */
    private static boolean isUtf8(byte[] body) {
        int n = Math.min(4, body.length);
        for (int i = 0; i < n; i++) {
            if (body[i] == 0) {
                return false;
            }
        }
        return n < 2 || !((body[0] == (byte) 0xFE && body[1] == (byte) 0xFF) || (body[0] == (byte) 0xFF && body[1] == (byte) 0xFE));
    }
}
