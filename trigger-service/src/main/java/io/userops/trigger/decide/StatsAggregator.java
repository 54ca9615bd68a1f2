package io.userops.trigger.decide;

import io.userops.avro.CampaignEvent;
import io.userops.trigger.measure.CampaignStats;
import io.userops.trigger.measure.CampaignStatsCodec;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Counts the campaign events of this task's partition per campaign, the delivery stage's included; the stats
 * endpoint merges every partition's counts.
 */
final class StatsAggregator implements Processor<String, CampaignEvent, Void, Void> {

    private KeyValueStore<String, byte[]> stats;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.stats = context.getStateStore(TriggerNames.STATS_STORE);
    }

    @Override
    public void process(Record<String, CampaignEvent> record) {
        CampaignEvent event = record.value();
        if (event == null || event.getCampaignId() == null) {
            return;
        }
        CampaignEvents.step(event).ifPresent(step -> {
            byte[] stored = stats.get(event.getCampaignId());
            CampaignStats current = stored == null ? CampaignStats.EMPTY : CampaignStatsCodec.read(stored);
            stats.put(event.getCampaignId(), CampaignStatsCodec.write(current.apply(step)));
        });
    }
}
