package io.userops.trigger.deliver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.userops.avro.Channel;
import io.userops.avro.MessageRequest;
import io.userops.trigger.deliver.WebhookReceiver.Answer;
import io.userops.trigger.deliver.WebhookReceiver.Received;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The webhook adapter and the dispatcher against real HTTP receivers. */
class WebhookDeliveryTest {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final RetryPolicy FAST = new RetryPolicy(Duration.ofMillis(10), Duration.ofMillis(50), 5,
            Duration.ofSeconds(10));

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final List<AutoCloseable> toClose = new ArrayList<>();
    final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    WebhookReceiver receiver(java.util.function.IntFunction<Answer> script) {
        WebhookReceiver receiver = new WebhookReceiver(script);
        toClose.add(receiver);
        return receiver;
    }

    DeliveryDispatcher dispatcher(WebhookSettings settings, RetryPolicy retry) {
        DeliveryDispatcher dispatcher = new DeliveryDispatcher(
                Map.of(Channel.WEBHOOK, new WebhookAdapter(settings, Clock.systemUTC())), retry, Duration.ofSeconds(30),
                new DeliveryMetrics(meters), Clock.systemUTC());
        toClose.add(0, dispatcher);
        return dispatcher;
    }

    static Verdict verdictOf(DeliveryDispatcher.Submission submission) throws Exception {
        return submission.verdict().get(20, TimeUnit.SECONDS);
    }

