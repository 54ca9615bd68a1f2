package io.userops.trigger.decide;

import io.userops.avro.CampaignEvent;
import io.userops.avro.CampaignEventKind;
import io.userops.avro.EventType;
import io.userops.avro.LifecycleStage;
import io.userops.avro.LifecycleTransition;
import io.userops.avro.MessageRequest;
import io.userops.avro.TagChange;
import io.userops.avro.TagChangeKind;
import io.userops.avro.TagChangeTarget;
import io.userops.avro.TrackedEvent;
import io.userops.streams.TimerIndex;
import io.userops.trigger.campaign.CampaignPolicy;
import io.userops.trigger.campaign.Campaigns;
import io.userops.trigger.campaign.Conversion;
import io.userops.trigger.campaign.ConversionBatch;
import io.userops.trigger.campaign.ConversionSignal;
import io.userops.trigger.campaign.Occurrence;
import io.userops.trigger.campaign.PendingSend;
import io.userops.trigger.campaign.SendBatch;
import io.userops.trigger.campaign.SendDecision;
import io.userops.trigger.campaign.SendHistory;
import io.userops.trigger.campaign.TriggerDecision;
import io.userops.trigger.campaign.TriggerOutcome;
import io.userops.trigger.campaign.UserSnapshot;
import io.userops.trigger.template.RenderedMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Turns a user's lifecycle transitions, tag and segment changes into campaign decisions: at trigger time
 * (audience, holdout) and, from the due index each second of wall-clock time, at send time (re-check, consent,
 * re-eligibility, quiet hours, caps). Emits message requests with their deterministic ids and a campaign event
 * for every step; tracked events and transitions also complete conversion goals.
 */
final class CampaignProcessor implements Processor<String, Object, String, Object> {

    private final Campaigns campaigns;
    private final MessageRenderer renderer;
    private final DecisionSettings settings;
    private final FreshnessGuard guard;
    private ProcessorContext<String, Object> context;
    private TriggerState state;

    CampaignProcessor(Campaigns campaigns, MessageRenderer renderer, DecisionSettings settings, FreshnessGuard guard) {
        this.campaigns = campaigns;
        this.renderer = renderer;
        this.settings = settings;
        this.guard = guard;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.state = new TriggerState(context);
        context.schedule(settings.tick(), PunctuationType.WALL_CLOCK_TIME, this::sendDue);
    }

    @Override
    public void process(Record<String, Object> record) {
        String userId = record.key();
        Object value = record.value();
        if (userId == null || value == null) {
            return;
        }
        if (value instanceof LifecycleTransition transition) {
            onTransition(userId, transition);
        } else if (value instanceof TagChange change) {
            occurrence(userId, change).ifPresent(o -> trigger(userId, o));
        } else if (value instanceof TrackedEvent event) {
            if (event.getType() == EventType.TRACK && event.getEvent() != null && userId.equals(event.getUserId())) {
                convert(userId, new ConversionSignal.EventPerformed(event.getEvent(), event.getTimestamp()));
            }
        } else {
            throw new IllegalArgumentException("not a campaign input: " + value.getClass());
        }
    }

    private void onTransition(String userId, LifecycleTransition transition) {
        if (transition.getTo() == null || transition.getTo() == LifecycleStage.UNKNOWN) {
            return;
        }
        if (transition.getCorrection() && transition.getCorrectsTransitionId() != null) {
            cancel(userId, transition.getCorrectsTransitionId());
        }
        convert(userId, new ConversionSignal.StageReached(transition.getTo().name(), transition.getEventTime()));
        Optional<String> from = Optional.ofNullable(transition.getFrom()).filter(s -> s != LifecycleStage.UNKNOWN)
                .map(Enum::name);
        trigger(userId, new Occurrence.Transition(transition.getTransitionId(), from, transition.getTo().name(),
                transition.getReplayed()));
    }

    private static Optional<Occurrence> occurrence(String userId, TagChange change) {
        String triggerId = UUID.nameUUIDFromBytes((userId + '\u0000' + change.getKind() + '\u0000' + change.getChange()
                + '\u0000' + change.getTag() + '\u0000' + change.getEventTime().toEpochMilli())
                .getBytes(StandardCharsets.UTF_8)).toString();
        if (change.getKind() == TagChangeTarget.SEGMENT) {
            if (change.getChange() == TagChangeKind.ADDED) {
                return Optional.of(new Occurrence.SegmentEntered(triggerId, change.getTag()));
            }
            if (change.getChange() == TagChangeKind.REMOVED) {
                return Optional.of(new Occurrence.SegmentExited(triggerId, change.getTag()));
            }
        } else if (change.getKind() == TagChangeTarget.TAG && change.getChange() == TagChangeKind.ADDED) {
            return Optional.of(new Occurrence.TagAdded(triggerId, change.getTag()));
        }
        return Optional.empty();
    }

    private void trigger(String userId, Occurrence occurrence) {
        Instant now = now();
        TriggerOutcome outcome = CampaignPolicy.atTrigger(occurrence, state.snapshot(userId), state.history(userId), campaigns, now);
        if (outcome.decisions().isEmpty()) {
            return;
        }
        List<PendingSend> before = state.waiting(userId);
        List<PendingSend> waiting = new ArrayList<>(before);
        for (TriggerDecision decision : outcome.decisions()) {
            if (decision instanceof TriggerDecision.Scheduled scheduled) {
                PendingSend send = scheduled.pending();
                if (waiting.stream().noneMatch(p -> p.messageId().equals(send.messageId()))) {
                    waiting.add(send);
                    state.due.schedule(userId, TimerIndex.dueSecond(send.dueAt()));
                    emit(userId, send.campaignId(), CampaignEventKind.TRIGGERED, null, send.triggerId(), null, now);
                }
            } else if (decision instanceof TriggerDecision.Skipped skipped) {
                emit(userId, skipped.campaignId(), CampaignEventKind.SKIPPED, skipped.reason().code(),
                        skipped.triggerId(), null, now);
            }
        }
        if (waiting.size() != before.size()) {
            state.putWaiting(userId, waiting);
        }
    }

