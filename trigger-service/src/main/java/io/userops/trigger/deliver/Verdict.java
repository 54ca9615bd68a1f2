package io.userops.trigger.deliver;

import java.util.Objects;

/** How the delivery of one message ended, after all its attempts. */
public sealed interface Verdict {

    /** The receiver took it, at the {@code attempts}-th attempt. */
    record Delivered(int attempts) implements Verdict {
    }

    /**
     * It will not be delivered.
     *
     * @param reason     a {@link FailureReason} code or an adapter's {@code http_<status>} / {@code smtp_<code>}
     * @param detail     what happened, for the dead letter's message header (no personal data)
     * @param deadLetter whether the message belongs on the dead-letter topic (everything but {@code expired})
     * @param attempts   attempts made
     */
    record Failed(String reason, String detail, boolean deadLetter, int attempts) implements Verdict {
        public Failed {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Given up unfinished (shutdown, partition revoked): it is read and delivered again later. */
    record Abandoned() implements Verdict {
    }
}
