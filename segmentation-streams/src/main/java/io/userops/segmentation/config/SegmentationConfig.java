package io.userops.segmentation.config;

import io.userops.rules.yaml.HumanDuration;
import io.userops.schemas.config.Environment;
import io.userops.schemas.registry.SchemaRegistryConfig;
import io.userops.segmentation.identity.IdentityRules;
import io.userops.segmentation.lifecycle.LifecycleRules;
import io.userops.segmentation.profile.ProfileRules;
import io.userops.segmentation.streams.LifecycleSettings;
import io.userops.segmentation.streams.TimeMode;
import io.userops.segmentation.tags.TagRules;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The segmentation service's settings, validated here.
 *
 * @param host             address the query API listens on
 * @param port             port of the query API (0 picks one)
 * @param advertisedHost   how other instances reach this one ({@code application.server} host)
 * @param applicationId    the Kafka Streams application id: instances with the same id share the partitions
 * @param stateDir         where RocksDB keeps the state
 * @param lifecycle        rules, clock mode and timer settings
 * @param standbyReplicas  warm copies of each task's state on other instances
 * @param streamsOverrides further Kafka Streams settings, applied last
 */
public record SegmentationConfig(String host, int port, String advertisedHost, String bootstrapServers,
                                 SchemaRegistryConfig registry, String applicationId, Path stateDir,
                                 LifecycleSettings lifecycle, int standbyReplicas,
                                 Map<String, String> streamsOverrides, Duration erasureSuppression) {

    public static final String DEFAULT_APPLICATION_ID = "userops-segmentation";
    public static final Duration DEFAULT_ERASURE_SUPPRESSION = Duration.ofDays(30);
    public static final int MAX_SWEEP_USERS_PER_SECOND = 10_000;
    private static final String STREAMS_PREFIX = "USEROPS_SEGMENTATION_KAFKA_";

    public SegmentationConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(advertisedHost, "advertisedHost");
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(lifecycle, "lifecycle");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("segmentation port must be 0-65535, was " + port);
        }
        if (standbyReplicas < 0) {
            throw new IllegalArgumentException("standby replicas must be 0 or more, was " + standbyReplicas);
        }
        streamsOverrides = Map.copyOf(streamsOverrides);
    }

    public static SegmentationConfig development(int port, String bootstrapServers, String registryUrl, Path stateDir,
                                                 LifecycleSettings lifecycle) {
        return new SegmentationConfig("127.0.0.1", port, "127.0.0.1", bootstrapServers, SchemaRegistryConfig.of(registryUrl),
                DEFAULT_APPLICATION_ID, stateDir, lifecycle, 0, Map.of(), DEFAULT_ERASURE_SUPPRESSION);
    }

    /**
     * From {@code USEROPS_SEGMENTATION_HOST}, {@code _PORT} (8081), {@code _ADVERTISED_HOST},
     * {@code _APPLICATION_ID}, {@code _STATE_DIR}, {@code _RULES} (a lifecycle YAML file), {@code _MODE}
     * (live or replay), {@code _MAX_USERS_PER_TICK}, {@code _STANDBY_REPLICAS}, {@code _DEDUP_WINDOW} (a human
     * duration, 24h), {@code _BLOCKED_IDS} (comma-separated, replacing the default junk ids),
     * {@code _MAX_IDENTIFIERS_PER_USER} (20), {@code _TAGS} (a tag rules YAML file), {@code _SEGMENTS} (a segments
     * YAML file, with behaviour tags), {@code _SWEEP_USERS_PER_SECOND} (2000), {@code _ERASURE_SUPPRESSION} (how long
     * an erased id's events are dropped, 30d), {@code USEROPS_BOOTSTRAP_SERVERS},
     * {@code USEROPS_SCHEMA_REGISTRY_URL} and {@code USEROPS_SEGMENTATION_KAFKA_*} (Streams settings:
     * {@code USEROPS_SEGMENTATION_KAFKA_COMMIT_INTERVAL_MS=200} sets {@code commit.interval.ms}).
     */
    public static SegmentationConfig fromEnvironment(Map<String, String> env) {
        Map<String, String> streams = Environment.kafkaSettings(env, STREAMS_PREFIX);
        LifecycleRules rules = Optional.ofNullable(env.get("USEROPS_SEGMENTATION_RULES")).filter(s -> !s.isBlank())
                .map(file -> LifecycleRulesFile.load(Path.of(file))).orElseGet(LifecycleRules::defaults);
        LifecycleSettings lifecycle = LifecycleSettings.live(rules)
                .withMode(mode(env.getOrDefault("USEROPS_SEGMENTATION_MODE", "live")))
                .withMaxUsersPerTick(Environment.integer(env, "USEROPS_SEGMENTATION_MAX_USERS_PER_TICK", 5_000))
                .withDedupWindow(duration(env, "USEROPS_SEGMENTATION_DEDUP_WINDOW", Duration.ofHours(24)))
                .withIdentity(new IdentityRules(blockedIds(env.get("USEROPS_SEGMENTATION_BLOCKED_IDS")),
                        Environment.integer(env, "USEROPS_SEGMENTATION_MAX_IDENTIFIERS_PER_USER", 20)))
                .withMemberships(memberships(env));
        String host = env.getOrDefault("USEROPS_SEGMENTATION_HOST", "127.0.0.1");
        return new SegmentationConfig(host, Environment.integer(env, "USEROPS_SEGMENTATION_PORT", 8081),
                env.getOrDefault("USEROPS_SEGMENTATION_ADVERTISED_HOST", host),
                env.getOrDefault("USEROPS_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
                Environment.schemaRegistry(env),
                env.getOrDefault("USEROPS_SEGMENTATION_APPLICATION_ID", DEFAULT_APPLICATION_ID),
                Path.of(env.getOrDefault("USEROPS_SEGMENTATION_STATE_DIR", ".userops/segmentation-state")),
                lifecycle, Environment.integer(env, "USEROPS_SEGMENTATION_STANDBY_REPLICAS", 0), streams,
                duration(env, "USEROPS_SEGMENTATION_ERASURE_SUPPRESSION", DEFAULT_ERASURE_SUPPRESSION));
    }

    public SegmentationConfig withStreamsOverrides(Map<String, String> next) {
        return new SegmentationConfig(host, port, advertisedHost, bootstrapServers, registry, applicationId, stateDir,
                lifecycle, standbyReplicas, next, erasureSuppression);
    }

    public SegmentationConfig withApplicationId(String next) {
        return new SegmentationConfig(host, port, advertisedHost, bootstrapServers, registry, next, stateDir,
                lifecycle, standbyReplicas, streamsOverrides, erasureSuppression);
    }

    /**
     * The default tag rules, behaviour tags and segments, or the files named by {@code USEROPS_SEGMENTATION_TAGS}
     * and {@code _SEGMENTS}; the sweep rate from {@code _SWEEP_USERS_PER_SECOND}.
     */
    public static LifecycleSettings.Memberships memberships(Map<String, String> env) {
        TagRules tags = file(env, "USEROPS_SEGMENTATION_TAGS").map(TagRulesFile::load).orElseGet(TagRulesFile::defaults);
        SegmentsFile.Definitions definitions = file(env, "USEROPS_SEGMENTATION_SEGMENTS").map(SegmentsFile::loadAll)
                .orElseGet(SegmentsFile::defaults);
        int sweep = Environment.integer(env, "USEROPS_SEGMENTATION_SWEEP_USERS_PER_SECOND", 2_000);
        if (sweep < 1 || sweep > MAX_SWEEP_USERS_PER_SECOND) {
            // Measured: about 210 µs of stream-thread time per profile revisited (docs/benchmarks.md, part e). One
            // tick's slice is one transaction under exactly_once_v2; a larger one can outlast its 10 s timeout.
            throw new IllegalArgumentException("USEROPS_SEGMENTATION_SWEEP_USERS_PER_SECOND must be 1 to "
                    + MAX_SWEEP_USERS_PER_SECOND + " (profiles per task and tick; a larger slice can outlast the"
                    + " exactly-once transaction timeout), was " + sweep);
        }
        return new LifecycleSettings.Memberships(ProfileRules.defaults(), tags, definitions.behaviourTags(),
                definitions.segments(), sweep, Duration.ofMinutes(1), Duration.ofSeconds(10));
    }

    private static Optional<Path> file(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).filter(text -> !text.isBlank()).map(text -> Path.of(text.trim()));
    }

    private static Duration duration(Map<String, String> env, String name, Duration fallback) {
        String text = env.get(name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return HumanDuration.parse(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " must be a duration such as 24h or 3d, was '" + text + "'");
        }
    }

    private static Set<String> blockedIds(String text) {
        if (text == null || text.isBlank()) {
            return IdentityRules.DEFAULT_BLOCKED_IDS;
        }
        return Arrays.stream(text.split(",")).map(String::trim).filter(id -> !id.isEmpty()).collect(Collectors.toSet());
    }

    private static TimeMode mode(String text) {
        try {
            return TimeMode.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("USEROPS_SEGMENTATION_MODE must be live or replay, was '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return "SegmentationConfig[host=" + host + ", port=" + port + ", advertisedHost=" + advertisedHost
                + ", bootstrapServers=" + bootstrapServers + ", registry=" + registry + ", applicationId=" + applicationId
                + ", stateDir=" + stateDir + ", mode=" + lifecycle.mode() + ", maxUsersPerTick=" + lifecycle.maxUsersPerTick()
                + ", standbyReplicas=" + standbyReplicas + ", streamsOverrides=" + streamsOverrides.keySet() + "]";
    }
}