    /** A correction retracts a transition: the sends it scheduled and that are still waiting are dropped. */
    private void cancel(String userId, String retractedTriggerId) {
        Instant now = now();
        for (PendingSend send : state.drop(userId, s -> s.triggerId().equals(retractedTriggerId))) {
            emit(userId, send.campaignId(), CampaignEventKind.SKIPPED, "corrected", send.triggerId(), null, now);
        }
    }

    private void convert(String userId, ConversionSignal signal) {
        SendHistory history = state.histories.get(userId);
        if (history == null) {
            return;
        }
        ConversionBatch batch = CampaignPolicy.conversions(signal, history, campaigns);
        for (Conversion conversion : batch.conversions()) {
            // Every treated entry of the history is a message sent: the control group is decided last, at send time.
            String messageId = conversion.heldOut() ? null
                    : PendingSend.messageId(conversion.campaignId(), userId, conversion.triggerId());
            emit(userId, conversion.campaignId(), CampaignEventKind.CONVERTED,
                    conversion.heldOut() ? CampaignEvents.HOLDOUT : CampaignEvents.TREATED, conversion.triggerId(),
                    messageId, signal.at());
        }
        if (batch.history() != history) {
            state.histories.put(userId, batch.history());
        }
    }

    /** One tick: the users with sends due, at most a bounded number, each decided with all of its due sends. */
    private void sendDue(long timestamp) {
        Instant now = Instant.ofEpochMilli(timestamp);
        Map<String, List<TimerIndex.Due>> byUser = new LinkedHashMap<>();
        for (TimerIndex.Due entry : state.due.due(now, settings.maxUsersPerTick())) {
            byUser.computeIfAbsent(entry.userId(), u -> new ArrayList<>()).add(entry);
        }
        byUser.forEach((userId, entries) -> {
            entries.forEach(state.due::remove);
            sendDue(userId, now);
        });
    }

    private void sendDue(String userId, Instant now) {
        List<PendingSend> waiting = state.waiting(userId);
        List<PendingSend> kept = new ArrayList<>(waiting.stream().filter(p -> p.dueAt().isAfter(now)).toList());
        List<PendingSend> ready = new ArrayList<>();
        for (PendingSend send : waiting) {
            if (send.dueAt().isAfter(now)) {
                continue;
            }
            if (campaigns.byId(send.campaignId()).filter(guard::holds).isPresent()) {
                PendingSend later = send.withDueAt(now.plus(settings.guardRetry()));
                kept.add(later);
                state.due.schedule(userId, TimerIndex.dueSecond(later.dueAt()));
                guard.recordHeld();
            } else {
                ready.add(send);
            }
        }
        if (ready.isEmpty()) {
            if (!kept.equals(waiting)) {
                state.putWaiting(userId, kept);
            }
            return;
        }
        UserSnapshot user = state.snapshot(userId);
        SendBatch batch = CampaignPolicy.atSendTime(ready, user, state.history(userId), campaigns, now);
        for (SendDecision decision : batch.decisions()) {
            PendingSend send = decision.pending();
            if (decision instanceof SendDecision.Send go) {
                RenderedMessage text = renderer.render(send.campaignId(),
                        go.userLocale().map(java.util.Locale::toLanguageTag).orElse(null), go.channel(),
                        ProfileView.templateScope(userId, user));
                MessageRequest message = MessageRequest.newBuilder().setMessageId(send.messageId())
                        .setCampaignId(send.campaignId()).setUserId(userId).setTriggerId(send.triggerId())
                        .setChannel(io.userops.avro.Channel.valueOf(go.channel().name()))
                        .setRecipient(go.recipient().orElse(null)).setLocale(text.locale()).setSubject(text.subject())
                        .setBody(text.body()).setDecidedAt(now).setNotAfter(now.plus(settings.staleAfter())).build();
                context.forward(new Record<>(userId, (Object) message, now.toEpochMilli()), TriggerNames.MESSAGES_SINK);
                emit(userId, send.campaignId(), CampaignEventKind.SENT, null, send.triggerId(), send.messageId(), now);
            } else if (decision instanceof SendDecision.Hold hold) {
                PendingSend later = hold.rescheduled();
                kept.add(later);
                state.due.schedule(userId, TimerIndex.dueSecond(later.dueAt()));
            } else if (decision instanceof SendDecision.HeldOut heldOut) {
                emit(userId, send.campaignId(), CampaignEventKind.HELD_OUT, null, send.triggerId(), null, now);
            } else if (decision instanceof SendDecision.Skipped skipped) {
                emit(userId, send.campaignId(), CampaignEventKind.SKIPPED, skipped.reason().code(), send.triggerId(),
                        null, now);
            }
        }
        state.putWaiting(userId, kept);
        state.histories.put(userId, batch.history().pruned(campaigns, now));
    }

    private void emit(String userId, String campaignId, CampaignEventKind kind, String reason, String triggerId,
            String messageId, Instant at) {
        CampaignEvents.forward(context, new CampaignEvent(campaignId, userId, kind, reason, triggerId, messageId, at));
    }

    private Instant now() {
        return Instant.ofEpochMilli(context.currentSystemTimeMs());
    }
}
