package io.userops.trigger.decide;

import io.userops.avro.CampaignEvent;
import io.userops.trigger.measure.CampaignStep;
import io.userops.trigger.measure.Group;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** The campaign events of {@code userops.campaign-events.v1} as the measurement counts them. */
final class CampaignEvents {

    /** The reason of a CONVERTED event of a user in the campaign's control group. */
    static final String HOLDOUT = "holdout";
    /** The reason of a CONVERTED event of a user who was meant to get the message. */
    static final String TREATED = "treated";

    private CampaignEvents() {
    }

    /** Emits {@code event} on the campaign events topic, keyed by its user, at the time it happened. */
    static void forward(ProcessorContext<String, Object> context, CampaignEvent event) {
        context.forward(new Record<>(event.getUserId(), (Object) event, event.getOccurredAt().toEpochMilli()),
                TriggerNames.CAMPAIGN_EVENTS_SINK);
    }

    static Optional<CampaignStep> step(CampaignEvent event) {
        switch (event.getKind()) {
            case TRIGGERED:
                return Optional.of(CampaignStep.triggered());
            case HELD_OUT:
                return Optional.of(CampaignStep.heldOut());
            case SKIPPED:
                return Optional.of(CampaignStep.skipped(event.getReason()));
            case SENT:
                return Optional.of(CampaignStep.sent());
            case DELIVERED:
                return Optional.of(CampaignStep.delivered());
            case FAILED:
                return Optional.of(CampaignStep.failed(event.getReason()));
            case CONVERTED:
                boolean holdout = HOLDOUT.equals(event.getReason());
                return Optional.of(CampaignStep.converted(holdout ? Group.HOLDOUT : Group.TREATED,
                        !holdout && event.getMessageId() != null));
            default:
                return Optional.empty();
        }
    }
}
