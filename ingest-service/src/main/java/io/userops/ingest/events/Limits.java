package io.userops.ingest.events;

/**
 * Size limits of the tracking API, the same as Segment's so that SDKs that size their batches
 * for Segment fit.
 *
 * @param maxEventBytes   one event, as JSON
 * @param maxRequestBytes one request body, after gzip inflation
 * @param maxBatchEvents  events in one batch
 */
public record Limits(int maxEventBytes, int maxRequestBytes, int maxBatchEvents) {

    public static final Limits SEGMENT = new Limits(32 * 1024, 500 * 1024, 2_500);

    public Limits {
        if (maxEventBytes < 1 || maxRequestBytes < maxEventBytes || maxBatchEvents < 1) {
            throw new IllegalArgumentException("limits must be positive with maxRequestBytes >= maxEventBytes: " + this);
        }
    }
}
