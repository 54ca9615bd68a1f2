package io.userops.trigger.decide;

import io.userops.avro.CampaignEvent;
import io.userops.avro.CampaignEventKind;
import io.userops.avro.UserProfile;
import io.userops.streams.TimerIndex;
import io.userops.trigger.campaign.PendingSend;
import io.userops.trigger.campaign.SendHistory;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the latest profile snapshot per user for audiences, re-checks and templates. A tombstone is an
 * erasure: the user's snapshot, send history and waiting sends go, the waiting sends are skipped as
 * {@code erased}, and the user is remembered as erased so that nothing is sent until a new profile appears.
 */
final class ProfileUpdater implements Processor<String, UserProfile, String, Object> {

    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, UserProfile> profiles;
    private KeyValueStore<String, Long> erased;
    private KeyValueStore<String, SendHistory> histories;
    private KeyValueStore<String, List<PendingSend>> pending;
    private TimerIndex due;

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.profiles = context.getStateStore(TriggerNames.PROFILE_STORE);
        this.erased = context.getStateStore(TriggerNames.ERASED_STORE);
        this.histories = context.getStateStore(TriggerNames.HISTORY_STORE);
        this.pending = context.getStateStore(TriggerNames.PENDING_STORE);
        KeyValueStore<Bytes, byte[]> index = context.getStateStore(TriggerNames.DUE_INDEX_STORE);
        this.due = new TimerIndex(index);
    }

    @Override
    public void process(Record<String, UserProfile> record) {
        String userId = record.key();
        if (userId == null) {
            return;
        }
        if (record.value() != null) {
            profiles.put(userId, record.value());
            if (erased.get(userId) != null) {
                erased.delete(userId);
            }
            return;
        }
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        List<PendingSend> waiting = pending.get(userId);
        if (waiting != null) {
            for (PendingSend send : waiting) {
                due.cancel(userId, TimerIndex.dueSecond(send.dueAt()));
                CampaignEvent skipped = new CampaignEvent(send.campaignId(), userId, CampaignEventKind.SKIPPED, "erased",
                        send.triggerId(), null, now);
                context.forward(new Record<>(userId, (Object) skipped, now.toEpochMilli()),
                        TriggerNames.CAMPAIGN_EVENTS_SINK);
            }
            pending.delete(userId);
        }
        profiles.delete(userId);
        histories.delete(userId);
        erased.put(userId, now.toEpochMilli());
    }
}
