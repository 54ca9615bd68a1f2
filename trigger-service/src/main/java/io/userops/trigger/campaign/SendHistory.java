package io.userops.trigger.campaign;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the campaigns decided for one user: every send and hold-out still needed by a frequency cap, a
 * re-eligibility window, a conversion window or duplicate detection, oldest first. An immutable value to store
 * per user; its canonical structure (the entries and their fields) is the form to serialise.
 */
public record SendHistory(List<Entry> entries) {

    /** How long any entry is kept: a calendar day in any time zone, and recent trigger ids for duplicates. */
    public static final Duration MIN_RETENTION = Duration.ofDays(2);
    /** How long entries are kept when a cap counts per week: a calendar week in any time zone. */
    public static final Duration WEEK_CAP_RETENTION = Duration.ofDays(9);

    /**
     * @param channel   the channel sent on, or that would have been sent on when {@code heldOut}
     * @param decidedAt when the send (or hold-out) was decided
     * @param converted whether the campaign's conversion goal was met after it
     */
    public record Entry(String campaignId, String triggerId, Channel channel, Instant decidedAt, boolean heldOut,
                        boolean converted) {
        public Entry {
            Objects.requireNonNull(campaignId, "campaignId");
            Objects.requireNonNull(triggerId, "triggerId");
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(decidedAt, "decidedAt");
        }

        Entry asConverted() {
            return new Entry(campaignId, triggerId, channel, decidedAt, heldOut, true);
        }
    }

    private static final Comparator<Entry> OLDEST_FIRST = Comparator.comparing(Entry::decidedAt);

    public SendHistory {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(OLDEST_FIRST);
        entries = List.copyOf(sorted);
    }

    public static SendHistory empty() {
        return new SendHistory(List.of());
    }

    public SendHistory with(Entry entry) {
        List<Entry> next = new ArrayList<>(entries);
        next.add(entry);
        return new SendHistory(next);
    }

    /** When the campaign was last sent or held out for this user. */
    public Optional<Instant> lastDecidedAt(String campaignId) {
        Instant last = null;
        for (Entry entry : entries) {
            if (entry.campaignId().equals(campaignId)) {
                last = entry.decidedAt();
            }
        }
        return Optional.ofNullable(last);
    }

    public boolean hasDecided(String campaignId, String triggerId) {
        return entries.stream().anyMatch(e -> e.campaignId().equals(campaignId) && e.triggerId().equals(triggerId));
    }

    /** Messages sent (hold-outs excluded) that count against {@code cap} in the user's calendar period of {@code now}. */
    public long countedBy(FrequencyCap cap, Instant now, ZoneId zone) {
        return entries.stream()
                .filter(e -> !e.heldOut() && cap.counts(e.channel()) && cap.per().samePeriod(e.decidedAt(), now, zone))
                .count();
    }

    /**
     * Without the entries no rule needs any more at {@code now}: an entry is kept for the longest of
     * {@link #MIN_RETENTION} (or {@link #WEEK_CAP_RETENTION} when a cap counts per week), its campaign's
     * re-eligibility window and its conversion window; for a campaign that is never re-eligible, its latest entry
     * is kept for good. Entries of campaigns no longer in {@code campaigns} are kept for the caps only.
     */
    public SendHistory pruned(Campaigns campaigns, Instant now) {
        Duration capRetention = campaigns.settings().frequencyCaps().stream().anyMatch(c -> c.per() == CapPeriod.WEEK)
                ? WEEK_CAP_RETENTION : MIN_RETENTION;
        Map<String, Entry> latest = new HashMap<>();
        for (Entry entry : entries) {
            latest.put(entry.campaignId(), entry);
        }
        List<Entry> kept = new ArrayList<>();
        for (Entry entry : entries) {
            Optional<Campaign> campaign = campaigns.byId(entry.campaignId());
            boolean keptForGood = campaign.isPresent() && campaign.get().reEligibility().isNever()
                    && latest.get(entry.campaignId()) == entry;
            Duration retention = campaign.map(c -> longest(capRetention, c)).orElse(capRetention);
            if (keptForGood || entry.decidedAt().isAfter(now.minus(retention))) {
                kept.add(entry);
            }
        }
        return kept.size() == entries.size() ? this : new SendHistory(kept);
    }

    private static Duration longest(Duration capRetention, Campaign campaign) {
        Duration longest = capRetention;
        Duration reEligibility = campaign.reEligibility().after().orElse(Duration.ZERO);
        Duration conversion = campaign.conversion().map(ConversionGoal::within).orElse(Duration.ZERO);
        for (Duration d : List.of(reEligibility, conversion)) {
            if (d.compareTo(longest) > 0) {
                longest = d;
            }
        }
        return longest;
    }

    /**
     * The entries {@code signal} converts: not yet converted, of a campaign whose goal it meets, and within the
     * goal's window of the decision; each converts once.
     */
    public ConversionBatch convertedBy(ConversionSignal signal, Campaigns campaigns) {
        List<Conversion> conversions = new ArrayList<>();
        List<Entry> next = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            Optional<ConversionGoal> goal = campaigns.byId(entry.campaignId()).flatMap(Campaign::conversion);
            if (!entry.converted() && goal.isPresent() && goal.get().isMetBy(signal)
                    && goal.get().isInWindow(entry.decidedAt(), signal.at())) {
                conversions.add(new Conversion(entry.campaignId(), entry.triggerId(), entry.heldOut(),
                        entry.decidedAt(), signal.at()));
                next.add(entry.asConverted());
            } else {
                next.add(entry);
            }
        }
        return new ConversionBatch(conversions, conversions.isEmpty() ? this : new SendHistory(next));
    }
}
