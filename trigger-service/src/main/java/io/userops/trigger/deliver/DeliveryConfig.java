package io.userops.trigger.deliver;

import io.userops.schemas.config.Environment;
import io.userops.schemas.registry.SchemaRegistryConfig;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The delivery stage's settings, validated here.
 *
 * @param bootstrapServers       Kafka
 * @param registry               the schema registry
 * @param groupId                the consumer group reading {@code userops.messages.v1}
 * @param webhooks               webhook endpoints
 * @param smtp                   the SMTP server; empty: email messages fail as {@code channel_not_configured}
 * @param retry                  backoff, attempts, Retry-After bound
 * @param maxPendingPerPartition unfinished messages of one partition before it is paused (resumed at half)
 * @param attemptTimeout         the longest any single attempt may run before it counts as a transient
 *                               {@code timeout} (a safety net over the adapters' own timeouts)
 * @param pollTimeout            the consumer's poll timeout, also how often finished work is committed at most
 * @param commitInterval         how often finished offsets are committed while running
 * @param shutdownTimeout        how long close() lets running attempts finish before abandoning them
 * @param consumerOverrides      further Kafka consumer settings, applied last
 * @param producerOverrides      further Kafka producer settings, applied last
 */
public record DeliveryConfig(String bootstrapServers, SchemaRegistryConfig registry, String groupId,
        WebhookSettings webhooks, Optional<SmtpSettings> smtp, RetryPolicy retry, int maxPendingPerPartition,
        Duration attemptTimeout, Duration pollTimeout, Duration commitInterval, Duration shutdownTimeout,
        Map<String, String> consumerOverrides, Map<String, String> producerOverrides) {

    public static final String DEFAULT_GROUP_ID = "userops-delivery";
    private static final String CONSUMER_PREFIX = "USEROPS_TRIGGER_DELIVERY_CONSUMER_";
    private static final String PRODUCER_PREFIX = "USEROPS_TRIGGER_DELIVERY_PRODUCER_";

    public DeliveryConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(webhooks, "webhooks");
        Objects.requireNonNull(smtp, "smtp");
        Objects.requireNonNull(retry, "retry");
        if (groupId.isBlank()) {
            throw new IllegalArgumentException("delivery group id must not be blank");
        }
        if (maxPendingPerPartition < 1) {
            throw new IllegalArgumentException("max pending per partition must be at least 1, was "
                    + maxPendingPerPartition);
        }
        requirePositive("attempt timeout", attemptTimeout);
        requirePositive("poll timeout", pollTimeout);
        requirePositive("commit interval", commitInterval);
        requirePositive("shutdown timeout", shutdownTimeout);
        consumerOverrides = Map.copyOf(consumerOverrides);
        producerOverrides = Map.copyOf(producerOverrides);
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    /** No endpoints yet, the default retry policy, group {@code userops-delivery}, 1000 pending per partition. */
    public static DeliveryConfig development(String bootstrapServers, String registryUrl) {
        return new DeliveryConfig(bootstrapServers, SchemaRegistryConfig.of(registryUrl), DEFAULT_GROUP_ID,
                WebhookSettings.none(), Optional.empty(), RetryPolicy.DEFAULT, 1_000, Duration.ofSeconds(60),
                Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofSeconds(10), Map.of(), Map.of());
    }

    public DeliveryConfig withGroupId(String group) {
        return new DeliveryConfig(bootstrapServers, registry, group, webhooks, smtp, retry, maxPendingPerPartition,
                attemptTimeout, pollTimeout, commitInterval, shutdownTimeout, consumerOverrides, producerOverrides);
    }

    public DeliveryConfig withWebhooks(WebhookSettings settings) {
        return new DeliveryConfig(bootstrapServers, registry, groupId, settings, smtp, retry, maxPendingPerPartition,
                attemptTimeout, pollTimeout, commitInterval, shutdownTimeout, consumerOverrides, producerOverrides);
    }

    public DeliveryConfig withSmtp(SmtpSettings settings) {
        return new DeliveryConfig(bootstrapServers, registry, groupId, webhooks, Optional.of(settings), retry,
                maxPendingPerPartition, attemptTimeout, pollTimeout, commitInterval, shutdownTimeout,
                consumerOverrides, producerOverrides);
    }

    public DeliveryConfig withRetry(RetryPolicy policy) {
        return new DeliveryConfig(bootstrapServers, registry, groupId, webhooks, smtp, policy, maxPendingPerPartition,
                attemptTimeout, pollTimeout, commitInterval, shutdownTimeout, consumerOverrides, producerOverrides);
    }

    public DeliveryConfig withMaxPendingPerPartition(int max) {
        return new DeliveryConfig(bootstrapServers, registry, groupId, webhooks, smtp, retry, max,
                attemptTimeout, pollTimeout, commitInterval, shutdownTimeout, consumerOverrides, producerOverrides);
    }

    public DeliveryConfig withShutdownTimeout(Duration timeout) {
        return new DeliveryConfig(bootstrapServers, registry, groupId, webhooks, smtp, retry, maxPendingPerPartition,
                attemptTimeout, pollTimeout, commitInterval, timeout, consumerOverrides, producerOverrides);
    }

    public DeliveryConfig withConsumerOverrides(Map<String, String> overrides) {
        return new DeliveryConfig(bootstrapServers, registry, groupId, webhooks, smtp, retry, maxPendingPerPartition,
                attemptTimeout, pollTimeout, commitInterval, shutdownTimeout, overrides, producerOverrides);
    }

    /**
     * From the environment:
     * <ul>
     * <li>{@code USEROPS_BOOTSTRAP_SERVERS} (127.0.0.1:9092), {@code USEROPS_SCHEMA_REGISTRY_URL},
     * {@code USEROPS_TRIGGER_DELIVERY_GROUP_ID} (userops-delivery);</li>
     * <li>{@code USEROPS_TRIGGER_WEBHOOK_URL} + {@code USEROPS_TRIGGER_WEBHOOK_SECRET} (whsec_...), the
     * default endpoint; {@code USEROPS_TRIGGER_WEBHOOK_CAMPAIGNS} ({@code campaignId=url,...}) and
     * {@code USEROPS_TRIGGER_WEBHOOK_CAMPAIGN_SECRETS} ({@code campaignId=whsec_...,...}; a campaign
     * without one uses the default secret); {@code USEROPS_TRIGGER_WEBHOOK_TIMEOUT_MS} (10000),
     * {@code USEROPS_TRIGGER_WEBHOOK_CONCURRENCY} (16 per endpoint);</li>
     * <li>{@code USEROPS_TRIGGER_SMTP_HOST} (unset: no email), {@code _PORT} (25), {@code _FROM} (required
     * with a host), {@code _USERNAME}, {@code _PASSWORD}, {@code _STARTTLS} (false), {@code _TIMEOUT_MS}
     * (10000), {@code _CONNECTIONS} (4);</li>
     * <li>{@code USEROPS_TRIGGER_RETRY_BASE_MS} (1000), {@code USEROPS_TRIGGER_RETRY_CAP_MS} (300000),
     * {@code USEROPS_TRIGGER_RETRY_MAX_ATTEMPTS} (8), {@code USEROPS_TRIGGER_RETRY_AFTER_MAX_MS} (3600000);</li>
     * <li>{@code USEROPS_TRIGGER_DELIVERY_MAX_PENDING} (1000 per partition),
     * {@code USEROPS_TRIGGER_DELIVERY_ATTEMPT_TIMEOUT_MS} (60000),
     * {@code USEROPS_TRIGGER_DELIVERY_SHUTDOWN_TIMEOUT_MS} (10000);</li>
     * <li>{@code USEROPS_TRIGGER_DELIVERY_CONSUMER_*} and {@code USEROPS_TRIGGER_DELIVERY_PRODUCER_*}: Kafka
     * client settings ({@code USEROPS_TRIGGER_DELIVERY_PRODUCER_LINGER_MS=10} sets {@code linger.ms}).</li>
     * </ul>
     */
    public static DeliveryConfig fromEnvironment(Map<String, String> env) {
        DeliveryConfig defaults = development(env.getOrDefault("USEROPS_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
                "http://127.0.0.1:8085");
        RetryPolicy retry = new RetryPolicy(
                millis(env, "USEROPS_TRIGGER_RETRY_BASE_MS", RetryPolicy.DEFAULT.base()),
                millis(env, "USEROPS_TRIGGER_RETRY_CAP_MS", RetryPolicy.DEFAULT.cap()),
                Environment.integer(env, "USEROPS_TRIGGER_RETRY_MAX_ATTEMPTS", RetryPolicy.DEFAULT.maxAttempts()),
                millis(env, "USEROPS_TRIGGER_RETRY_AFTER_MAX_MS", RetryPolicy.DEFAULT.maxRetryAfter()));
        return new DeliveryConfig(defaults.bootstrapServers(), Environment.schemaRegistry(env),
                env.getOrDefault("USEROPS_TRIGGER_DELIVERY_GROUP_ID", DEFAULT_GROUP_ID),
                webhooksFrom(env), smtpFrom(env), retry,
                Environment.integer(env, "USEROPS_TRIGGER_DELIVERY_MAX_PENDING", defaults.maxPendingPerPartition()),
                millis(env, "USEROPS_TRIGGER_DELIVERY_ATTEMPT_TIMEOUT_MS", defaults.attemptTimeout()),
                defaults.pollTimeout(), defaults.commitInterval(),
                millis(env, "USEROPS_TRIGGER_DELIVERY_SHUTDOWN_TIMEOUT_MS", defaults.shutdownTimeout()),
                Environment.kafkaSettings(env, CONSUMER_PREFIX), Environment.kafkaSettings(env, PRODUCER_PREFIX));
    }

    static WebhookSettings webhooksFrom(Map<String, String> env) {
        Optional<String> url = text(env, "USEROPS_TRIGGER_WEBHOOK_URL");
        Optional<String> secret = text(env, "USEROPS_TRIGGER_WEBHOOK_SECRET");
        Optional<WebhookEndpoint> fallback = url.map(u -> new WebhookEndpoint("default", URI.create(u),
                WebhookSecret.parse(secret.orElseThrow(() -> new IllegalArgumentException(
                        "USEROPS_TRIGGER_WEBHOOK_URL needs USEROPS_TRIGGER_WEBHOOK_SECRET (whsec_...)")))));
        Map<String, String> secrets = pairs(env, "USEROPS_TRIGGER_WEBHOOK_CAMPAIGN_SECRETS");
        Map<String, WebhookEndpoint> campaigns = new LinkedHashMap<>();
        pairs(env, "USEROPS_TRIGGER_WEBHOOK_CAMPAIGNS").forEach((campaign, target) -> {
            String campaignSecret = Optional.ofNullable(secrets.get(campaign)).or(() -> secret).orElseThrow(() ->
                    new IllegalArgumentException("webhook campaign " + campaign + " has no secret in "
                            + "USEROPS_TRIGGER_WEBHOOK_CAMPAIGN_SECRETS and there is no USEROPS_TRIGGER_WEBHOOK_SECRET"));
            campaigns.put(campaign, new WebhookEndpoint("campaign:" + campaign, URI.create(target),
                    WebhookSecret.parse(campaignSecret)));
        });
        return new WebhookSettings(fallback, campaigns,
                millis(env, "USEROPS_TRIGGER_WEBHOOK_TIMEOUT_MS", WebhookSettings.DEFAULT_TIMEOUT),
                Environment.integer(env, "USEROPS_TRIGGER_WEBHOOK_CONCURRENCY", WebhookSettings.DEFAULT_CONCURRENCY));
    }

    static Optional<SmtpSettings> smtpFrom(Map<String, String> env) {
        Optional<String> host = text(env, "USEROPS_TRIGGER_SMTP_HOST");
        if (host.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SmtpSettings(host.get(),
                Environment.integer(env, "USEROPS_TRIGGER_SMTP_PORT", 25),
                text(env, "USEROPS_TRIGGER_SMTP_FROM").orElseThrow(() ->
                        new IllegalArgumentException("USEROPS_TRIGGER_SMTP_HOST needs USEROPS_TRIGGER_SMTP_FROM")),
                text(env, "USEROPS_TRIGGER_SMTP_USERNAME"), text(env, "USEROPS_TRIGGER_SMTP_PASSWORD"),
                bool(env, "USEROPS_TRIGGER_SMTP_STARTTLS", false),
                millis(env, "USEROPS_TRIGGER_SMTP_TIMEOUT_MS", SmtpSettings.DEFAULT_TIMEOUT),
                Environment.integer(env, "USEROPS_TRIGGER_SMTP_CONNECTIONS", SmtpSettings.DEFAULT_CONNECTIONS)));
    }

    private static Optional<String> text(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(s -> !s.isEmpty());
    }

    private static Duration millis(Map<String, String> env, String name, Duration fallback) {
        return Duration.ofMillis(Environment.integer(env, name, (int) Math.min(Integer.MAX_VALUE, fallback.toMillis())));
    }

    private static boolean bool(Map<String, String> env, String name, boolean fallback) {
        Optional<String> value = text(env, name).map(s -> s.toLowerCase(Locale.ROOT));
        if (value.isEmpty()) {
            return fallback;
        }
        if (!value.get().equals("true") && !value.get().equals("false")) {
            throw new IllegalArgumentException(name + " must be true or false, was '" + value.get() + "'");
        }
        return Boolean.parseBoolean(value.get());
    }

    /** {@code key=value,key=value}; each pair splits at its first '='. */
    private static Map<String, String> pairs(Map<String, String> env, String name) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String item : text(env, name).orElse("").split(",")) {
            if (item.isBlank()) {
                continue;
            }
            int equals = item.indexOf('=');
            if (equals < 1 || equals == item.length() - 1) {
                throw new IllegalArgumentException(name + " must be campaignId=value pairs separated by commas");
            }
            pairs.put(item.substring(0, equals).trim(), item.substring(equals + 1).trim());
        }
        return pairs;
    }

    @Override
    public String toString() {
        return "DeliveryConfig[bootstrapServers=" + bootstrapServers + ", registry=" + registry + ", groupId=" + groupId
                + ", webhooks=" + webhooks + ", smtp=" + smtp.map(String::valueOf).orElse("none") + ", retry=" + retry
                + ", maxPendingPerPartition=" + maxPendingPerPartition + ", attemptTimeout=" + attemptTimeout
                + ", pollTimeout=" + pollTimeout + ", commitInterval=" + commitInterval + ", shutdownTimeout="
                + shutdownTimeout + ", consumerOverrides=" + consumerOverrides.keySet() + ", producerOverrides="
                + producerOverrides.keySet() + " (values hidden)]";
    }
}
