package io.userops.trigger.campaign;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The control group of a campaign: a user is held out when the SHA-256 of (campaign id, user id) falls in the
 * lowest {@code percent} of the hash range. The answer never changes for a pair, differs between campaigns, and
 * needs no state; a hash rather than {@link String#hashCode} keeps similar ids (u-1, u-2...) evenly spread.
 */
public final class Holdout {

    private Holdout() {
    }

    public static boolean isHeldOut(String campaignId, String userId, double percent) {
        return percent > 0 && position(campaignId, userId) * 100 < percent;
    }

    /** The user's place in [0, 1) for this campaign. */
    public static double position(String campaignId, String userId) {
        byte[] digest = sha256((campaignId + '\u0000' + userId).getBytes(StandardCharsets.UTF_8));
        long top53Bits = ByteBuffer.wrap(digest).getLong() >>> 11;
        return top53Bits * 0x1.0p-53;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
