package io.userops.trigger.deliver;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where webhook messages go.
 *
 * @param defaultEndpoint for campaigns without an endpoint of their own
 * @param campaigns       campaignId to its own endpoint
 * @param requestTimeout  the longest one POST may take, connecting included; longer is a transient failure
 * @param concurrency     POSTs in flight at once per endpoint
 */
public record WebhookSettings(Optional<WebhookEndpoint> defaultEndpoint, Map<String, WebhookEndpoint> campaigns,
        Duration requestTimeout, int concurrency) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_CONCURRENCY = 16;

    public WebhookSettings {
        Objects.requireNonNull(defaultEndpoint, "defaultEndpoint");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        campaigns = Map.copyOf(campaigns);
        if (requestTimeout.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("webhook timeout must be at least 100 ms, was " + requestTimeout);
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("webhook concurrency must be at least 1, was " + concurrency);
        }
    }

    /** No webhook endpoints: webhook messages fail with {@code no_endpoint}. */
    public static WebhookSettings none() {
        return new WebhookSettings(Optional.empty(), Map.of(), DEFAULT_TIMEOUT, DEFAULT_CONCURRENCY);
    }

    /** Everything to one endpoint. */
    public static WebhookSettings to(java.net.URI url, String secret) {
        return new WebhookSettings(Optional.of(new WebhookEndpoint("default", url, WebhookSecret.parse(secret))),
                Map.of(), DEFAULT_TIMEOUT, DEFAULT_CONCURRENCY);
    }

    /** These settings plus an endpoint of its own for {@code campaignId}. */
    public WebhookSettings withCampaign(String campaignId, java.net.URI url, String secret) {
        Map<String, WebhookEndpoint> more = new LinkedHashMap<>(campaigns);
        more.put(campaignId, new WebhookEndpoint("campaign:" + campaignId, url, WebhookSecret.parse(secret)));
        return new WebhookSettings(defaultEndpoint, more, requestTimeout, concurrency);
    }

    public WebhookSettings withRequestTimeout(Duration timeout) {
        return new WebhookSettings(defaultEndpoint, campaigns, timeout, concurrency);
    }

    public WebhookSettings withConcurrency(int perEndpoint) {
        return new WebhookSettings(defaultEndpoint, campaigns, requestTimeout, perEndpoint);
    }

    /** The campaign's own endpoint, else the default. */
    public Optional<WebhookEndpoint> endpointFor(String campaignId) {
        WebhookEndpoint own = campaigns.get(campaignId);
        return own != null ? Optional.of(own) : defaultEndpoint;
    }
}
