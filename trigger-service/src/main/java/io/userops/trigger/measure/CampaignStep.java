package io.userops.trigger.measure;

import java.util.Objects;

/**
 * One step of a campaign for one user, as counted by {@link CampaignStats}. The topology maps each
 * {@code CampaignEvent} of {@code userops.campaign-events.v1} to one of these.
 *
 * <p>Counting contract: {@code Triggered} for every user the campaign matched, held out or not;
 * {@code HeldOut} in addition for those put in the holdout; {@code Skipped}, {@code Sent},
 * {@code Delivered} and {@code Failed} only for treated users; {@code Converted} once per triggered user
 * who reached the conversion goal within its window.
 */
public sealed interface CampaignStep {

    /** Reasons are codes such as {@code frequency_cap}; a longer text is cut so that one stays storable. */
    int MAX_REASON_LENGTH = 100;

    String UNKNOWN_REASON = "unknown";

    static CampaignStep triggered() {
        return Triggered.INSTANCE;
    }

    static CampaignStep heldOut() {
        return HeldOut.INSTANCE;
    }

    static CampaignStep skipped(String reason) {
        return new Skipped(reason);
    }

    static CampaignStep sent() {
        return Sent.INSTANCE;
    }

    static CampaignStep delivered() {
        return Delivered.INSTANCE;
    }

    static CampaignStep failed(String reason) {
        return new Failed(reason);
    }

    static CampaignStep converted(Group group, boolean messageSent) {
        return new Converted(group, messageSent);
    }

    /** The campaign matched the user (held out or not). */
    record Triggered() implements CampaignStep {
        static final Triggered INSTANCE = new Triggered();
    }

    /** The matched user was put in the holdout: nothing is sent. */
    record HeldOut() implements CampaignStep {
        static final HeldOut INSTANCE = new HeldOut();
    }

    /** A treated user got no message, for a reason such as {@code frequency_cap} or {@code unsubscribed}. */
    record Skipped(String reason) implements CampaignStep {
        public Skipped {
            reason = reasonCode(reason);
        }
    }

    /** A message request was emitted for a treated user. */
    record Sent() implements CampaignStep {
        static final Sent INSTANCE = new Sent();
    }

    /** The provider accepted the message. */
    record Delivered() implements CampaignStep {
        static final Delivered INSTANCE = new Delivered();
    }

    /** Delivery gave up on the message, for a reason such as {@code bounced} or {@code gone}. */
    record Failed(String reason) implements CampaignStep {
        public Failed {
            reason = reasonCode(reason);
        }
    }

    /**
     * A triggered user reached the campaign's conversion goal within its window.
     *
     * @param messageSent whether a message was sent to this user ({@code Sent}); always false in the holdout
     */
    record Converted(Group group, boolean messageSent) implements CampaignStep {
        public Converted {
            Objects.requireNonNull(group, "group");
            if (group == Group.HOLDOUT && messageSent) {
                throw new IllegalArgumentException("a held-out user is never sent a message");
            }
        }
    }

    /** The reason as counted: stripped, {@value #UNKNOWN_REASON} when absent, at most 100 characters. */
    private static String reasonCode(String reason) {
        if (reason == null || reason.isBlank()) {
            return UNKNOWN_REASON;
        }
        String code = reason.strip();
        if (code.length() <= MAX_REASON_LENGTH) {
            return code;
        }
        int end = Character.isHighSurrogate(code.charAt(MAX_REASON_LENGTH - 1)) ? MAX_REASON_LENGTH - 1
                : MAX_REASON_LENGTH;
        return code.substring(0, end);
    }
}
