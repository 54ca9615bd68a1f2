package io.userops.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.userops.ingest.source.Source;
import io.userops.ingest.source.SourceKind;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final RateLimiter limiter = new RateLimiter(nanos::get);
    private final Source tenPerSecond = new Source("s", SourceKind.CLIENT, OptionalInt.of(10));

    @Test
    void shouldAllowABurstOfOneSecondThenRefuseWithTheWaitInSeconds() {
        assertThat(limiter.take(tenPerSecond, 10).allowed()).isTrue();

        RateLimiter.Verdict refused = limiter.take(tenPerSecond, 5);

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void shouldRefillAtTheConfiguredRate() {
        limiter.take(tenPerSecond, 10);
        nanos.addAndGet(500_000_000L);

        assertThat(limiter.take(tenPerSecond, 5).allowed()).isTrue();
        assertThat(limiter.take(tenPerSecond, 1).allowed()).isFalse();
    }

    @Test
    void shouldNeverAllowMoreThanTheCapacityAfterALongPause() {
        nanos.addAndGet(3_600_000_000_000L);

        assertThat(limiter.take(tenPerSecond, 11).allowed()).isFalse();
        assertThat(limiter.take(tenPerSecond, 10).allowed()).isTrue();
    }

    @Test
    void shouldNeverLimitASourceWithoutALimit() {
        Source free = Source.client("free");
        for (int i = 0; i < 100; i++) {
            assertThat(limiter.take(free, 2_500).allowed()).isTrue();
        }
    }
}
