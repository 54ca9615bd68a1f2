package io.userops.trigger.campaign;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A campaign decided for a user at trigger time, to be checked again and sent at {@code dueAt}.
 *
 * @param triggeredAt when the trigger was decided on
 */
public record PendingSend(String campaignId, String userId, String triggerId, Instant triggeredAt, Instant dueAt) {

    public PendingSend {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(triggerId, "triggerId");
        Objects.requireNonNull(triggeredAt, "triggeredAt");
        Objects.requireNonNull(dueAt, "dueAt");
    }

    /**
     * The idempotency key of the message: a name-based UUID of (campaign id, user id, trigger id), the same
     * wherever and however often it is computed, and the same after a hold.
     */
    public String messageId() {
        return messageId(campaignId, userId, triggerId);
    }

    public static String messageId(String campaignId, String userId, String triggerId) {
        String name = campaignId + '\u0000' + userId + '\u0000' + triggerId;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    public PendingSend withDueAt(Instant at) {
        return new PendingSend(campaignId, userId, triggerId, triggeredAt, at);
    }
}
