package io.userops.trigger.campaign;

import java.util.Objects;

/** What one matched campaign does with a trigger occurrence. */
public sealed interface TriggerDecision permits TriggerDecision.Scheduled, TriggerDecision.Skipped {

    String campaignId();

    /** Keep {@code pending} until its due time, then run {@link CampaignPolicy#atSendTime}. */
    record Scheduled(PendingSend pending) implements TriggerDecision {
        public Scheduled {
            Objects.requireNonNull(pending, "pending");
        }

        @Override
        public String campaignId() {
            return pending.campaignId();
        }
    }

    record Skipped(String campaignId, String triggerId, SkipReason reason) implements TriggerDecision {
        public Skipped {
            Objects.requireNonNull(campaignId, "campaignId");
            Objects.requireNonNull(triggerId, "triggerId");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
