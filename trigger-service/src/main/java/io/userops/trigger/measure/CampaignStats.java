package io.userops.trigger.measure;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The counts of one campaign, built by applying its steps one at a time. Immutable; two partitions'
 * stats {@link #merge merge} into the stats of both, in any order.
 *
 * @param triggered users the campaign matched, held out or not
 * @param heldOut of those, users put in the holdout
 * @param skippedByReason treated users who got no message, by reason code
 * @param sent message requests emitted
 * @param delivered messages the provider accepted
 * @param failedByReason messages delivery gave up on, by reason code
 * @param convertedTreated treated users who converted, whether or not they were sent a message
 * @param convertedAfterSend of those, users who had been sent a message
 * @param convertedHoldout held-out users who converted
 */
public record CampaignStats(long triggered, long heldOut, SortedMap<String, Long> skippedByReason, long sent,
        long delivered, SortedMap<String, Long> failedByReason, long convertedTreated, long convertedAfterSend,
        long convertedHoldout) {

    public static final CampaignStats EMPTY = new CampaignStats(0, 0, new TreeMap<>(), 0, 0, new TreeMap<>(), 0, 0, 0);

    public CampaignStats {
        requireCount("triggered", triggered);
        requireCount("heldOut", heldOut);
        requireCount("sent", sent);
        requireCount("delivered", delivered);
        requireCount("convertedTreated", convertedTreated);
        requireCount("convertedAfterSend", convertedAfterSend);
        requireCount("convertedHoldout", convertedHoldout);
        if (convertedAfterSend > convertedTreated) {
            throw new IllegalArgumentException("convertedAfterSend " + convertedAfterSend
                    + " counts more users than convertedTreated " + convertedTreated);
        }
        skippedByReason = byReason("skippedByReason", skippedByReason);
        failedByReason = byReason("failedByReason", failedByReason);
    }

    /** Users the campaign tried to reach: triggered and not held out, whether or not the send was skipped. */
    public long treated() {
        return Math.max(0, triggered - heldOut);
    }

    public long skipped() {
        return total(skippedByReason);
    }

    public long failed() {
        return total(failedByReason);
    }

    /** These stats with one more step counted. */
    public CampaignStats apply(CampaignStep step) {
        Objects.requireNonNull(step, "step");
        if (step instanceof CampaignStep.Triggered) {
            return with(1, 0, Map.of(), 0, 0, Map.of(), 0, 0, 0);
        }
        if (step instanceof CampaignStep.HeldOut) {
            return with(0, 1, Map.of(), 0, 0, Map.of(), 0, 0, 0);
        }
        if (step instanceof CampaignStep.Skipped skipped) {
            return with(0, 0, Map.of(skipped.reason(), 1L), 0, 0, Map.of(), 0, 0, 0);
        }
        if (step instanceof CampaignStep.Sent) {
            return with(0, 0, Map.of(), 1, 0, Map.of(), 0, 0, 0);
        }
        if (step instanceof CampaignStep.Delivered) {
            return with(0, 0, Map.of(), 0, 1, Map.of(), 0, 0, 0);
        }
        if (step instanceof CampaignStep.Failed failed) {
            return with(0, 0, Map.of(), 0, 0, Map.of(failed.reason(), 1L), 0, 0, 0);
        }
        CampaignStep.Converted converted = (CampaignStep.Converted) step;
        if (converted.group() == Group.HOLDOUT) {
            return with(0, 0, Map.of(), 0, 0, Map.of(), 0, 0, 1);
        }
        return with(0, 0, Map.of(), 0, 0, Map.of(), 1, converted.messageSent() ? 1 : 0, 0);
    }

    /** These stats with every step counted, in order. */
    public CampaignStats applyAll(Iterable<? extends CampaignStep> steps) {
        CampaignStats stats = this;
        for (CampaignStep step : steps) {
            stats = stats.apply(step);
        }
        return stats;
    }

    /** The stats of both: every count summed. */
    public CampaignStats merge(CampaignStats other) {
        return with(other.triggered, other.heldOut, other.skippedByReason, other.sent, other.delivered,
                other.failedByReason, other.convertedTreated, other.convertedAfterSend, other.convertedHoldout);
    }

    private CampaignStats with(long triggered, long heldOut, Map<String, Long> skipped, long sent, long delivered,
            Map<String, Long> failed, long convertedTreated, long convertedAfterSend, long convertedHoldout) {
        return new CampaignStats(Math.addExact(this.triggered, triggered), Math.addExact(this.heldOut, heldOut),
                sum(skippedByReason, skipped), Math.addExact(this.sent, sent),
                Math.addExact(this.delivered, delivered), sum(failedByReason, failed),
                Math.addExact(this.convertedTreated, convertedTreated),
                Math.addExact(this.convertedAfterSend, convertedAfterSend),
                Math.addExact(this.convertedHoldout, convertedHoldout));
    }

    private static SortedMap<String, Long> sum(SortedMap<String, Long> mine, Map<String, Long> theirs) {
        if (theirs.isEmpty()) {
            return mine;
        }
        TreeMap<String, Long> summed = new TreeMap<>(mine);
        theirs.forEach((reason, count) -> summed.merge(reason, count, Math::addExact));
        return summed;
    }

    private static SortedMap<String, Long> byReason(String name, SortedMap<String, Long> counts) {
        Objects.requireNonNull(counts, name);
        counts.forEach((reason, count) -> {
            Objects.requireNonNull(reason, name + " reason");
            if (count == null || count <= 0) {
                throw new IllegalArgumentException(name + " counts " + count + " for '" + reason
                        + "': a reason is listed only once counted");
            }
        });
        TreeMap<String, Long> naturalOrder = new TreeMap<>();
        naturalOrder.putAll(counts);
        return Collections.unmodifiableSortedMap(naturalOrder);
    }

    private static void requireCount(String name, long count) {
        if (count < 0) {
            throw new IllegalArgumentException(name + " is a count, got " + count);
        }
    }

    private static long total(Map<String, Long> counts) {
        long total = 0;
        for (long count : counts.values()) {
            total = Math.addExact(total, count);
        }
        return total;
    }
}
