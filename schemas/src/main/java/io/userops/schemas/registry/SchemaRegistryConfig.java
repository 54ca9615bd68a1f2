package io.userops.schemas.registry;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach a schema registry that speaks the Confluent REST API (Confluent Schema Registry,
 * Karapace, Apicurio's {@code /apis/ccompat/v7}, Redpanda, or the development registry).
 *
 * @param url             base URL, e.g. {@code http://127.0.0.1:8085}
 * @param basicAuth       {@code user:password} for HTTP Basic, when the registry needs it
 * @param requestTimeout  bound on one HTTP exchange
 * @param autoRegister    register schemas on first use; when false the schema must already be registered
 */
public record SchemaRegistryConfig(URI url, Optional<String> basicAuth, Duration requestTimeout, boolean autoRegister) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public SchemaRegistryConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(basicAuth, "basicAuth");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("schema registry URL must be http or https, was '" + url + "'");
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("schema registry request timeout must be positive, was " + requestTimeout);
        }
        basicAuth.ifPresent(auth -> {
            if (!auth.contains(":")) {
                throw new IllegalArgumentException("schema registry basic auth must be 'user:password'");
            }
        });
        String text = url.toString();
        if (text.endsWith("/")) {
            url = URI.create(text.substring(0, text.length() - 1));
        }
    }

    public static SchemaRegistryConfig of(String url) {
        return new SchemaRegistryConfig(URI.create(url), Optional.empty(), DEFAULT_TIMEOUT, true);
    }

    @Override
    public String toString() {
        return "SchemaRegistryConfig[url=" + url + ", basicAuth=" + (basicAuth.isPresent() ? "[hidden]" : "none")
                + ", requestTimeout=" + requestTimeout + ", autoRegister=" + autoRegister + "]";
    }
}
