package io.userops.trigger.campaign;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** What a due pending send does now. */
public sealed interface SendDecision
        permits SendDecision.Send, SendDecision.HeldOut, SendDecision.Hold, SendDecision.Skipped {

    PendingSend pending();

    /**
     * Send now on {@code channel} (after fallback and consent) to {@code recipient} (empty for webhooks), to a
     * user whose locale is {@code userLocale}: the templates choose which of the campaign's texts fits it.
     */
    record Send(PendingSend pending, Channel channel, Optional<String> recipient, Optional<Locale> userLocale)
            implements SendDecision {
        public Send {
            Objects.requireNonNull(pending, "pending");
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(recipient, "recipient");
            Objects.requireNonNull(userLocale, "userLocale");
        }
    }

    /**
     * The user is in the campaign's control group: everything else would have sent on {@code channel}, so the
     * user counts for measuring uplift, and nothing is sent.
     */
    record HeldOut(PendingSend pending, Channel channel) implements SendDecision {
        public HeldOut {
            Objects.requireNonNull(pending, "pending");
            Objects.requireNonNull(channel, "channel");
        }
    }

    /** Quiet hours: keep the send and decide again, every check included, at {@code until}. */
    record Hold(PendingSend pending, Instant until) implements SendDecision {
        public Hold {
            Objects.requireNonNull(pending, "pending");
            Objects.requireNonNull(until, "until");
        }

        /** The pending send to keep, due at {@code until}. */
        public PendingSend rescheduled() {
            return pending.withDueAt(until);
        }
    }

    record Skipped(PendingSend pending, SkipReason reason) implements SendDecision {
        public Skipped {
            Objects.requireNonNull(pending, "pending");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
