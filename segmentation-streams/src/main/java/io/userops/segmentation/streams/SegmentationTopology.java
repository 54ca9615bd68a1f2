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

/**
 * The segmentation topology: events in; duplicates dropped; each event's subject resolved through the
 * identity links (records for another key's partition take the routing topic); lifecycle state in RocksDB;
 * transitions and profiles out. One sub-topology: the events and routing topics are co-partitioned.
 */
public final class SegmentationTopology {

    private SegmentationTopology() {
    }

    /**
     * @param applicationId names the routing topic ({@link Names#routingTopic}), which must exist with as many
     *                      partitions as the events topic: {@link RoutingTopic#ensure} creates it
     */
    public static Topology build(LifecycleSettings settings, SchemaRegistryClient registry, boolean autoRegister,
            String applicationId) {
        Serde<TrackedEvent> events = Topics.EVENTS.valueSerde(registry, autoRegister);
        Serde<LifecycleTransition> transitions = Topics.LIFECYCLE_TRANSITIONS.valueSerde(registry, autoRegister);
        Serde<UserProfile> profiles = Topics.PROFILES.valueSerde(registry, autoRegister);
        Topology topology = new Topology();
        topology.addSource(AutoOffsetReset.earliest(), Names.EVENTS_SOURCE, new EventTimeExtractor(), Serdes.String().deserializer(),
                events.deserializer(), Topics.EVENTS.name());
        RoutedSerde routed = new RoutedSerde(events);
        String routingTopic = Names.routingTopic(applicationId);
        topology.addSource(AutoOffsetReset.earliest(), Names.ROUTING_SOURCE, new EventTimeExtractor(),
                Serdes.String().deserializer(), routed.deserializer(), routingTopic);
        topology.addProcessor(Names.DEDUP_PROCESSOR, () -> new DedupProcessor(settings.dedupWindow()), Names.EVENTS_SOURCE);
        topology.addProcessor(Names.IDENTITY_PROCESSOR, () -> new IdentityProcessor(settings.identity()),
                Names.DEDUP_PROCESSOR, Names.ROUTING_SOURCE);
        topology.addProcessor(Names.LIFECYCLE_PROCESSOR, () -> new LifecycleProcessor(settings), Names.IDENTITY_PROCESSOR);
        topology.addProcessor(Names.PROFILE_PROCESSOR, () -> new ProfileProcessor(settings), Names.IDENTITY_PROCESSOR,
                Names.LIFECYCLE_PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(Names.PROFILE_STORE),
                Serdes.String(), new ProfileStateSerde()), Names.PROFILE_PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(Names.MEMBERSHIP_COUNTS_STORE),
                Serdes.String(), Serdes.Long()).withCachingEnabled(), Names.PROFILE_PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(Names.SEGMENT_MEMBERS_STORE),
                Serdes.String(), Serdes.ByteArray()), Names.PROFILE_PROCESSOR);
        String rfmTopic = Names.rfmPopulationTopic(applicationId);
        topology.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(Names.RFM_POPULATION_STORE),
                        Serdes.String(), Serdes.ByteArray()).withLoggingDisabled(), Names.RFM_SOURCE,
                Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), rfmTopic, Names.RFM_UPDATER,
                RfmPopulationUpdater::new);
        topology.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(Names.DEDUP_STORE,
                settings.dedupWindow(), settings.dedupWindow(), false), Serdes.String(), Serdes.ByteArray()),
                Names.DEDUP_PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(Names.IDENTITY_LINKS_STORE),
                Serdes.String(), Serdes.String()), Names.IDENTITY_PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(Names.IDENTITY_USERS_STORE),
                Serdes.String(), new UserIdentitiesSerde()), Names.IDENTITY_PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(Names.ERASED_STORE),
                Serdes.String(), Serdes.Long()), Names.IDENTITY_PROCESSOR);
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
                profiles.serializer(), Names.PROFILE_PROCESSOR);
        topology.addSink(Names.TAG_CHANGES_SINK, Topics.TAG_CHANGES.name(), Serdes.String().serializer(),
                Topics.TAG_CHANGES.valueSerde(registry, autoRegister).serializer(), Names.PROFILE_PROCESSOR);
        topology.addSink(Names.ROUTING_SINK, routingTopic, Serdes.String().serializer(), routed.serializer(),
                Names.IDENTITY_PROCESSOR, Names.LIFECYCLE_PROCESSOR, Names.PROFILE_PROCESSOR);
        topology.addSink(Names.RFM_SINK, rfmTopic, Serdes.String().serializer(), Serdes.ByteArray().serializer(),
                Names.PROFILE_PROCESSOR);
        topology.connectProcessorAndStateStores(Names.PROFILE_PROCESSOR, Names.LIFECYCLE_STORE,
                Names.IDENTITY_USERS_STORE);
        return topology;
    }
}
