package io.userops.trigger.decide;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.userops.avro.UserProfile;
import io.userops.rules.segments.ProfileSubject;
import io.userops.trigger.campaign.UserSnapshot;
import io.userops.trigger.template.TemplateScope;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A profile snapshot of {@code userops.profiles.v1} as the campaigns see it: the stage, tags and segments, the
 * traits and the computed traits (their times back as instants), for audiences, re-checks and templates.
 */
final class ProfileView {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {
    };
    private static final Pattern ISO_INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z");

    private ProfileView() {
    }

    /** A user with no snapshot yet: no stage, no tags, no traits. */
    static UserSnapshot.Known unknown(String userId) {
        return new UserSnapshot.Known(userId, subject(null, new TreeSet<>(), Map.of(), Map.of()), Map.of());
    }

    static UserSnapshot.Known of(UserProfile profile) {
        Map<String, Object> traits = object(profile.getTraits());
        Map<String, Object> computed = object(profile.getComputedTraits());
        computed.replaceAll((name, value) -> value instanceof String text ? instantOrText(text) : value);
        Set<String> tags = new TreeSet<>(profile.getTags());
        tags.addAll(profile.getSegments());
        String stage = profile.getStage() == null ? null : profile.getStage().name();
        return new UserSnapshot.Known(profile.getUserId(), subject(stage, tags, traits, computed), traits);
    }

    /** What the templates see of a user: the snapshot already read for the decision, not a second parse. */
    static TemplateScope templateScope(String userId, UserSnapshot user) {
        if (user instanceof UserSnapshot.Known known && known.subject() instanceof ProfileSubject subject) {
            return new TemplateScope(userId, subject.stage(), subject.traits(), subject.computedTraits());
        }
        return new TemplateScope(userId, null, Map.of(), Map.of());
    }

    private static Object instantOrText(String text) {
        if (ISO_INSTANT.matcher(text).matches()) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                return text;
            }
        }
        return text;
    }

    private static Map<String, Object> object(String json) {
        if (json == null || json.isBlank()) {
            return new LinkedHashMap<>();
        }
        try {
            return JSON.readValue(json, OBJECT);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a profile snapshot with unreadable JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Segments are visible to audiences as tags too, so that {@code tags has "key_users"} reads a segment. */
    private static ProfileSubject subject(String stage, Set<String> tags, Map<String, Object> traits,
            Map<String, Object> computed) {
        return new ProfileSubject(stage, tags, traits, computed);
    }
}
