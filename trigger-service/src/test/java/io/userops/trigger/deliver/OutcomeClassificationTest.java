package io.userops.trigger.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How each adapter turns a receiver's answer into delivered, retry later, permanent, or gone. */
class OutcomeClassificationTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource({
            "200, Delivered", "202, Delivered", "204, Delivered",
            "410, EndpointGone",
            "408, RetryLater", "429, RetryLater", "500, RetryLater", "502, RetryLater", "503, RetryLater",
            "301, PermanentFailure", "400, PermanentFailure", "401, PermanentFailure", "403, PermanentFailure",
            "404, PermanentFailure", "413, PermanentFailure", "422, PermanentFailure"})
    void shouldClassifyWebhookStatuses(int status, String kind) {
        DeliveryOutcome outcome = WebhookAdapter.outcomeOf(status, Optional.empty(), NOW);

        assertThat(outcome.getClass().getSimpleName()).isEqualTo(kind);
        if (outcome instanceof DeliveryOutcome.PermanentFailure permanent) {
            assertThat(permanent.reason()).isEqualTo("http_" + status);
        }
        if (outcome instanceof DeliveryOutcome.RetryLater later) {
            assertThat(later.reason()).isEqualTo("http_" + status);
        }
    }

    @Test
    void shouldCarryTheRetryAfterOfA429OrA503() {
        assertThat(WebhookAdapter.outcomeOf(429, Optional.of("17"), NOW))
                .isEqualTo(new DeliveryOutcome.RetryLater("http_429", Optional.of(Duration.ofSeconds(17))));
        assertThat(WebhookAdapter.outcomeOf(503, Optional.of("Sun, 01 Mar 2026 12:01:00 GMT"), NOW))
                .isEqualTo(new DeliveryOutcome.RetryLater("http_503", Optional.of(Duration.ofMinutes(1))));
        assertThat(WebhookAdapter.outcomeOf(503, Optional.of("later please"), NOW))
                .isEqualTo(new DeliveryOutcome.RetryLater("http_503", Optional.empty()));
    }

    @Test
    void shouldRetryWebhookTimeoutsAndConnectionErrors() {
        assertThat(WebhookAdapter.outcomeOf(new CompletionException(new HttpTimeoutException("slow"))))
                .isEqualTo(new DeliveryOutcome.RetryLater("timeout"));
        assertThat(WebhookAdapter.outcomeOf(new ConnectException("refused")))
                .isEqualTo(new DeliveryOutcome.RetryLater("connection_failed"));
        assertThat(WebhookAdapter.outcomeOf(new IOException("reset")))
                .isEqualTo(new DeliveryOutcome.RetryLater("io_error"));
    }

    @Test
    void shouldTreatSmtp5xxAsPermanentAnd4xxAsTransient() throws Exception {
        InternetAddress rcpt = new InternetAddress("someone@example.org");
        SendFailedException rejectedRecipient = new SendFailedException("Invalid Addresses",
                new SMTPAddressFailedException(rcpt, "RCPT TO", 550, "550 no such user"));
        SendFailedException greylisted = new SendFailedException("Invalid Addresses",
                new SMTPAddressFailedException(rcpt, "RCPT TO", 451, "451 try again later"));

        assertThat(EmailAdapter.classify(rejectedRecipient)).isEqualTo(new DeliveryOutcome.PermanentFailure("smtp_550"));
        assertThat(EmailAdapter.classify(greylisted)).isEqualTo(new DeliveryOutcome.RetryLater("smtp_451"));
        assertThat(EmailAdapter.classify(new SMTPSendFailedException("DATA", 552, "552 too big", null, null, null, null)))
                .isEqualTo(new DeliveryOutcome.PermanentFailure("smtp_552"));
        assertThat(EmailAdapter.classify(new SMTPSendFailedException("MAIL", 421, "421 closing", null, null, null, null)))
                .isEqualTo(new DeliveryOutcome.RetryLater("smtp_421"));
    }

    @Test
    void shouldRetrySmtpConnectionFailuresAndRefusedLogins() {
        assertThat(EmailAdapter.classify(new MessagingException("Couldn't connect", new ConnectException("refused"))))
                .isEqualTo(new DeliveryOutcome.RetryLater("smtp_unavailable"));
        assertThat(EmailAdapter.classify(new AuthenticationFailedException("535")))
                .isEqualTo(new DeliveryOutcome.RetryLater("smtp_auth_failed"));
        assertThat(EmailAdapter.classify(new MessagingException("odd")))
                .isEqualTo(new DeliveryOutcome.RetryLater("smtp_error"));
    }

    @Test
    void shouldRetryRetriableKafkaErrorsOnlyInTheOutbox() {
        assertThat(KafkaOutboxAdapter.outcomeOf(new NotLeaderOrFollowerException("moving")))
                .isEqualTo(new DeliveryOutcome.RetryLater("kafka_unavailable"));
        assertThat(KafkaOutboxAdapter.outcomeOf(new RecordTooLargeException("big")))
                .isEqualTo(new DeliveryOutcome.PermanentFailure(FailureReason.OUTBOX_REJECTED));
    }

    @Test
    void shouldDeriveTheSameMessageIdHeaderForTheSameMessageEveryTime() {
        assertThat(EmailAdapter.messageIdHeader("cmp-42.user-7.trig-9", "acme.example"))
                .isEqualTo("<cmp-42.user-7.trig-9@acme.example>");
        String hashed = EmailAdapter.messageIdHeader("cmp:42 user@7", "acme.example");
        assertThat(hashed).isEqualTo(EmailAdapter.messageIdHeader("cmp:42 user@7", "acme.example"))
                .matches("<sha256\\.[A-Za-z0-9_-]{43}@acme\\.example>")
                .isNotEqualTo(EmailAdapter.messageIdHeader("cmp:42 user@8", "acme.example"));
    }
}
