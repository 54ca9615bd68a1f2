package io.userops.trigger.campaign;

import io.userops.rules.segments.SegmentExpression;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One campaign: when it starts for a user ({@code trigger}), for whom ({@code audience}, checked at trigger time),
 * how long it waits ({@code delay}, {@link Duration#ZERO} for none), whether the user still qualifies when it is
 * due ({@code recheck}, defaulting to the audience), how it reaches the user ({@code channel}, then each of
 * {@code fallbacks} in order), what it says, and how it is measured.
 *
 * @param priority       higher decides first when several sends are due for one user at once
 * @param holdoutPercent 0 to 50, fractions allowed: the share of qualifying users held out as a control group
 */
public record Campaign(String id, String name, Trigger trigger, Optional<SegmentExpression> audience,
                       Duration delay, Optional<SegmentExpression> recheck, Channel channel, List<Channel> fallbacks,
                       MessageTemplate template, int priority, ReEligibility reEligibility,
                       Optional<ConversionGoal> conversion, double holdoutPercent) {

    public static final Pattern ID = Pattern.compile("[a-z0-9_-]{1,64}");
    public static final double MAX_HOLDOUT_PERCENT = 50;

    public Campaign {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a campaign id is 1-64 characters of a-z, 0-9, _ and -, but is '"
                    + id + "'");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("campaign " + id + " needs a name");
        }
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("campaign " + id + ": the delay is negative");
        }
        Objects.requireNonNull(recheck, "recheck");
        Objects.requireNonNull(channel, "channel");
        fallbacks = List.copyOf(fallbacks);
        Set<Channel> seen = EnumSet.of(channel);
        for (Channel fallback : fallbacks) {
            if (!seen.add(fallback)) {
                throw new IllegalArgumentException("campaign " + id + ": fallback channel " + fallback
                        + (fallback == channel ? " is the main channel" : " is listed twice"));
            }
        }
        Objects.requireNonNull(template, "template");
        if (seen.contains(Channel.EMAIL)) {
            template.locales().forEach((locale, message) -> {
                if (message.subject().isEmpty()) {
                    throw new IllegalArgumentException("campaign " + id + " may send email, so locale " + locale
                            + " needs a subject");
                }
            });
        }
        Objects.requireNonNull(reEligibility, "reEligibility");
        Objects.requireNonNull(conversion, "conversion");
        if (!(holdoutPercent >= 0 && holdoutPercent <= MAX_HOLDOUT_PERCENT)) {
            throw new IllegalArgumentException("campaign " + id + ": the holdout is 0 to 50 percent, but is "
                    + holdoutPercent);
        }
    }

    /** The main channel, then the fallbacks in order. */
    public List<Channel> channels() {
        List<Channel> all = new ArrayList<>();
        all.add(channel);
        all.addAll(fallbacks);
        return all;
    }

    /** What must still hold when a send is due: the re-check expression, else the audience, else nothing. */
    public Optional<SegmentExpression> sendTimeCheck() {
        return recheck.or(() -> audience);
    }
}
