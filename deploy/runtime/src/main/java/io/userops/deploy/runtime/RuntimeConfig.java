package io.userops.deploy.runtime;

import io.userops.segmentation.config.SegmentationConfig;
import io.userops.segmentation.streams.LifecycleSettings;

import io.userops.ingest.config.IngestConfig;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@code ./userops} runs: where data lives, which ports to take, and whether to bring up the
 * embedded broker and registry or use an existing cluster. Built from the environment
 * ({@code USEROPS_*}) and the command line; invalid values fail here, naming the variable.
 *
 * @param command             {@code up} or {@code demo}
 * @param home                data directory ({@code USEROPS_HOME}, default {@code ./.userops})
 * @param kafkaPort           embedded Kafka client port ({@code USEROPS_KAFKA_PORT}, 9092)
 * @param controllerPort      embedded KRaft controller port ({@code USEROPS_CONTROLLER_PORT}, 9093)
 * @param registryPort        development schema registry port ({@code USEROPS_REGISTRY_PORT}, 8085)
 * @param ingestPort          ingest service port ({@code USEROPS_INGEST_PORT}, 8080)
 * @param segmentationPort    segmentation API port ({@code USEROPS_SEGMENTATION_PORT}, 8081)
 * @param triggerPort         trigger API port ({@code USEROPS_TRIGGER_PORT}, 8082)
 * @param smtpPort            the local SMTP server's port ({@code USEROPS_SMTP_PORT}, 2525)
 * @param webhookPort         the local webhook receiver's port ({@code USEROPS_WEBHOOK_PORT}, 8086)
 * @param partitions          partitions of the catalog's topics when created here ({@code USEROPS_PARTITIONS}, 3)
 * @param writeKeys           ingest write keys and sources ({@code USEROPS_INGEST_WRITE_KEYS}, {@code dev-write-key=dev})
 * @param bootstrapServers    an existing cluster ({@code --bootstrap-servers}); empty runs the embedded broker
 * @param schemaRegistry      an existing registry ({@code --schema-registry}); empty runs the development registry
 * @param lifecycleRules      a lifecycle rules file ({@code USEROPS_SEGMENTATION_RULES}); empty takes the
 *                            defaults for {@code up} and the time-compressed demo rules for {@code demo}
 * @param campaigns           a campaigns file ({@code USEROPS_TRIGGER_CAMPAIGNS}); empty takes the bundled examples
 *                            for {@code up} and their time-compressed version for {@code demo}
 */
