package io.userops.schemas.topics;

import io.userops.schemas.registry.SchemaRegistryClient;
import io.userops.schemas.serde.Subjects;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * One topic of the contract: its name, the serdes of its keys (the canonical user id as a UTF-8
 * string, so every topic co-partitions) and values, and how it is created.
 *
 * @param name          {@code userops.<thing>.v<N>}
 * @param partitions    partitions when created by the development runtime
 * @param cleanupPolicy delete or compact
 * @param configs       further topic settings (retention and the like)
 * @param valueFormat   how values are written
 */
public record TopicSpec<V>(String name, int partitions, CleanupPolicy cleanupPolicy, Map<String, String> configs,
        ValueFormat<V> valueFormat) {

    private static final Pattern NAME = Pattern.compile("userops\\.[a-z][a-z0-9-]*\\.v[1-9][0-9]*");

    public enum CleanupPolicy {
        DELETE, COMPACT;

        public String configValue() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("topic name '" + name + "' is not userops.<thing>.v<N>");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + " needs at least one partition");
        }
        configs = Map.copyOf(configs);
        Objects.requireNonNull(valueFormat, "valueFormat");
    }

    public Serde<String> keySerde() {
        return Serdes.String();
    }

    public Serde<V> valueSerde(SchemaRegistryClient registry) {
        return valueSerde(registry, true);
    }

    public Serde<V> valueSerde(SchemaRegistryClient registry, boolean autoRegister) {
        return valueFormat.serde(registry, autoRegister);
    }

    public String valueSubject() {
        return Subjects.value(name);
    }

    /**
     * The topic as the Admin API creates it, with this spec's partitions (or an override when
     * {@code partitionsOverride > 0}) and the cluster's default replication factor.
     */
    public NewTopic newTopic(int partitionsOverride) {
        Map<String, String> all = new java.util.HashMap<>(configs);
        all.put("cleanup.policy", cleanupPolicy.configValue());
        int count = partitionsOverride > 0 ? partitionsOverride : partitions;
        return new NewTopic(name, java.util.Optional.of(count), java.util.Optional.empty()).configs(all);
    }
}
