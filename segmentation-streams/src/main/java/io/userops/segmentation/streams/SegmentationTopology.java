package io.userops.segmentation.streams;

import io.userops.avro.LifecycleTransition;
import io.userops.avro.TrackedEvent;
import io.userops.avro.UserProfile;
import io.userops.schemas.registry.SchemaRegistryClient;
import io.userops.schemas.topics.Topics;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/** The segmentation topology: events in, lifecycle state in RocksDB, transitions and profiles out. */
public final class SegmentationTopology {

    private SegmentationTopology() {
    }

    public static Topology build(LifecycleSettings settings, SchemaRegistryClient registry, boolean autoRegister) {
        Serde<TrackedEvent> events = Topics.EVENTS.valueSerde(registry, autoRegister);
        Serde<LifecycleTransition> transitions = Topics.LIFECYCLE_TRANSITIONS.valueSerde(registry, autoRegister);
        Serde<UserProfile> profiles = Topics.PROFILES.valueSerde(registry, autoRegister);
        Topology topology = new Topology();
        topology.addSource(AutoOffsetReset.earliest(), Names.EVENTS_SOURCE, new EventTimeExtractor(), Serdes.String().deserializer(),
                events.deserializer(), Topics.EVENTS.name());
        topology.addProcessor(Names.LIFECYCLE_PROCESSOR, () -> new LifecycleProcessor(settings), Names.EVENTS_SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(Names.LIFECYCLE_STORE),
                Serdes.String(), new LifecycleStateSerde()).withCachingDisabled(), Names.LIFECYCLE_PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(Names.RECENT_TRANSITIONS_STORE), Serdes.String(),
                LifecycleStateSerde.transitions()), Names.LIFECYCLE_PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(Names.TIMER_INDEX_STORE),
                Serdes.Bytes(), Serdes.ByteArray()).withCachingDisabled(), Names.LIFECYCLE_PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(Names.STAGE_COUNTS_STORE),
                Serdes.String(), Serdes.Long()).withCachingEnabled(), Names.LIFECYCLE_PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(Names.TRANSITION_COUNTS_STORE), Serdes.String(), Serdes.Long())
                .withCachingEnabled(), Names.LIFECYCLE_PROCESSOR);
        topology.addSink(Names.TRANSITIONS_SINK, Topics.LIFECYCLE_TRANSITIONS.name(), Serdes.String().serializer(),
                transitions.serializer(), Names.LIFECYCLE_PROCESSOR);
        topology.addSink(Names.PROFILES_SINK, Topics.PROFILES.name(), Serdes.String().serializer(),
                profiles.serializer(), Names.LIFECYCLE_PROCESSOR);
        return topology;
    }
}
