package io.userops.ingest.events;

import java.time.Duration;
import java.time.Instant;

/**
 * When an event happened, read from the times a client sent (docs/ingest.md, "Event time").
 *
 * @param timestamp the event time the pipeline uses
 * @param clamped   true when the computed time lay more than the tolerance ahead of receivedAt and
 *                  was replaced by receivedAt
 */
public record EventTime(Instant timestamp, boolean clamped) {

    /** Segment's and PostHog's bound on how far in the future an event may be dated. */
    public static final Duration FUTURE_TOLERANCE = Duration.ofHours(23);

    /**
     * @param clientTime       the event's time on the sender's clock (originalTimestamp, else timestamp), or null
     * @param sentAt           when the sender sent the request, on its clock, or null
     * @param receivedAt       when ingest received the request, on the server's clock
     * @param trustClientTime  true for server sources and imports: their time is kept as sent
     * @param futureTolerance  how far ahead of receivedAt a time may lie before it is clamped
     */
    public static EventTime of(Instant clientTime, Instant sentAt, Instant receivedAt, boolean trustClientTime,
            Duration futureTolerance) {
        Instant timestamp;
        if (clientTime == null) {
            timestamp = receivedAt;
        } else if (trustClientTime || sentAt == null) {
            timestamp = clientTime;
        } else {
            // The sender's clock may be off; what it does measure well is the delay between the
            // event and the send, so carry that delay over to the server's clock.
            timestamp = receivedAt.minus(Duration.between(clientTime, sentAt));
        }
        if (timestamp.isAfter(receivedAt.plus(futureTolerance))) {
            return new EventTime(receivedAt, true);
        }
        return new EventTime(timestamp, false);
    }
}
