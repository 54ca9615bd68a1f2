package io.userops.deploy.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka (KRaft, broker and controller in one process) from the Kafka jars: the
 * same properties a user would put in {@code server.properties}, storage formatted once the way
 * {@code kafka-storage.sh format --standalone} does, data kept across restarts.
 *
 * <p>{@link KafkaRaftServer} and {@link StorageTool} are internal classes: the Kafka version is
 * pinned in the parent pom and {@code EmbeddedKafkaIT} is the smoke test that catches a change.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final int NODE_ID = 1;

    /**
     * @param dataDir        where the log directory and {@code server.properties} live
     * @param port           the PLAINTEXT listener clients connect to, on 127.0.0.1
     * @param controllerPort the KRaft controller listener, on 127.0.0.1
     * @param overrides      further broker properties, applied last
     */
    public record Config(Path dataDir, int port, int controllerPort, Map<String, String> overrides) {
        public Config {
            if (port <= 0 || controllerPort <= 0 || port == controllerPort) {
                throw new IllegalArgumentException("Kafka needs two distinct ports, got " + port + " and " + controllerPort);
            }
            overrides = Map.copyOf(overrides);
        }

        public Config(Path dataDir, int port, int controllerPort) {
            this(dataDir, port, controllerPort, Map.of());
        }
    }

    private final Config config;
    private KafkaRaftServer server;

    public EmbeddedKafka(Config config) {
        this.config = config;
    }

    /** Formats the storage on first use, then starts the node; returns once the broker serves requests. */
    public synchronized EmbeddedKafka start() {
        if (server != null) {
            throw new IllegalStateException("Kafka is already running on port " + config.port());
        }
        Path logDir = config.dataDir().resolve("kraft-logs");
        Path propertiesFile = config.dataDir().resolve("server.properties");
        Properties properties = serverProperties(logDir);
        writeProperties(properties, propertiesFile);
        if (Files.exists(logDir.resolve("meta.properties"))) {
            log.info("Kafka storage found in {}, not formatting", logDir);
        } else {
            format(propertiesFile);
        }
        long started = System.nanoTime();
        server = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
        server.startup();
        log.info("Kafka ready on {} in {} ms (data in {})", bootstrapServers(),
                (System.nanoTime() - started) / 1_000_000, logDir);
        return this;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + config.port();
    }

    public Config config() {
        return config;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Stops the node and waits until it has released its ports and files. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
        log.info("Kafka on port {} stopped", config.port());
    }

    @Override
    public void close() {
        stop();
    }

    private Properties serverProperties(Path logDir) {
        Map<String, String> p = new TreeMap<>();
        String broker = "127.0.0.1:" + config.port();
        String controller = "127.0.0.1:" + config.controllerPort();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        p.put("controller.quorum.bootstrap.servers", controller);
        p.put("listeners", "PLAINTEXT://" + broker + ",CONTROLLER://" + controller);
        p.put("advertised.listeners", "PLAINTEXT://" + broker + ",CONTROLLER://" + controller);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toAbsolutePath().toString());
        // One node: every internal topic with a single replica.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "3");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        // The default 3 s wait before the first rebalance only slows a single-member group down.
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.partitions", "3");
        p.put("auto.create.topics.enable", "false");
        p.put("log.cleaner.dedupe.buffer.size", Long.toString(8L * 1024 * 1024));
        p.putAll(config.overrides());
        Properties properties = new Properties();
        properties.putAll(p);
        return properties;
    }

    private void format(Path propertiesFile) {
        String clusterId = Uuid.randomUuid().toString();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exitCode;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            exitCode = StorageTool.execute(new String[] {
                "format", "--standalone", "--cluster-id", clusterId, "--config", propertiesFile.toString()}, out);
        }
        String printed = output.toString(StandardCharsets.UTF_8).trim();
        if (exitCode != 0) {
            throw new IllegalStateException("formatting Kafka storage failed (exit " + exitCode + "): " + printed);
        }
        log.info("Kafka storage formatted with cluster id {}", clusterId);
        log.debug("storage tool said: {}", printed);
    }

    private static void writeProperties(Properties properties, Path file) {
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                properties.store(out, "written by UserOps' embedded runtime at every start");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
