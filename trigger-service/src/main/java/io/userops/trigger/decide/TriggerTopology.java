package io.userops.trigger.decide;

import io.userops.avro.CampaignEvent;
import io.userops.avro.LifecycleTransition;
import io.userops.avro.MessageRequest;
import io.userops.avro.TagChange;
import io.userops.avro.TrackedEvent;
import io.userops.avro.UserProfile;
import io.userops.schemas.registry.SchemaRegistryClient;
import io.userops.schemas.topics.Topics;
import io.userops.trigger.campaign.Campaigns;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The decision stage: one sub-topology keyed by user reads transitions, tag changes, profile snapshots and
 * tracked events (for conversion goals) and writes message requests and campaign events; a second one counts
 * campaign events per campaign. Trigger inputs start at the latest offset on a first start, so a new
 * deployment does not act on the history of transitions; profile snapshots start at the earliest.
 */
public final class TriggerTopology {

    private TriggerTopology() {
    }

    public static Topology build(Campaigns campaigns, MessageRenderer renderer, DecisionSettings settings,
            FreshnessGuard guard, SchemaRegistryClient registry, boolean autoRegister) {
        Serde<LifecycleTransition> transitions = Topics.LIFECYCLE_TRANSITIONS.valueSerde(registry, autoRegister);
        Serde<TagChange> tagChanges = Topics.TAG_CHANGES.valueSerde(registry, autoRegister);
        Serde<UserProfile> profiles = Topics.PROFILES.valueSerde(registry, autoRegister);
        Serde<TrackedEvent> events = Topics.EVENTS.valueSerde(registry, autoRegister);
        Serde<MessageRequest> messages = Topics.MESSAGES.valueSerde(registry, autoRegister);
        Serde<CampaignEvent> campaignEvents = Topics.CAMPAIGN_EVENTS.valueSerde(registry, autoRegister);

        Topology topology = new Topology();
        topology.addSource(AutoOffsetReset.latest(), TriggerNames.TRANSITIONS_SOURCE, Serdes.String().deserializer(),
                transitions.deserializer(), Topics.LIFECYCLE_TRANSITIONS.name());
        topology.addSource(AutoOffsetReset.latest(), TriggerNames.TAG_CHANGES_SOURCE, Serdes.String().deserializer(),
                tagChanges.deserializer(), Topics.TAG_CHANGES.name());
        topology.addSource(AutoOffsetReset.latest(), TriggerNames.EVENTS_SOURCE, Serdes.String().deserializer(),
                events.deserializer(), Topics.EVENTS.name());
        topology.addSource(AutoOffsetReset.earliest(), TriggerNames.PROFILES_SOURCE, Serdes.String().deserializer(),
                profiles.deserializer(), Topics.PROFILES.name());
        topology.addProcessor(TriggerNames.PROFILE_UPDATER, ProfileUpdater::new, TriggerNames.PROFILES_SOURCE);
        topology.addProcessor(TriggerNames.DECIDER, () -> new CampaignProcessor(campaigns, renderer, settings, guard),
                TriggerNames.TRANSITIONS_SOURCE, TriggerNames.TAG_CHANGES_SOURCE, TriggerNames.EVENTS_SOURCE);

        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TriggerNames.PROFILE_STORE),
                Serdes.String(), profiles), TriggerNames.PROFILE_UPDATER, TriggerNames.DECIDER);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TriggerNames.ERASED_STORE),
                Serdes.String(), Serdes.Long()), TriggerNames.PROFILE_UPDATER, TriggerNames.DECIDER);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TriggerNames.HISTORY_STORE),
                Serdes.String(), TriggerStateSerdes.history()), TriggerNames.PROFILE_UPDATER, TriggerNames.DECIDER);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TriggerNames.PENDING_STORE),
                Serdes.String(), TriggerStateSerdes.pending()), TriggerNames.PROFILE_UPDATER, TriggerNames.DECIDER);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TriggerNames.DUE_INDEX_STORE),
                Serdes.Bytes(), Serdes.ByteArray()).withCachingDisabled(), TriggerNames.PROFILE_UPDATER,
                TriggerNames.DECIDER);
        topology.addSink(TriggerNames.MESSAGES_SINK, Topics.MESSAGES.name(), Serdes.String().serializer(),
                messages.serializer(), TriggerNames.DECIDER);
        topology.addSink(TriggerNames.CAMPAIGN_EVENTS_SINK, Topics.CAMPAIGN_EVENTS.name(), Serdes.String().serializer(),
                campaignEvents.serializer(), TriggerNames.DECIDER, TriggerNames.PROFILE_UPDATER);

        topology.addSource(AutoOffsetReset.earliest(), TriggerNames.CAMPAIGN_EVENTS_SOURCE,
                Serdes.String().deserializer(), campaignEvents.deserializer(), Topics.CAMPAIGN_EVENTS.name());
        topology.addProcessor(TriggerNames.STATS, StatsAggregator::new, TriggerNames.CAMPAIGN_EVENTS_SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TriggerNames.STATS_STORE),
                Serdes.String(), Serdes.ByteArray()).withCachingEnabled(), TriggerNames.STATS);
        return topology;
    }
}
