package io.userops.ingest.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Finds the write key in any of the places tracking SDKs put it: the JSON body ({@code writeKey};
 * analytics.js, analytics-java, Kotlin), HTTP Basic with the key as user name (Node, RudderStack),
 * the query ({@code ?writeKey=}, beacons), or a Bearer token.
 */
final class WriteKeys {

    private WriteKeys() {
    }

    static Optional<String> find(JsonNode body, String authorization, String queryKey) {
        if (body != null && body.path("writeKey").isTextual() && !body.path("writeKey").asText().isBlank()) {
            return Optional.of(body.path("writeKey").asText());
        }
        if (authorization != null) {
            String header = authorization.trim();
            if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
                return basicUser(header.substring(6).trim());
            }
            if (header.regionMatches(true, 0, "Bearer ", 0, 7) && queryKey == null) {
                String token = header.substring(7).trim();
                return token.isEmpty() ? Optional.empty() : Optional.of(token);
            }
        }
        return Optional.ofNullable(queryKey).filter(k -> !k.isBlank());
    }

    private static Optional<String> basicUser(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            String user = colon < 0 ? decoded : decoded.substring(0, colon);
            return user.isBlank() ? Optional.empty() : Optional.of(user);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
