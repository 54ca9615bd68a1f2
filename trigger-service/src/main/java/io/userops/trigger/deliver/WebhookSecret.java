package io.userops.trigger.deliver;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A Standard Webhooks signing secret: {@code whsec_} followed by the base64 of the key bytes. It
 * signs {@code {webhook-id}.{webhook-timestamp}.{body}} with HMAC-SHA256. Never printed.
 */
public final class WebhookSecret {

    public static final String PREFIX = "whsec_";
    private static final String HMAC = "HmacSHA256";

    private final byte[] key;

    private WebhookSecret(byte[] key) {
        this.key = key;
    }

    /** Reads {@code whsec_<base64>}; the key must be 24 to 64 bytes, as the specification asks. */
    public static WebhookSecret parse(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a webhook secret is whsec_ followed by base64");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.substring(PREFIX.length()).trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the webhook secret after whsec_ is not base64");
        }
        if (key.length < 24 || key.length > 64) {
            throw new IllegalArgumentException("a webhook secret must hold 24 to 64 bytes, this one holds " + key.length);
        }
        return new WebhookSecret(key);
    }

    /** The {@code webhook-signature} header value: {@code v1,} + base64(HMAC-SHA256(key, id.timestamp.body)). */
    public String signature(String webhookId, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            byte[] signed = mac.doFinal((webhookId + "." + timestampSeconds + "." + body)
                    .getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(signed);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WebhookSecret secret && Arrays.equals(key, secret.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return PREFIX + "(hidden)";
    }
}
