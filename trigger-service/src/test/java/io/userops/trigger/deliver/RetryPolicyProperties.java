package io.userops.trigger.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class RetryPolicyProperties {

    @Property
    void delayStaysWithinZeroAndTheCappedExponentialCeiling(@ForAll @LongRange(min = 1, max = 60_000) long baseMillis,
            @ForAll @IntRange(min = 1, max = 1_000) int capFactor, @ForAll @IntRange(min = 1, max = 200) int failures,
            @ForAll long seed) {
        Duration base = Duration.ofMillis(baseMillis);
        Duration cap = base.multipliedBy(capFactor);
        RetryPolicy policy = new RetryPolicy(base, cap, 10, Duration.ofHours(1));
        double exponential = baseMillis * Math.pow(2, failures - 1);

        Duration delay = policy.delayAfter(failures, Optional.empty(), new SplittableRandom(seed));

        assertThat(delay).isBetween(Duration.ZERO, cap);
        assertThat((double) delay.toMillis()).isLessThanOrEqualTo(exponential);
    }

    @Property
    void retryAfterIsAFloorUpToItsMaximum(@ForAll @IntRange(min = 1, max = 30) int failures,
            @ForAll @LongRange(min = 0, max = 10_000_000) long retryAfterMillis, @ForAll long seed) {
        RetryPolicy policy = new RetryPolicy(Duration.ofMillis(10), Duration.ofSeconds(5), 10, Duration.ofMinutes(10));
        Duration asked = Duration.ofMillis(retryAfterMillis);

        Duration delay = policy.delayAfter(failures, Optional.of(asked), new SplittableRandom(seed));

        Duration floor = asked.compareTo(Duration.ofMinutes(10)) > 0 ? Duration.ofMinutes(10) : asked;
        assertThat(delay).isGreaterThanOrEqualTo(floor);
        assertThat(delay).isLessThanOrEqualTo(floor.compareTo(Duration.ofSeconds(5)) > 0 ? floor : Duration.ofSeconds(5));
    }
}
