package io.userops.deploy;

import io.userops.deploy.kafka.EmbeddedKafka;
import io.userops.deploy.kafka.TopicInstaller;
import io.userops.deploy.registry.DevSchemaRegistry;
import io.userops.schemas.registry.HttpSchemaRegistryClient;
import io.userops.schemas.registry.SchemaRegistryClient;
import io.userops.schemas.registry.SchemaRegistryConfig;
import io.userops.schemas.topics.Topics;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A broker, a development registry and the catalog's topics on free ports: what a service's
 * integration test needs of the world. The broker can be stopped and started again on the same
 * ports and data to test outages.
 */
public final class EmbeddedStack implements AutoCloseable {

    private final EmbeddedKafka kafka;
    private final DevSchemaRegistry registry;
    private final SchemaRegistryClient registryClient;

    private EmbeddedStack(EmbeddedKafka kafka, DevSchemaRegistry registry) {
        this.kafka = kafka;
        this.registry = registry;
        this.registryClient = new HttpSchemaRegistryClient(SchemaRegistryConfig.of(registry.url()));
    }

    /** Starts everything with data under {@code dataDir}; topics get {@code partitions} partitions. */
    public static EmbeddedStack start(Path dataDir, int partitions) throws Exception {
        EmbeddedKafka kafka = new EmbeddedKafka(new EmbeddedKafka.Config(dataDir.resolve("kafka"),
                FreePorts.next(), FreePorts.next())).start();
        try {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                TopicInstaller.ensure(admin, Topics.ALL, partitions);
            }
            DevSchemaRegistry registry = new DevSchemaRegistry(kafka.bootstrapServers()).start(0);
            EmbeddedStack stack = new EmbeddedStack(kafka, registry);
            Topics.registerSchemas(stack.registryClient);
            return stack;
        } catch (Exception | Error e) {
            kafka.close();
            throw e;
        }
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String registryUrl() {
        return registry.url();
    }

    public SchemaRegistryClient registryClient() {
        return registryClient;
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    @Override
    public void close() {
        registry.close();
        kafka.close();
    }
}
