package io.userops.trigger.campaign;

import java.util.Locale;

/** Why a campaign sends nothing to a user; {@link #code()} is the reason on campaign events. */
public enum SkipReason {
    /** At trigger time, the user is not in the campaign's audience. */
    AUDIENCE,
    /** When due, the re-check expression (or the audience) no longer holds. */
    NO_LONGER_QUALIFIES,
    ERASED,
    UNSUBSCRIBED,
    /** None of the campaign's channels has both the user's consent and an address. */
    NO_CONSENTED_CHANNEL,
    /** The campaign was decided for this user within its re-eligibility window (or ever, when never). */
    RE_ELIGIBILITY,
    FREQUENCY_CAP,
    /** This campaign was already decided for this trigger id. */
    DUPLICATE_TRIGGER,
    /** A pending send whose campaign is no longer in the campaigns file. */
    CAMPAIGN_REMOVED;

    /** The reason in snake case, such as {@code no_longer_qualifies}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
