package io.userops.trigger.config;

import io.userops.schemas.config.Environment;
import io.userops.schemas.registry.SchemaRegistryConfig;
import io.userops.trigger.campaign.Campaigns;
import io.userops.trigger.deliver.DeliveryConfig;
import io.userops.rules.yaml.HumanDuration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the trigger service runs.
 *
 * @param advertisedHost  how the other instances reach this one's API ({@code application.server}), for counts
 *                        summed over every instance
 * @param campaigns       the campaigns and their settings
 * @param campaignsFile   where they came from, for error messages ({@value CampaignsFile#DEFAULTS} when bundled)
 * @param delivery        the delivery stage's settings
 * @param streamsOverrides further Kafka Streams settings of the decision stage, applied last
 * @param guardGroup      the segmentation service's consumer group, whose lag tells whether silence is real
 * @param freshnessBound  how far behind that group may be before sends that depend on silence are held
 */
public record TriggerConfig(String host, String advertisedHost, int port, String bootstrapServers,
                            SchemaRegistryConfig registry, String applicationId, Path stateDir, Campaigns campaigns,
                            String campaignsFile,
                            DeliveryConfig delivery, Map<String, String> streamsOverrides, String guardGroup,
                            Duration freshnessBound) {

    public static final String DEFAULT_APPLICATION_ID = "userops-trigger";
    public static final String DEFAULT_GUARD_GROUP = "userops-segmentation";
    public static final Duration DEFAULT_FRESHNESS_BOUND = Duration.ofMinutes(5);
    private static final String STREAMS_PREFIX = "USEROPS_TRIGGER_KAFKA_";

    public TriggerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(advertisedHost, "advertisedHost");
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(campaigns, "campaigns");
        Objects.requireNonNull(campaignsFile, "campaignsFile");
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(guardGroup, "guardGroup");
        if (freshnessBound.isNegative() || freshnessBound.isZero()) {
            throw new IllegalArgumentException("the freshness bound must be positive, was " + freshnessBound);
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("trigger port must be 0-65535, was " + port);
        }
        streamsOverrides = Map.copyOf(streamsOverrides);
    }

    /** On 127.0.0.1, application id {@value #DEFAULT_APPLICATION_ID}, no Streams overrides. */
    public static TriggerConfig development(int port, String bootstrapServers, String registryUrl, Path stateDir,
            Campaigns campaigns, String campaignsFile, DeliveryConfig delivery) {
        return new TriggerConfig("127.0.0.1", "127.0.0.1", port, bootstrapServers,
                SchemaRegistryConfig.of(registryUrl), DEFAULT_APPLICATION_ID, stateDir, campaigns, campaignsFile,
                delivery, Map.of(), DEFAULT_GUARD_GROUP, DEFAULT_FRESHNESS_BOUND);
    }

    /**
     * From {@code USEROPS_TRIGGER_HOST}, {@code _ADVERTISED_HOST} (the host), {@code _PORT} (8082),
             {@code _APPLICATION_ID}, {@code _STATE_DIR},
     * {@code _CAMPAIGNS} (a campaigns YAML file; the bundled examples when unset), {@code USEROPS_BOOTSTRAP_SERVERS},
     * {@code USEROPS_SCHEMA_REGISTRY_URL}, {@code USEROPS_TRIGGER_KAFKA_*} (Streams settings of the decision stage),
     * {@code USEROPS_TRIGGER_GUARD_GROUP} (userops-segmentation), {@code USEROPS_TRIGGER_FRESHNESS_BOUND} (5m)
     * and the delivery settings of {@link DeliveryConfig#fromEnvironment}.
     */
    public static TriggerConfig fromEnvironment(Map<String, String> env) {
        Optional<Path> file = Optional.ofNullable(env.get("USEROPS_TRIGGER_CAMPAIGNS")).filter(s -> !s.isBlank())
                .map(s -> Path.of(s.trim()));
        Campaigns campaigns = file.map(CampaignsFile::load).orElseGet(CampaignsFile::defaults);
        String host = env.getOrDefault("USEROPS_TRIGGER_HOST", "127.0.0.1");
        return new TriggerConfig(host, env.getOrDefault("USEROPS_TRIGGER_ADVERTISED_HOST", host),
                Environment.integer(env, "USEROPS_TRIGGER_PORT", 8082), env.getOrDefault("USEROPS_BOOTSTRAP_SERVERS",
                "127.0.0.1:9092"), Environment.schemaRegistry(env), env.getOrDefault("USEROPS_TRIGGER_APPLICATION_ID",
                DEFAULT_APPLICATION_ID), Path.of(env.getOrDefault("USEROPS_TRIGGER_STATE_DIR",
                ".userops/trigger-state")), campaigns, file.map(Path::toString).orElse(CampaignsFile.DEFAULTS),
                DeliveryConfig.fromEnvironment(env), Environment.kafkaSettings(env, STREAMS_PREFIX),
                env.getOrDefault("USEROPS_TRIGGER_GUARD_GROUP", DEFAULT_GUARD_GROUP),
                Optional.ofNullable(env.get("USEROPS_TRIGGER_FRESHNESS_BOUND")).filter(v -> !v.isBlank()) .map(v ->
                HumanDuration.parse(v.trim())).orElse(DEFAULT_FRESHNESS_BOUND));
    }

    public TriggerConfig withPort(int next) {
        return new TriggerConfig(host, advertisedHost, next, bootstrapServers, registry, applicationId, stateDir,
                campaigns, campaignsFile, delivery, streamsOverrides, guardGroup, freshnessBound);
    }

    public TriggerConfig withApplicationId(String next) {
        return new TriggerConfig(host, advertisedHost, port, bootstrapServers, registry, next, stateDir, campaigns,
                campaignsFile, delivery.withGroupId(deliveryGroup(next)), streamsOverrides, guardGroup,
                freshnessBound);
    }

    public TriggerConfig withGuard(String group, Duration bound) {
        return new TriggerConfig(host, advertisedHost, port, bootstrapServers, registry, applicationId, stateDir,
                campaigns, campaignsFile, delivery, streamsOverrides, group, bound);
    }

    /** The delivery stage's consumer group next to the decision stage {@code applicationId}. */
    public static String deliveryGroup(String applicationId) {
        return applicationId + "-delivery";
    }

    public TriggerConfig withDelivery(DeliveryConfig next) {
        return new TriggerConfig(host, advertisedHost, port, bootstrapServers, registry, applicationId, stateDir,
                campaigns, campaignsFile, next, streamsOverrides, guardGroup, freshnessBound);
    }

    public TriggerConfig withStreamsOverrides(Map<String, String> next) {
        return new TriggerConfig(host, advertisedHost, port, bootstrapServers, registry, applicationId, stateDir,
                campaigns, campaignsFile, delivery, next, guardGroup, freshnessBound);
    }

    @Override
    public String toString() {
        return "TriggerConfig[host=" + host + ", port=" + port + ", bootstrapServers=" + bootstrapServers
                + ", registry=" + registry + ", applicationId=" + applicationId + ", stateDir=" + stateDir
                + ", campaigns=" + campaigns.campaigns().size() + " from " + campaignsFile + ", delivery=" + delivery
                + ", streamsOverrides=" + streamsOverrides.keySet() + ", guardGroup=" + guardGroup + ", freshnessBound="
                + freshnessBound + "]";
    }
}
