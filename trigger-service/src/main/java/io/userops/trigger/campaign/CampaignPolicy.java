package io.userops.trigger.campaign;

import io.userops.rules.segments.SegmentExpression;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The campaign rules as pure functions of their inputs and {@code now}: which campaigns a trigger starts, and what
 * a due send does. The rules and their order are documented in docs/campaigns.md.
 */
public final class CampaignPolicy {

    private CampaignPolicy() {
    }

    /**
     * Decides each campaign {@code occurrence} triggers, highest priority first: skipped when this campaign was
     * already decided for this trigger id, when the user was erased, or when the user is not in its audience;
     * otherwise scheduled at {@code now} plus the campaign's delay. A replayed transition triggers nothing.
     */
    public static TriggerOutcome atTrigger(Occurrence occurrence, UserSnapshot user, SendHistory history,
                                           Campaigns campaigns, Instant now) {
        TriggerMatches matches = campaigns.matching(occurrence);
        List<TriggerDecision> decisions = new ArrayList<>();
        for (Campaign campaign : matches.campaigns()) {
            decisions.add(atTrigger(campaign, occurrence.triggerId(), user, history, now));
        }
        return new TriggerOutcome(decisions, matches.ignoredBecause());
    }

    private static TriggerDecision atTrigger(Campaign campaign, String triggerId, UserSnapshot user,
                                             SendHistory history, Instant now) {
        Optional<SkipReason> skip = Optional.empty();
        if (history.hasDecided(campaign.id(), triggerId)) {
            skip = Optional.of(SkipReason.DUPLICATE_TRIGGER);
        } else if (user instanceof UserSnapshot.Erased) {
            skip = Optional.of(SkipReason.ERASED);
        } else if (!holds(campaign.audience(), (UserSnapshot.Known) user, now)) {
            skip = Optional.of(SkipReason.AUDIENCE);
        }
        if (skip.isPresent()) {
            return new TriggerDecision.Skipped(campaign.id(), triggerId, skip.get());
        }
        return new TriggerDecision.Scheduled(new PendingSend(campaign.id(), user.userId(), triggerId, now,
                now.plus(campaign.delay())));
    }

    /**
     * Decides the sends due for one user at {@code now}, highest campaign priority first (then earliest due),
     * each seeing the history with the sends decided before it, so that caps may skip the later ones. Each send
     * goes through, in order:
     * <ol>
     *   <li>its campaign still exists, else skip {@code campaign_removed};</li>
     *   <li>the user is not erased, else skip {@code erased};</li>
     *   <li>this campaign was not already decided for this trigger id, else skip {@code duplicate_trigger};</li>
     *   <li>the re-check expression (default: the audience) holds, else skip {@code no_longer_qualifies};</li>
     *   <li>the user has not unsubscribed, else skip {@code unsubscribed};</li>
     *   <li>the user's preferred channel if the campaign offers it, else a channel in fallback order, that the
     *       user consents to and has an address for, else skip
     *       {@code no_consented_channel};</li>
     *   <li>the campaign was not decided for the user within its re-eligibility window (ever, when never), else
     *       skip {@code re_eligibility};</li>
     *   <li>it is not quiet hours in the user's zone, else hold until they end;</li>
     *   <li>every frequency cap on that channel has room, else skip {@code frequency_cap};</li>
     *   <li>the user is not in the campaign's holdout, else held out (recorded, not sent);</li>
     *   <li>send.</li>
     * </ol>
     */
    public static SendBatch atSendTime(List<PendingSend> due, UserSnapshot user, SendHistory history,
                                       Campaigns campaigns, Instant now) {
        Comparator<PendingSend> order = Comparator
                .comparingInt((PendingSend p) -> campaigns.byId(p.campaignId()).map(Campaign::priority)
                        .orElse(Integer.MIN_VALUE)).reversed()
                .thenComparing(PendingSend::dueAt)
                .thenComparing(PendingSend::campaignId)
                .thenComparing(PendingSend::triggerId);
        List<PendingSend> ordered = new ArrayList<>(due);
        ordered.sort(order);
        List<SendDecision> decisions = new ArrayList<>();
        SendHistory current = history;
        for (PendingSend pending : ordered) {
            if (!pending.userId().equals(user.userId())) {
                throw new IllegalArgumentException("send " + pending.messageId() + " is for user " + pending.userId()
                        + ", not " + user.userId());
            }
            SendDecision decision = decide(pending, user, current, campaigns, now);
            decisions.add(decision);
            current = record(current, decision, now);
        }
        return new SendBatch(decisions, current);
    }

