package io.userops.trigger.deliver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    final RetryPolicy policy = new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(2), 8, Duration.ofSeconds(30));

    @Test
    void shouldDoubleTheCeilingAfterEachFailureUntilTheCap() {
        assertThat(policy.ceilingAfter(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.ceilingAfter(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.ceilingAfter(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(policy.ceilingAfter(5)).isEqualTo(Duration.ofMillis(1600));
        assertThat(policy.ceilingAfter(6)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.ceilingAfter(1_000)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void shouldSpreadDelaysOverTheWholeRangeFromZeroToTheCeiling() {
        RandomGenerator random = new SplittableRandom(42);
        long ceiling = policy.ceilingAfter(4).toNanos();
        Set<Long> seen = new HashSet<>();
        long lowest = Long.MAX_VALUE;
        long highest = 0;
        for (int i = 0; i < 2_000; i++) {
            long delay = policy.delayAfter(4, Optional.empty(), random).toNanos();
            assertThat(delay).isBetween(0L, ceiling);
            seen.add(delay);
            lowest = Math.min(lowest, delay);
            highest = Math.max(highest, delay);
        }
        assertThat(lowest).isLessThan(ceiling / 20);
        assertThat(highest).isGreaterThan(ceiling - ceiling / 20);
        assertThat(seen).hasSizeGreaterThan(1_900);
    }

    @Test
    void shouldWaitAtLeastTheRetryAfterTheReceiverAskedFor() {
        RandomGenerator random = new SplittableRandom(1);
        for (int i = 0; i < 200; i++) {
            assertThat(policy.delayAfter(1, Optional.of(Duration.ofSeconds(5)), random))
                    .isEqualTo(Duration.ofSeconds(5));
            assertThat(policy.delayAfter(1, Optional.of(Duration.ZERO), random))
                    .isLessThanOrEqualTo(Duration.ofMillis(100));
        }
    }

    @Test
    void shouldClampARetryAfterLongerThanTheMaximum() {
        Duration delay = policy.delayAfter(1, Optional.of(Duration.ofDays(2)), new SplittableRandom(3));

        assertThat(delay).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void shouldAllowRetriesUntilMaxAttemptsAreUsed() {
        assertThat(policy.mayRetryAfter(1)).isTrue();
        assertThat(policy.mayRetryAfter(7)).isTrue();
        assertThat(policy.mayRetryAfter(8)).isFalse();
    }

    @Test
    void shouldRefuseNonsense() {
        assertThatThrownBy(() -> new RetryPolicy(Duration.ZERO, Duration.ofSeconds(1), 3, Duration.ZERO))
                .hasMessageContaining("base");
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), 3, Duration.ZERO))
                .hasMessageContaining("cap");
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), 0, Duration.ZERO))
                .hasMessageContaining("attempts");
        assertThatThrownBy(() -> policy.ceilingAfter(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
