package io.userops.trigger.deliver;

import java.net.URI;
import java.util.Objects;

/**
 * A receiver of webhook messages.
 *
 * @param name   how logs and metrics call it: {@code default} or {@code campaign:<campaignId>}
 * @param url    where messages are POSTed (http or https)
 * @param secret the Standard Webhooks signing secret
 */
public record WebhookEndpoint(String name, URI url, WebhookSecret secret) {

    public WebhookEndpoint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(secret, "secret");
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("webhook endpoint " + name + " must be an http or https URL");
        }
        if (url.getHost() == null) {
            throw new IllegalArgumentException("webhook endpoint " + name + " has no host");
        }
    }

    /** Where it is, without path or query (which may hold tokens): for logs. */
    public String origin() {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }

    @Override
    public String toString() {
        return "WebhookEndpoint[" + name + " " + origin() + "/... secret hidden]";
    }
}