    private static SendDecision decide(PendingSend pending, UserSnapshot user, SendHistory history,
                                       Campaigns campaigns, Instant now) {
        Optional<Campaign> found = campaigns.byId(pending.campaignId());
        if (found.isEmpty()) {
            return new SendDecision.Skipped(pending, SkipReason.CAMPAIGN_REMOVED);
        }
        Campaign campaign = found.get();
        if (!(user instanceof UserSnapshot.Known known)) {
            return new SendDecision.Skipped(pending, SkipReason.ERASED);
        }
        if (history.hasDecided(campaign.id(), pending.triggerId())) {
            return new SendDecision.Skipped(pending, SkipReason.DUPLICATE_TRIGGER);
        }
        if (!holds(campaign.sendTimeCheck(), known, now)) {
            return new SendDecision.Skipped(pending, SkipReason.NO_LONGER_QUALIFIES);
        }
        CampaignSettings settings = campaigns.settings();
        UserContext context = UserContext.fromTraits(known.traits(), settings.defaultTimeZone());
        if (context.unsubscribed()) {
            return new SendDecision.Skipped(pending, SkipReason.UNSUBSCRIBED);
        }
        Optional<Channel> channel = context.channelFor(campaign.channels());
        if (channel.isEmpty()) {
            return new SendDecision.Skipped(pending, SkipReason.NO_CONSENTED_CHANNEL);
        }
        Optional<Instant> last = history.lastDecidedAt(campaign.id());
        if (last.isPresent() && !campaign.reEligibility().allowsAgain(last.get(), now)) {
            return new SendDecision.Skipped(pending, SkipReason.RE_ELIGIBILITY);
        }
        if (settings.quietHours().isPresent() && settings.quietHours().get().contains(now, context.zone())) {
            return new SendDecision.Hold(pending, settings.quietHours().get().endAfter(now, context.zone()));
        }
        for (FrequencyCap cap : settings.frequencyCaps()) {
            if (cap.counts(channel.get()) && history.countedBy(cap, now, context.zone()) >= cap.max()) {
                return new SendDecision.Skipped(pending, SkipReason.FREQUENCY_CAP);
            }
        }
        if (Holdout.isHeldOut(campaign.id(), user.userId(), campaign.holdoutPercent())) {
            return new SendDecision.HeldOut(pending, channel.get());
        }
        return new SendDecision.Send(pending, channel.get(), context.recipient(channel.get()),
                context.locale());
    }

    private static SendHistory record(SendHistory history, SendDecision decision, Instant now) {
        if (decision instanceof SendDecision.Send send) {
            return history.with(entry(send.pending(), send.channel(), now, false));
        }
        if (decision instanceof SendDecision.HeldOut heldOut) {
            return history.with(entry(heldOut.pending(), heldOut.channel(), now, true));
        }
        return history;
    }

    private static SendHistory.Entry entry(PendingSend pending, Channel channel, Instant now, boolean heldOut) {
        return new SendHistory.Entry(pending.campaignId(), pending.triggerId(), channel, now, heldOut, false);
    }

    /**
     * The conversions {@code signal} completes for this user: sends and hold-outs of campaigns whose goal it
     * meets, within the goal's window, each counted once.
     */
    public static ConversionBatch conversions(ConversionSignal signal, SendHistory history, Campaigns campaigns) {
        return history.convertedBy(signal, campaigns);
    }

    private static boolean holds(Optional<SegmentExpression> expression, UserSnapshot.Known user, Instant now) {
        return expression.isEmpty() || expression.get().matches(user.subject(), now);
    }
}
