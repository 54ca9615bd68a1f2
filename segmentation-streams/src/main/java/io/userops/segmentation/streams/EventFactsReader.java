package io.userops.segmentation.streams;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.userops.avro.EventType;
import io.userops.avro.TrackedEvent;
import io.userops.segmentation.profile.EventFacts;
import io.userops.segmentation.profile.EventFacts.DeviceClass;
import io.userops.segmentation.profile.ProfileRules;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads what the profile needs out of an event's JSON parts: {@code context.os}, {@code .device},
 * {@code .library} and {@code .timezone} of every event, {@code properties.revenue} (else {@code total})
 * and {@code .currency} of purchases, {@code traits} of identify calls. A part that is not valid JSON
 * counts as absent: ingest stored it as JSON, so this only guards against other producers.
 */
public final class EventFactsReader {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };
    private static final Set<String> PHONES = Set.of("ios", "android", "mobile", "phone", "iphone");
    private static final Set<String> TABLETS = Set.of("tablet", "ipad");
    private static final Set<String> MOBILE_SYSTEMS = Set.of("ios", "android");
    private static final Set<String> DESKTOP_SYSTEMS = Set.of("mac os x", "macos", "windows", "linux", "chrome os");

    private final ObjectMapper json = new ObjectMapper();
    private final ProfileRules rules;

    public EventFactsReader(ProfileRules rules) {
        this.rules = rules;
    }

    public EventFacts read(TrackedEvent event) {
        JsonNode context = tree(event.getContext());
        String type = event.getType().name().toLowerCase(Locale.ROOT);
        Double revenue = null;
        String currency = null;
        if (event.getType() == EventType.TRACK && rules.purchaseEvents().contains(event.getEvent())) {
            JsonNode properties = tree(event.getProperties());
            JsonNode amount = properties.path("revenue").isNumber() ? properties.path("revenue") : properties.path("total");
            revenue = amount.isNumber() ? amount.asDouble() : null;
            currency = properties.path("currency").isTextual() ? properties.path("currency").asText() : null;
        }
        Map<String, Object> traits = event.getType() == EventType.IDENTIFY ? object(event.getTraits()) : Map.of();
        String os = text(context.path("os").path("name"));
        String platform = os != null ? os : text(context.path("library").path("name"));
        return new EventFacts(event.getMessageId(), event.getTimestamp(), type, event.getEvent(), traits, revenue,
                currency, platform, device(text(context.path("device").path("type")), os,
                text(context.path("library").path("name"))), zone(text(context.path("timezone"))));
    }

    static DeviceClass device(String deviceType, String os, String library) {
        String type = deviceType == null ? "" : deviceType.toLowerCase(Locale.ROOT);
        String system = os == null ? "" : os.toLowerCase(Locale.ROOT);
        if (TABLETS.contains(type) || system.equals("ipados")) {
            return DeviceClass.TABLET;
        }
        if (PHONES.contains(type) || (type.isEmpty() && MOBILE_SYSTEMS.contains(system))) {
            return DeviceClass.MOBILE;
        }
        if (type.equals("desktop") || DESKTOP_SYSTEMS.contains(system) || "analytics.js".equals(library)) {
            return DeviceClass.DESKTOP;
        }
        return DeviceClass.UNKNOWN;
    }

    private static ZoneId zone(String id) {
        if (id == null) {
            return null;
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private JsonNode tree(String text) {
        if (text == null || text.isEmpty()) {
            return json.missingNode();
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            return json.missingNode();
        }
    }

    private Map<String, Object> object(String text) {
        if (text == null || text.isEmpty()) {
            return Map.of();
        }
        try {
            Map<String, Object> traits = json.readValue(text, OBJECT);
            return traits == null ? Map.of() : traits;
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    private static String text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }
}
