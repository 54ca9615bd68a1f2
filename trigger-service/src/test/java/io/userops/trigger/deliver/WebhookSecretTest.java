package io.userops.trigger.deliver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookSecretTest {

    @Test
    void shouldReproduceTheSignatureVectorPublishedWithStandardWebhooks() {
        WebhookSecret secret = WebhookSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

        String signature = secret.signature("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, "{\"test\": 2432232314}");

        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void shouldSignIdDotTimestampDotBodyWithTheBase64DecodedKey() throws Exception {
        byte[] key = new byte[32];
        new Random(7).nextBytes(key);
        String body = "{\"messageId\":\"m-1\",\"body\":\"Grüße ✓\"}";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        String expected = "v1," + Base64.getEncoder().encodeToString(
                mac.doFinal(("m-1.1700000000." + body).getBytes(StandardCharsets.UTF_8)));

        String signature = WebhookSecret.parse("whsec_" + Base64.getEncoder().encodeToString(key))
                .signature("m-1", 1_700_000_000L, body);

        assertThat(signature).isEqualTo(expected).matches("v1,[A-Za-z0-9+/]{43}=");
    }

    @Test
    void shouldChangeTheSignatureWithEachPartOfTheSignedContent() {
        WebhookSecret secret = WebhookSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        String base = secret.signature("m-1", 1L, "{}");

        assertThat(secret.signature("m-2", 1L, "{}")).isNotEqualTo(base);
        assertThat(secret.signature("m-1", 2L, "{}")).isNotEqualTo(base);
        assertThat(secret.signature("m-1", 1L, "{ }")).isNotEqualTo(base);
    }

    @Test
    void shouldRefuseSecretsThatAreNotWhsecBase64OfTwentyFourToSixtyFourBytes() {
        assertThatThrownBy(() -> WebhookSecret.parse("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).hasMessageContaining("whsec_");
        assertThatThrownBy(() -> WebhookSecret.parse("whsec_not base64!")).hasMessageContaining("not base64");
        assertThatThrownBy(() -> WebhookSecret.parse("whsec_" + Base64.getEncoder().encodeToString(new byte[8])))
                .hasMessageContaining("24 to 64 bytes");
        assertThatThrownBy(() -> WebhookSecret.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldNeverPrintTheKey() {
        WebhookSecret secret = WebhookSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

        assertThat(secret.toString()).doesNotContain("MfKQ9r8").contains("hidden");
    }
}
