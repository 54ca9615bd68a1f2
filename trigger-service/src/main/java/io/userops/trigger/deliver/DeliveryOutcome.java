package io.userops.trigger.deliver;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** What one delivery attempt of one message came to. */
public sealed interface DeliveryOutcome {

    /** The receiver accepted the message. */
    record Delivered() implements DeliveryOutcome {
    }

    /**
     * A transient failure: try again later, not before {@code retryAfter} when the receiver said so.
     *
     * @param reason     a stable code, e.g. {@code http_503}, {@code timeout}, {@code smtp_unavailable}
     * @param retryAfter the receiver's Retry-After, when it gave one
     */
    record RetryLater(String reason, Optional<Duration> retryAfter) implements DeliveryOutcome {
        public RetryLater {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(retryAfter, "retryAfter");
        }

        public RetryLater(String reason) {
            this(reason, Optional.empty());
        }
    }

    /** The receiver refused the message for good; trying again would get the same answer. */
    record PermanentFailure(String reason) implements DeliveryOutcome {
        public PermanentFailure {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The endpoint no longer exists (HTTP 410): this message fails and the endpoint is disabled. */
    record EndpointGone() implements DeliveryOutcome {
    }

    static DeliveryOutcome delivered() {
        return new Delivered();
    }

    static DeliveryOutcome retryLater(String reason) {
        return new RetryLater(reason);
    }

    static DeliveryOutcome permanent(String reason) {
        return new PermanentFailure(reason);
    }
}
