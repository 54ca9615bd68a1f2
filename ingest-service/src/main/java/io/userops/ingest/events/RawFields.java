package io.userops.ingest.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where an event's free-form objects ({@code properties}, {@code traits}, {@code context}, {@code integrations})
 * sit in the request body, so that an object stored unchanged is stored as the text the client sent instead of
 * being written out again from the parsed tree: the same JSON, without the cost of serialising it. Only compact
 * text is taken as sent, so what is stored stays compact whichever way the client wrote it.
 */
public final class RawFields {

    /** No positions: every object is written out from the tree. */
    public static final RawFields NONE = new RawFields(null, Map.of());

    private static final Set<String> FREE_FORM = Set.of("properties", "traits", "context", "integrations");

    private final byte[] body;
    private final Map<String, long[]> spans;

    private RawFields(byte[] body, Map<String, long[]> spans) {
        this.body = body;
        this.spans = spans;
    }

    /**
     * The events' positions in a body the tree parser already accepted: one entry for a single event, one per
     * item of {@code batch} otherwise (an item that is not an object gets {@link #NONE}). Empty when the body is
     * not UTF-8 JSON (byte offsets would not be character positions), so every event falls back to the tree.
     */
    public static List<RawFields> scan(JsonFactory factory, byte[] body, boolean batch) {
        if (!isUtf8(body)) {
            return List.of();
        }
        try (JsonParser parser = factory.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return List.of();
            }
            if (!batch) {
                return List.of(object(parser, body));
            }
            List<RawFields> events = new ArrayList<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                JsonToken value = parser.nextToken();
                if (parser.currentName().equals("batch") && value == JsonToken.START_ARRAY) {
                    events.clear();
                    while ((value = parser.nextToken()) != JsonToken.END_ARRAY) {
                        if (value == JsonToken.START_OBJECT) {
                            events.add(object(parser, body));
                        } else {
                            parser.skipChildren();
                            events.add(NONE);
                        }
                    }
                } else {
                    parser.skipChildren();
                }
            }
            return events;
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * The text of {@code field} as sent, when it is one of the free-form objects of this event and compact (no
     * whitespace between tokens, as SDKs send it); else null, and the tree writes it out compactly.
     */
    String text(String field) {
        long[] span = spans.get(field);
        if (span == null) {
            return null;
        }
        int start = (int) span[0];
        int end = (int) span[1];
        return isCompact(body, start, end) ? new String(body, start, end - start, StandardCharsets.UTF_8) : null;
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

    /** Reads one object from its START_OBJECT to its END_OBJECT, noting where its free-form objects are. */
    private static RawFields object(JsonParser parser, byte[] body) throws IOException {
        Map<String, long[]> spans = new HashMap<>(8);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (value == JsonToken.START_OBJECT && FREE_FORM.contains(name)) {
                long start = parser.currentTokenLocation().getByteOffset();
                parser.skipChildren();
                // A repeated key: the tree keeps the last one, and so do the spans.
                spans.put(name, new long[] {start, parser.currentTokenLocation().getByteOffset() + 1});
            } else {
                spans.remove(name);
                parser.skipChildren();
            }
        }
        return new RawFields(body, spans);
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
