package io.userops.trigger.deliver;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to try a message again: exponential backoff with full jitter, and never earlier than the
 * receiver's Retry-After.
 *
 * <p>Before attempt {@code n + 1} (after {@code n} failed attempts) the wait is drawn uniformly from
 * {@code [0, min(cap, base * 2^(n-1))]}; a Retry-After, clamped to {@code maxRetryAfter}, raises it.
 *
 * @param base          the ceiling of the first wait
 * @param cap           the largest ceiling of any wait drawn from backoff
 * @param maxAttempts   attempts in all, the first included; after the last transient failure the
 *                      message is dead-lettered as {@code retries_exhausted}
 * @param maxRetryAfter the longest Retry-After honoured as given; longer ones are clamped to it
 */
public record RetryPolicy(Duration base, Duration cap, int maxAttempts, Duration maxRetryAfter) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(5), 8,
            Duration.ofHours(1));

    public RetryPolicy {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(cap, "cap");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        if (base.isNegative() || base.isZero()) {
            throw new IllegalArgumentException("retry base must be positive, was " + base);
        }
        if (cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("retry cap " + cap + " is below the base " + base);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be at least 1, was " + maxAttempts);
        }
        if (maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("max Retry-After must not be negative, was " + maxRetryAfter);
        }
    }

    /** The ceiling of the jittered wait after {@code failedAttempts} failures (at least 1). */
    public Duration ceilingAfter(int failedAttempts) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("failed attempts must be at least 1, was " + failedAttempts);
        }
        double ceilingNanos = base.toNanos() * Math.pow(2, failedAttempts - 1);
        return ceilingNanos >= cap.toNanos() ? cap : Duration.ofNanos((long) ceilingNanos);
    }

    /** The wait before the next attempt after {@code failedAttempts} failures. */
    public Duration delayAfter(int failedAttempts, Optional<Duration> retryAfter, RandomGenerator random) {
        long ceiling = ceilingAfter(failedAttempts).toNanos();
        Duration jittered = Duration.ofNanos(ceiling == 0 ? 0 : random.nextLong(ceiling + 1));
        if (retryAfter.isEmpty()) {
            return jittered;
        }
        Duration asked = retryAfter.get().compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter.get();
        return asked.compareTo(jittered) > 0 ? asked : jittered;
    }

    /** Whether a message that has failed {@code failedAttempts} times may be tried again. */
    public boolean mayRetryAfter(int failedAttempts) {
        return failedAttempts < maxAttempts;
    }
}
