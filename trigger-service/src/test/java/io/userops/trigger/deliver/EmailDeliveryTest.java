package io.userops.trigger.deliver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.userops.avro.Channel;
import io.userops.avro.MessageRequest;
import io.userops.deploy.FreePorts;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The email adapter and the dispatcher against a real SMTP server (GreenMail). */
class EmailDeliveryTest {

    static final String FROM = "Acme <hello@acme.example>";

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    GreenMail smtpServer(int port) {
        GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        toClose.add(server::stop);
        return server;
    }

    DeliveryDispatcher dispatcher(int port, RetryPolicy retry) {
        SmtpSettings smtp = SmtpSettings.plain("127.0.0.1", port, FROM).withTimeout(Duration.ofSeconds(5));
        DeliveryDispatcher dispatcher = new DeliveryDispatcher(
                Map.of(Channel.EMAIL, new EmailAdapter(smtp, Clock.systemUTC())), retry, Duration.ofSeconds(30),
                new DeliveryMetrics(meters), Clock.systemUTC());
        toClose.add(0, dispatcher);
        return dispatcher;
    }

    static Verdict verdictOf(DeliveryDispatcher.Submission submission) throws Exception {
        return submission.verdict().get(30, TimeUnit.SECONDS);
    }

    @Test
    void shouldSendSubjectBodyAndAMessageIdDerivedFromTheMessageId() throws Exception {
        int port = FreePorts.next();
        GreenMail server = smtpServer(port);
        DeliveryDispatcher dispatcher = dispatcher(port, RetryPolicy.DEFAULT);
        MessageRequest message = Messages.email("winback", "ada@example.org");

        Verdict verdict = verdictOf(dispatcher.submit(message));

        assertThat(verdict).isEqualTo(new Verdict.Delivered(1));
        MimeMessage[] received = server.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage mail = received[0];
        assertThat(mail.getSubject()).isEqualTo("We miss you");
        assertThat(GreenMailUtil.getBody(mail).trim()).isEqualTo(message.getBody());
        assertThat(mail.getMessageID()).isEqualTo("<" + message.getMessageId() + "@acme.example>")
                .isEqualTo(EmailAdapter.messageIdHeader(message.getMessageId(), "acme.example"));
        assertThat(mail.getHeader(EmailAdapter.MESSAGE_ID_HEADER)).containsExactly(message.getMessageId());
        assertThat(mail.getHeader("Content-Language")).containsExactly("en-GB");
        assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo("hello@acme.example");
        assertThat(((InternetAddress) mail.getAllRecipients()[0]).getAddress()).isEqualTo("ada@example.org");
    }

    @Test
    void shouldSendSeveralMessagesOverItsConnections() throws Exception {
        int port = FreePorts.next();
        GreenMail server = smtpServer(port);
        DeliveryDispatcher dispatcher = dispatcher(port, RetryPolicy.DEFAULT);
        List<DeliveryDispatcher.Submission> submissions = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            submissions.add(dispatcher.submit(Messages.email("winback", "user" + i + "@example.org")));
        }

        for (DeliveryDispatcher.Submission submission : submissions) {
            assertThat(verdictOf(submission)).isEqualTo(new Verdict.Delivered(1));
        }
        assertThat(server.getReceivedMessages()).hasSize(12);
        assertThat(meters.get("userops.delivery.delivered").tag("channel", "EMAIL").counter().count()).isEqualTo(12);
    }

    @Test
    void shouldRetryWhileTheServerIsDownAndDeliverOnceItIsUp() throws Exception {
        int port = FreePorts.next();
        DeliveryDispatcher dispatcher = dispatcher(port,
                new RetryPolicy(Duration.ofMillis(50), Duration.ofMillis(200), 100, Duration.ofSeconds(1)));
        MessageRequest message = Messages.email("winback", "ada@example.org");

        DeliveryDispatcher.Submission submission = dispatcher.submit(message);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            var retries = meters.find("userops.delivery.retries").tag("channel", "EMAIL").counter();
            return retries != null && retries.count() >= 2;
        });
        assertThat(submission.verdict()).isNotDone();
        GreenMail server = smtpServer(port);

        Verdict verdict = verdictOf(submission);

        assertThat(verdict).isInstanceOf(Verdict.Delivered.class);
        assertThat(((Verdict.Delivered) verdict).attempts()).isGreaterThanOrEqualTo(3);
        assertThat(server.getReceivedMessages()).hasSize(1);
        assertThat(server.getReceivedMessages()[0].getMessageID())
                .isEqualTo("<" + message.getMessageId() + "@acme.example>");
    }

    @Test
    void shouldGiveUpWhenTheServerStaysDown() throws Exception {
        int port = FreePorts.next();
        DeliveryDispatcher dispatcher = dispatcher(port,
                new RetryPolicy(Duration.ofMillis(10), Duration.ofMillis(50), 3, Duration.ofSeconds(1)));

        Verdict verdict = verdictOf(dispatcher.submit(Messages.email("winback", "ada@example.org")));

        assertThat(verdict).isEqualTo(new Verdict.Failed(FailureReason.RETRIES_EXHAUSTED,
                "3 attempts; last: smtp_unavailable", true, 3));
    }

    @Test
    void shouldFailMessagesWithoutAUsableRecipientWithoutRetrying() throws Exception {
        int port = FreePorts.next();
        GreenMail server = smtpServer(port);
        DeliveryDispatcher dispatcher = dispatcher(port, RetryPolicy.DEFAULT);

        Verdict missing = verdictOf(dispatcher.submit(Messages.base("winback", Channel.EMAIL, null).build()));
        Verdict invalid = verdictOf(dispatcher.submit(Messages.email("winback", "not an address")));

        assertThat(missing).isEqualTo(new Verdict.Failed(FailureReason.MISSING_RECIPIENT,
                "attempt 1: missing_recipient", true, 1));
        assertThat(invalid).isEqualTo(new Verdict.Failed(FailureReason.INVALID_RECIPIENT,
                "attempt 1: invalid_recipient", true, 1));
        assertThat(server.getReceivedMessages()).isEmpty();
    }
}
