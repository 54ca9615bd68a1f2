package io.userops.ingest.http;

import io.userops.ingest.source.Source;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per source: {@code eventsPerSecond} tokens a second, holding at most one second's
 * worth, one token per event. Sources without a limit always pass.
 */
final class RateLimiter {

    /** How long to wait before the request would fit, when it does not fit now. */
    record Verdict(boolean allowed, long retryAfterSeconds) {
    }

    private static final class Bucket {
        private final double ratePerNano;
        private final double capacity;
        private double tokens;
        private long refilledAt;

        Bucket(int eventsPerSecond, long now) {
            this.ratePerNano = eventsPerSecond / 1e9;
            this.capacity = eventsPerSecond;
            this.tokens = capacity;
            this.refilledAt = now;
        }

        synchronized Verdict take(int events, long now) {
            tokens = Math.min(capacity, tokens + (now - refilledAt) * ratePerNano);
            refilledAt = now;
            if (events <= tokens) {
                tokens -= events;
                return new Verdict(true, 0);
            }
            double missing = Math.min(events, capacity) - tokens;
            return new Verdict(false, Math.max(1, (long) Math.ceil(missing / ratePerNano / 1e9)));
        }
    }

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;

    RateLimiter(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    Verdict take(Source source, int events) {
        if (source.eventsPerSecond().isEmpty()) {
            return new Verdict(true, 0);
        }
        long now = nanoClock.getAsLong();
        return buckets.computeIfAbsent(source.id(), id -> new Bucket(source.eventsPerSecond().getAsInt(), now))
                .take(events, now);
    }
}
