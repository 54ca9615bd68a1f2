package io.userops.trigger.deliver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.userops.avro.MessageRequest;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Webhook delivery: a signed JSON POST per message, following Standard Webhooks. The
 * {@code webhook-id} is the messageId on every attempt, so a receiver deduplicates on it; the
 * timestamp and signature are fresh on each attempt.
 *
 * <p>2xx is delivered; 410 Gone is {@link DeliveryOutcome.EndpointGone}; 408, 429 and 5xx, timeouts
 * and connection errors are transient (with the Retry-After the receiver gave); any other status is
 * a permanent failure {@code http_<status>}.
 */
public final class WebhookAdapter implements DeliveryAdapter {

    public static final String ID_HEADER = "webhook-id";
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    public static final String SIGNATURE_HEADER = "webhook-signature";
    private static final String NO_ENDPOINT_LANE = "webhook:none";

    private final WebhookSettings settings;
    private final HttpClient client;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    public WebhookAdapter(WebhookSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public String endpointOf(MessageRequest message) {
        return settings.endpointFor(message.getCampaignId()).map(e -> "webhook:" + e.name()).orElse(NO_ENDPOINT_LANE);
    }

    @Override
    public int concurrencyPerEndpoint() {
        return settings.concurrency();
    }

    @Override
    public CompletableFuture<DeliveryOutcome> attempt(MessageRequest message) {
        Optional<WebhookEndpoint> endpoint = settings.endpointFor(message.getCampaignId());
        if (endpoint.isEmpty()) {
            return CompletableFuture.completedFuture(DeliveryOutcome.permanent(FailureReason.NO_ENDPOINT));
        }
        String body = payload(message);
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(endpoint.get().url())
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "UserOps-Delivery")
                .header(ID_HEADER, message.getMessageId())
                .header(TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(SIGNATURE_HEADER, endpoint.get().secret().signature(message.getMessageId(), timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, error) -> error == null
                        ? outcomeOf(response.statusCode(), response.headers().firstValue("Retry-After"), clock.instant())
                        : outcomeOf(error));
    }

    /** The JSON body: the message without its recipient (webhooks have none) and routing fields. */
    String payload(MessageRequest message) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("messageId", message.getMessageId());
        fields.put("campaignId", message.getCampaignId());
        fields.put("userId", message.getUserId());
        fields.put("channel", message.getChannel().name());
        fields.put("subject", message.getSubject());
        fields.put("body", message.getBody());
        fields.put("locale", message.getLocale());
        fields.put("decidedAt", message.getDecidedAt().toString());
        try {
            return json.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings did not serialise", e);
        }
    }

    static DeliveryOutcome outcomeOf(int status, Optional<String> retryAfter, Instant now) {
        if (status >= 200 && status < 300) {
            return DeliveryOutcome.delivered();
        }
        if (status == 410) {
            return new DeliveryOutcome.EndpointGone();
        }
        if (status == 408 || status == 429 || status >= 500) {
            return new DeliveryOutcome.RetryLater("http_" + status,
                    retryAfter.flatMap(value -> RetryAfter.parse(value, now)));
        }
        return DeliveryOutcome.permanent("http_" + status);
    }

    static DeliveryOutcome outcomeOf(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof HttpTimeoutException) {
            return DeliveryOutcome.retryLater("timeout");
        }
        if (cause instanceof ConnectException) {
            return DeliveryOutcome.retryLater("connection_failed");
        }
        if (cause instanceof IOException) {
            return DeliveryOutcome.retryLater("io_error");
        }
        return DeliveryOutcome.retryLater("unexpected_error");
    }
}