public record RuntimeConfig(Command command, Path home, int kafkaPort, int controllerPort, int registryPort,
        int ingestPort, int segmentationPort, int triggerPort, int smtpPort, int webhookPort, int partitions,
        String writeKeys, Optional<String> bootstrapServers, Optional<URI> schemaRegistry, Optional<Path> lifecycleRules,
        LifecycleSettings.Memberships memberships, Optional<Path> campaigns) {

    public enum Command {
        UP, DEMO
    }

    /** A port the runtime binds, with the variable that moves it. */
    public record PortSetting(String role, int port, String variable) {
    }

    public RuntimeConfig {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(writeKeys, "writeKeys");
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(schemaRegistry, "schemaRegistry");
        Objects.requireNonNull(lifecycleRules, "lifecycleRules");
        Objects.requireNonNull(campaigns, "campaigns");
        if (partitions < 1) {
            throw new IllegalArgumentException("USEROPS_PARTITIONS must be at least 1, was " + partitions);
        }
        if (schemaRegistry.isPresent() && bootstrapServers.isEmpty()) {
            throw new IllegalArgumentException("--schema-registry needs --bootstrap-servers: the embedded broker"
                    + " comes with its own development registry");
        }
    }

    public boolean embeddedKafka() {
        return bootstrapServers.isEmpty();
    }

    public boolean embeddedRegistry() {
        return schemaRegistry.isEmpty();
    }

    /** The ports this configuration will bind on 127.0.0.1, in start order. */
    public List<PortSetting> portsToBind() {
        List<PortSetting> ports = new ArrayList<>();
        if (embeddedKafka()) {
            ports.add(new PortSetting("Kafka", kafkaPort, "USEROPS_KAFKA_PORT"));
            ports.add(new PortSetting("Kafka controller", controllerPort, "USEROPS_CONTROLLER_PORT"));
        }
        if (embeddedRegistry()) {
            ports.add(new PortSetting("schema registry", registryPort, "USEROPS_REGISTRY_PORT"));
        }
        ports.add(new PortSetting("ingest", ingestPort, "USEROPS_INGEST_PORT"));
        ports.add(new PortSetting("segmentation API", segmentationPort, "USEROPS_SEGMENTATION_PORT"));
        ports.add(new PortSetting("trigger API", triggerPort, "USEROPS_TRIGGER_PORT"));
        ports.add(new PortSetting("local SMTP server", smtpPort, "USEROPS_SMTP_PORT"));
        ports.add(new PortSetting("local webhook receiver", webhookPort, "USEROPS_WEBHOOK_PORT"));
        return ports;
    }

    /**
     * Reads the environment and the arguments {@code [up|demo] [--bootstrap-servers HOST:PORT]
     * [--schema-registry URL]}.
     *
     * @throws IllegalArgumentException naming the argument or variable that is wrong
     */
    public static RuntimeConfig from(Map<String, String> env, List<String> args) {
        Command command = Command.UP;
        Optional<String> bootstrap = Optional.empty();
        Optional<URI> registry = Optional.empty();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "up" -> command = Command.UP;
                case "demo" -> command = Command.DEMO;
                case "--bootstrap-servers" -> bootstrap = Optional.of(valueAfter(args, i++, arg));
                case "--schema-registry" -> registry = Optional.of(registryUrl(valueAfter(args, i++, arg)));
                default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
        }
        Path home = Path.of(env.getOrDefault("USEROPS_HOME", ".userops")).toAbsolutePath().normalize();
        return new RuntimeConfig(command, home,
                port(env, "USEROPS_KAFKA_PORT", 9092),
                port(env, "USEROPS_CONTROLLER_PORT", 9093),
                port(env, "USEROPS_REGISTRY_PORT", 8085),
                port(env, "USEROPS_INGEST_PORT", 8080),
                port(env, "USEROPS_SEGMENTATION_PORT", 8081),
                port(env, "USEROPS_TRIGGER_PORT", 8082),
                port(env, "USEROPS_SMTP_PORT", 2525),
                port(env, "USEROPS_WEBHOOK_PORT", 8086),
                positive(env, "USEROPS_PARTITIONS", 3),
                env.getOrDefault("USEROPS_INGEST_WRITE_KEYS", IngestConfig.DEV_WRITE_KEYS),
                bootstrap, registry,
                Optional.ofNullable(env.get("USEROPS_SEGMENTATION_RULES")).filter(v -> !v.isBlank()).map(Path::of),
                SegmentationConfig.memberships(env),
                Optional.ofNullable(env.get("USEROPS_TRIGGER_CAMPAIGNS")).filter(v -> !v.isBlank()).map(Path::of));
    }

    private static String valueAfter(List<String> args, int index, String option) {
        if (index + 1 >= args.size() || args.get(index + 1).startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(index + 1);
    }

    private static URI registryUrl(String text) {
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--schema-registry '" + text + "' is not a URL");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("--schema-registry must be an http(s) URL, was '" + text + "'");
        }
        return uri;
    }

    private static int port(Map<String, String> env, String variable, int fallback) {
        int port = positive(env, variable, fallback);
        if (port > 65_535) {
            throw new IllegalArgumentException(variable + " must be a port from 1 to 65535, was " + port);
        }
        return port;
    }

    private static int positive(Map<String, String> env, String variable, int fallback) {
        String text = env.get(variable);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value < 1) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + " must be a positive whole number, was '" + text + "'");
        }
    }
}