    double counter(String name, String... tags) {
        var counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void shouldPostSignedJsonThatTheReceiverCanVerify() throws Exception {
        WebhookReceiver receiver = receiver(n -> Answer.status(204));
        DeliveryDispatcher dispatcher = dispatcher(WebhookSettings.to(receiver.url(), SECRET), FAST);
        MessageRequest message = Messages.webhook("winback");

        Verdict verdict = verdictOf(dispatcher.submit(message));

        assertThat(verdict).isEqualTo(new Verdict.Delivered(1));
        assertThat(receiver.received()).hasSize(1);
        Received request = receiver.received().get(0);
        assertThat(request.header("webhook-id")).isEqualTo(message.getMessageId());
        long timestamp = Long.parseLong(request.header("webhook-timestamp"));
        assertThat(timestamp).isBetween(Instant.now().getEpochSecond() - 10, Instant.now().getEpochSecond());
        assertThat(request.header("webhook-signature")).matches("v1,[A-Za-z0-9+/]{43}=")
                .isEqualTo(independentSignature(SECRET, message.getMessageId(), timestamp, request.body()));
        assertThat(request.header("content-type")).isEqualTo("application/json");
        JsonNode body = json.readTree(request.body());
        assertThat(body.path("messageId").asText()).isEqualTo(message.getMessageId());
        assertThat(body.path("campaignId").asText()).isEqualTo("winback");
        assertThat(body.path("userId").asText()).isEqualTo(message.getUserId());
        assertThat(body.path("channel").asText()).isEqualTo("WEBHOOK");
        assertThat(body.path("subject").asText()).isEqualTo(message.getSubject());
        assertThat(body.path("body").asText()).isEqualTo(message.getBody());
        assertThat(body.path("locale").asText()).isEqualTo("en-GB");
        assertThat(Instant.parse(body.path("decidedAt").asText())).isEqualTo(message.getDecidedAt());
        assertThat(counter("userops.delivery.delivered", "channel", "WEBHOOK")).isEqualTo(1);
    }

    @Test
    void shouldRetryA500AndDeliverOnceUnderTheSameWebhookId() throws Exception {
        WebhookReceiver receiver = receiver(n -> Answer.status(n == 1 ? 500 : 200));
        DeliveryDispatcher dispatcher = dispatcher(WebhookSettings.to(receiver.url(), SECRET), FAST);
        MessageRequest message = Messages.webhook("winback");

        Verdict verdict = verdictOf(dispatcher.submit(message));

        assertThat(verdict).isEqualTo(new Verdict.Delivered(2));
        assertThat(receiver.received()).extracting(r -> r.header("webhook-id"))
                .containsExactly(message.getMessageId(), message.getMessageId());
        assertThat(receiver.received().get(0).body()).as("the same payload on every attempt")
                .isEqualTo(receiver.received().get(1).body());
        for (Received request : receiver.received()) {
            assertThat(request.header("webhook-signature")).isEqualTo(independentSignature(SECRET,
                    message.getMessageId(), Long.parseLong(request.header("webhook-timestamp")), request.body()));
        }
        assertThat(counter("userops.delivery.retries", "channel", "WEBHOOK")).isEqualTo(1);
        assertThat(counter("userops.delivery.delivered", "channel", "WEBHOOK")).isEqualTo(1);
    }

    @Test
    void shouldWaitTheRetryAfterOfA429BeforeTryingAgain() throws Exception {
        WebhookReceiver receiver = receiver(n -> n == 1 ? Answer.withHeader(429, "Retry-After", "1") : Answer.status(200));
        DeliveryDispatcher dispatcher = dispatcher(WebhookSettings.to(receiver.url(), SECRET), FAST);

        Verdict verdict = verdictOf(dispatcher.submit(Messages.webhook("winback")));

        assertThat(verdict).isEqualTo(new Verdict.Delivered(2));
        List<Received> requests = receiver.received();
        assertThat(Duration.between(requests.get(0).at(), requests.get(1).at()))
                .as("backoff alone would retry within 10 ms").isGreaterThanOrEqualTo(Duration.ofMillis(990));
    }

    @Test
    void shouldDisableAnEndpointThatAnswers410AndFailItsNextMessagesWithoutSending() throws Exception {
        WebhookReceiver gone = receiver(n -> Answer.status(410));
        WebhookReceiver alive = receiver(n -> Answer.status(200));
        DeliveryDispatcher dispatcher = dispatcher(WebhookSettings.to(alive.url(), SECRET)
                .withCampaign("retired", gone.url(), SECRET), FAST);

        Verdict first = verdictOf(dispatcher.submit(Messages.webhook("retired")));
        long start = System.nanoTime();
        Verdict second = verdictOf(dispatcher.submit(Messages.webhook("retired")));
        Duration secondTook = Duration.ofNanos(System.nanoTime() - start);
        Verdict elsewhere = verdictOf(dispatcher.submit(Messages.webhook("winback")));

        assertThat(first).isEqualTo(new Verdict.Failed(FailureReason.ENDPOINT_GONE,
                "webhook:campaign:retired answered 410 Gone", true, 1));
        assertThat(second).isInstanceOf(Verdict.Failed.class);
        assertThat(((Verdict.Failed) second).reason()).isEqualTo(FailureReason.ENDPOINT_DISABLED);
        assertThat(((Verdict.Failed) second).attempts()).isZero();
        assertThat(secondTook).isLessThan(Duration.ofSeconds(1));
        assertThat(gone.received()).as("nothing more is sent to a disabled endpoint").hasSize(1);
        assertThat(elsewhere).isEqualTo(new Verdict.Delivered(1));
        assertThat(dispatcher.disabledEndpoints().get(5, TimeUnit.SECONDS)).containsExactly("webhook:campaign:retired");
        assertThat(meters.get("userops.delivery.endpoints.disabled").gauge().value()).isEqualTo(1);
        assertThat(counter("userops.delivery.failed", "channel", "WEBHOOK", "reason", "endpoint_disabled")).isEqualTo(1);
    }

    @Test
    void shouldKeepDeliveringToOtherEndpointsWhileOneIsSlow() throws Exception {
        WebhookReceiver slow = receiver(n -> Answer.slow(200, 4_000));
        WebhookReceiver fast = receiver(n -> Answer.status(200));
        DeliveryDispatcher dispatcher = dispatcher(WebhookSettings.to(fast.url(), SECRET)
                .withCampaign("slow", slow.url(), SECRET).withConcurrency(2), FAST);

        List<DeliveryDispatcher.Submission> slowOnes = IntStream.range(0, 10)
                .mapToObj(i -> dispatcher.submit(Messages.webhook("slow"))).toList();
        await().atMost(Duration.ofSeconds(5)).until(() -> slow.received().size() == 2);
        long start = System.nanoTime();
        List<DeliveryDispatcher.Submission> fastOnes = IntStream.range(0, 30)
                .mapToObj(i -> dispatcher.submit(Messages.webhook("winback"))).toList();
        for (DeliveryDispatcher.Submission submission : fastOnes) {
            assertThat(verdictOf(submission)).isEqualTo(new Verdict.Delivered(1));
        }
        Duration fastTook = Duration.ofNanos(System.nanoTime() - start);

        assertThat(fastTook).as("the slow endpoint answers after 4 s").isLessThan(Duration.ofSeconds(2));
        assertThat(fast.received()).hasSize(30);
        assertThat(slowOnes).noneMatch(s -> s.verdict().isDone());
        assertThat(slow.received()).as("the slow endpoint gets no more than its concurrency at once").hasSize(2);
        assertThat(meters.get("userops.delivery.in.flight").gauge().value()).isEqualTo(2);
        assertThat(meters.get("userops.delivery.pending").gauge().value()).isEqualTo(10);
    }

    @Test
    void shouldFailA400AtOnceWithoutRetrying() throws Exception {
        WebhookReceiver receiver = receiver(n -> Answer.status(400));
        DeliveryDispatcher dispatcher = dispatcher(WebhookSettings.to(receiver.url(), SECRET), FAST);

        Verdict verdict = verdictOf(dispatcher.submit(Messages.webhook("winback")));

        assertThat(verdict).isEqualTo(new Verdict.Failed("http_400", "attempt 1: http_400", true, 1));
        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void shouldGiveUpAfterMaxAttemptsAndSayWhatTheLastFailureWas() throws Exception {
        WebhookReceiver receiver = receiver(n -> Answer.status(503));
        DeliveryDispatcher dispatcher = dispatcher(WebhookSettings.to(receiver.url(), SECRET),
                new RetryPolicy(Duration.ofMillis(5), Duration.ofMillis(20), 3, Duration.ofSeconds(1)));

        Verdict verdict = verdictOf(dispatcher.submit(Messages.webhook("winback")));

        assertThat(verdict).isEqualTo(new Verdict.Failed(FailureReason.RETRIES_EXHAUSTED, "3 attempts; last: http_503",
                true, 3));
        assertThat(receiver.received()).hasSize(3);
        assertThat(counter("userops.delivery.retries", "channel", "WEBHOOK")).isEqualTo(2);
        assertThat(counter("userops.delivery.failed", "channel", "WEBHOOK", "reason", "retries_exhausted")).isEqualTo(1);
    }

    @Test
    void shouldRetryAnEndpointThatTimesOutInsteadOfWaitingForIt() throws Exception {
        WebhookReceiver receiver = receiver(n -> n == 1 ? Answer.slow(200, 5_000) : Answer.status(200));
        DeliveryDispatcher dispatcher = dispatcher(WebhookSettings.to(receiver.url(), SECRET)
                .withRequestTimeout(Duration.ofMillis(500)), FAST);
        long start = System.nanoTime();

        Verdict verdict = verdictOf(dispatcher.submit(Messages.webhook("winback")));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the first answer comes after 5 s")
                .isLessThan(Duration.ofSeconds(4));
        assertThat(verdict).isInstanceOf(Verdict.Delivered.class);
        assertThat(((Verdict.Delivered) verdict).attempts()).isGreaterThanOrEqualTo(2)
                .isEqualTo(receiver.received().size());
    }

    @Test
    void shouldNotSendAMessagePastItsNotAfter() throws Exception {
        WebhookReceiver receiver = receiver(n -> Answer.status(200));
        DeliveryDispatcher dispatcher = dispatcher(WebhookSettings.to(receiver.url(), SECRET), FAST);
        MessageRequest stale = Messages.base("winback", Channel.WEBHOOK, null)
                .setNotAfter(Instant.now().minusSeconds(1)).build();

        Verdict verdict = verdictOf(dispatcher.submit(stale));

        assertThat(verdict).isEqualTo(new Verdict.Failed(FailureReason.EXPIRED, "past notAfter on arrival", false, 0));
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void shouldExpireInsteadOfRetryingPastNotAfter() throws Exception {
        WebhookReceiver receiver = receiver(n -> Answer.withHeader(503, "Retry-After", "30"));
        DeliveryDispatcher dispatcher = dispatcher(WebhookSettings.to(receiver.url(), SECRET), FAST);
        MessageRequest soonStale = Messages.base("winback", Channel.WEBHOOK, null)
                .setNotAfter(Instant.now().plusSeconds(5)).build();

        Verdict verdict = verdictOf(dispatcher.submit(soonStale));

        assertThat(verdict).isEqualTo(new Verdict.Failed(FailureReason.EXPIRED,
                "next attempt would be past notAfter; last: http_503", false, 1));
        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void shouldFailWebhookMessagesOfCampaignsWithoutAnEndpoint() throws Exception {
        DeliveryDispatcher dispatcher = dispatcher(WebhookSettings.none(), FAST);

        Verdict verdict = verdictOf(dispatcher.submit(Messages.webhook("winback")));

        assertThat(verdict).isEqualTo(new Verdict.Failed(FailureReason.NO_ENDPOINT, "attempt 1: no_endpoint", true, 1));
    }

    @Test
    void shouldFailChannelsWithoutAnAdapter() throws Exception {
        DeliveryDispatcher dispatcher = dispatcher(WebhookSettings.none(), FAST);

        Verdict email = verdictOf(dispatcher.submit(Messages.email("winback", "someone@example.org")));
        Verdict unknown = verdictOf(dispatcher.submit(
                Messages.base("winback", Channel.UNKNOWN, null).build()));

        assertThat(email).isEqualTo(new Verdict.Failed(FailureReason.CHANNEL_NOT_CONFIGURED, "channel EMAIL", true, 0));
        assertThat(unknown).isEqualTo(new Verdict.Failed(FailureReason.UNSUPPORTED_CHANNEL, "channel UNKNOWN", true, 0));
    }

    @Test
    void shouldAbandonWaitingAndRetryingMessagesWhenDrainedButFinishRunningAttempts() throws Exception {
        WebhookReceiver slow = receiver(n -> Answer.slow(200, 1_000));
        WebhookReceiver failing = receiver(n -> Answer.withHeader(503, "Retry-After", "60"));
        DeliveryDispatcher dispatcher = dispatcher(WebhookSettings.to(slow.url(), SECRET)
                .withCampaign("failing", failing.url(), SECRET).withConcurrency(1), FAST);
        DeliveryDispatcher.Submission running = dispatcher.submit(Messages.webhook("winback"));
        DeliveryDispatcher.Submission waiting = dispatcher.submit(Messages.webhook("winback"));
        DeliveryDispatcher.Submission retrying = dispatcher.submit(Messages.webhook("failing"));
        await().atMost(Duration.ofSeconds(5)).until(() -> slow.received().size() == 1 && failing.received().size() == 1);

        dispatcher.drain().get(10, TimeUnit.SECONDS);

        assertThat(verdictOf(running)).isEqualTo(new Verdict.Delivered(1));
        assertThat(verdictOf(waiting)).isEqualTo(new Verdict.Abandoned());
        assertThat(verdictOf(retrying)).isEqualTo(new Verdict.Abandoned());
        assertThat(dispatcher.submit(Messages.webhook("winback")).verdict().get(5, TimeUnit.SECONDS))
                .isEqualTo(new Verdict.Abandoned());
        assertThat(slow.received()).hasSize(1);
    }

    static String independentSignature(String secret, String id, long timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        return "v1," + Base64.getEncoder().encodeToString(
                mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }
}
