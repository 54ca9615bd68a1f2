package io.userops.trigger.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The interval's shape for any counts: it holds the observed difference, stays in [-1, 1], and mirrors. */
class UpliftProperties {

    @Property
    void theIntervalHoldsTheObservedDifferenceAndStaysWithinMinusOneAndOne(@ForAll("groups") Proportion treated,
            @ForAll("groups") Proportion holdout) {
        Uplift uplift = Uplift.measure(treated.successes(), treated.trials(), holdout.successes(), holdout.trials(),
                Uplift.Z_95);

        assertThat(uplift.status()).isEqualTo(UpliftStatus.MEASURED);
        assertThat(uplift.lower()).isBetween(-1.0, uplift.absolute());
        assertThat(uplift.upper()).isBetween(uplift.absolute(), 1.0);
    }

    @Property
    void swappingTheGroupsMirrorsTheInterval(@ForAll("groups") Proportion first, @ForAll("groups") Proportion second) {
        Interval forward = Uplift.newcombe(first, second, Uplift.Z_95);
        Interval backward = Uplift.newcombe(second, first, Uplift.Z_95);

        assertThat(backward.lower()).isCloseTo(-forward.upper(), within(1e-12));
        assertThat(backward.upper()).isCloseTo(-forward.lower(), within(1e-12));
    }

    @Property
    void aWilsonIntervalHoldsItsRateWithinZeroAndOne(@ForAll("groups") Proportion proportion) {
        Interval wilson = proportion.wilson(Uplift.Z_95);

        assertThat(wilson.contains(proportion.rate())).isTrue();
        assertThat(wilson.lower()).isBetween(0.0, 1.0);
        assertThat(wilson.upper()).isBetween(0.0, 1.0);
    }

    @Property
    void aHigherConfidenceNeverNarrowsTheInterval(@ForAll("groups") Proportion first,
            @ForAll("groups") Proportion second) {
        Interval at95 = Uplift.newcombe(first, second, Uplift.Z_95);
        Interval at99 = Uplift.newcombe(first, second, 2.5758293035489);

        assertThat(at99.lower()).isLessThanOrEqualTo(at95.lower());
        assertThat(at99.upper()).isGreaterThanOrEqualTo(at95.upper());
    }

    @Provide
    Arbitrary<Proportion> groups() {
        return Arbitraries.longs().between(1, 100_000)
                .flatMap(trials -> Arbitraries.longs().between(0, trials).map(successes -> new Proportion(successes, trials)));
    }
}
