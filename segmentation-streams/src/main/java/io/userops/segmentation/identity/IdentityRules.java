package io.userops.segmentation.identity;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What counts as an identifier, and how many one user may collect.
 *
 * @param blockedIds             values SDKs and buggy integrations send in place of an id ("undefined",
 *                               "null", "0"...): treated as absent, compared trimmed and case-insensitively
 * @param maxIdentifiersPerUser  the most anonymous ids and aliases linked to one user; more are refused, so
 *                               that one shared device id cannot chain a crowd into one profile
 */
public record IdentityRules(Set<String> blockedIds, int maxIdentifiersPerUser) {

    public static final Set<String> DEFAULT_BLOCKED_IDS = Set.of("undefined", "null", "nil", "none", "nan", "0", "-1",
            "anonymous", "unknown", "guest", "[object object]", "true", "false", "00000000-0000-0000-0000-000000000000");

    public IdentityRules {
        Objects.requireNonNull(blockedIds, "blockedIds");
        blockedIds = blockedIds.stream().map(id -> id.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        if (maxIdentifiersPerUser < 1) {
            throw new IllegalArgumentException("maxIdentifiersPerUser must be at least 1, was " + maxIdentifiersPerUser);
        }
    }

    public static IdentityRules defaults() {
        return new IdentityRules(DEFAULT_BLOCKED_IDS, 20);
    }

    /** The id, or null when it is absent, blank or blocked. */
    public String usable(String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        return blockedIds.contains(id.trim().toLowerCase(Locale.ROOT)) ? null : id;
    }
}
