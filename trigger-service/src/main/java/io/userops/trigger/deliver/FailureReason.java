package io.userops.trigger.deliver;

/**
 * The stable reason codes of FAILED campaign events and of the {@code userops.dlq.reason} header.
 * Adapters add codes of their own shape: {@code http_<status>} and {@code smtp_<reply code>}.
 */
public final class FailureReason {

    /** The message was past its {@code notAfter} before it could be delivered; nothing was sent. */
    public static final String EXPIRED = "expired";
    /** Every attempt failed with a transient error; the last one is in the dead letter's message header. */
    public static final String RETRIES_EXHAUSTED = "retries_exhausted";
    /** The endpoint answered 410 Gone to this message and is disabled from now on. */
    public static final String ENDPOINT_GONE = "endpoint_gone";
    /** The endpoint answered 410 Gone to an earlier message; this one was not sent. */
    public static final String ENDPOINT_DISABLED = "endpoint_disabled";
    /** A webhook message for a campaign with no endpoint of its own and no default endpoint. */
    public static final String NO_ENDPOINT = "no_endpoint";
    /** The channel is UNKNOWN (written by a newer producer) or has no adapter. */
    public static final String UNSUPPORTED_CHANNEL = "unsupported_channel";
    /** The channel is known but this deployment has not configured it (e.g. no SMTP host). */
    public static final String CHANNEL_NOT_CONFIGURED = "channel_not_configured";
    /** An email, push or SMS message without a recipient. */
    public static final String MISSING_RECIPIENT = "missing_recipient";
    /** A recipient that is not an address of its channel. */
    public static final String INVALID_RECIPIENT = "invalid_recipient";
    /** The outbox topic refused the record for good (too large, not serialisable). */
    public static final String OUTBOX_REJECTED = "outbox_rejected";
    /** A record on {@code userops.messages.v1} without a value. */
    public static final String EMPTY_VALUE = "empty_value";

    private FailureReason() {
    }
}
