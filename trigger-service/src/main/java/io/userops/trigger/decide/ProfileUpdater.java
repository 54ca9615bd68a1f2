package io.userops.trigger.decide;

import io.userops.avro.CampaignEvent;
import io.userops.avro.CampaignEventKind;
import io.userops.avro.UserProfile;
import io.userops.trigger.campaign.PendingSend;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Keeps the latest profile snapshot per user for audiences, re-checks and templates. A tombstone is an
 * erasure: the user's snapshot, send history and waiting sends go, the waiting sends are skipped as
 * {@code erased}, and the user is remembered as erased so that nothing is sent until a new profile appears.
 */
final class ProfileUpdater implements Processor<String, UserProfile, String, Object> {

    private ProcessorContext<String, Object> context;
    private TriggerState state;

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.state = new TriggerState(context);
    }

    @Override
    public void process(Record<String, UserProfile> record) {
        String userId = record.key();
        if (userId == null) {
            return;
        }
        if (record.value() != null) {
            state.profiles.put(userId, record.value());
            if (state.erased.get(userId) != null) {
                state.erased.delete(userId);
            }
            return;
        }
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        for (PendingSend send : state.drop(userId, send -> true)) {
            CampaignEvents.forward(context, new CampaignEvent(send.campaignId(), userId, CampaignEventKind.SKIPPED,
                    "erased", send.triggerId(), null, now));
        }
        state.profiles.delete(userId);
        state.histories.delete(userId);
        state.erased.put(userId, now.toEpochMilli());
    }
}
