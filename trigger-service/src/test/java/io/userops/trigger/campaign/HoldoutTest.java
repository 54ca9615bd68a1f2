package io.userops.trigger.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HoldoutTest {

    private static final int USERS = 100_000;

    @ParameterizedTest(name = "{0}%")
    @ValueSource(doubles = {2.5, 10, 50})
    void shouldHoldOutTheGivenShareOfUsers(double percent) {
        long heldOut = IntStream.range(0, USERS).filter(i -> Holdout.isHeldOut("nudge", "u-" + i, percent)).count();

        assertThat(heldOut * 100.0 / USERS).isCloseTo(percent, within(0.5));
    }

    @Test
    void shouldHoldOutNobodyAtZeroPercent() {
        assertThat(IntStream.range(0, USERS).noneMatch(i -> Holdout.isHeldOut("nudge", "u-" + i, 0))).isTrue();
    }

    @Test
    void shouldGiveTheSameAnswerForAUserEveryTime() {
        for (int i = 0; i < 1_000; i++) {
            boolean first = Holdout.isHeldOut("nudge", "u-" + i, 10);
            assertThat(Holdout.isHeldOut("nudge", "u-" + i, 10)).isEqualTo(first);
        }
    }

    @Test
    void shouldPlaceUsersByTheFirst53BitsOfTheSha256OfCampaignAndUserId() {
        // computed independently: python3 hashlib.sha256(b"nudge\x00u-1"), first 8 bytes >> 11, times 2^-53
        assertThat(Holdout.position("nudge", "u-1")).isEqualTo(0.14914808273368552);
        assertThat(Holdout.position("nudge", "u-3")).isEqualTo(0.018782429181939175);
        assertThat(Holdout.isHeldOut("nudge", "u-3", 2.5)).as("0.0188 is in the lowest 2.5%").isTrue();
        assertThat(Holdout.isHeldOut("nudge", "u-1", 10)).as("0.149 is not in the lowest 10%").isFalse();
        assertThat(Holdout.isHeldOut("nudge", "u-1", 15)).isTrue();
    }

    @Test
    void shouldHoldOutDifferentUsersForDifferentCampaigns() {
        long inBoth = IntStream.range(0, USERS)
                .filter(i -> Holdout.isHeldOut("nudge", "u-" + i, 10) && Holdout.isHeldOut("win-back", "u-" + i, 10))
                .count();

        assertThat(inBoth * 100.0 / USERS).as("independent groups overlap on about 10% of 10%").isCloseTo(1,
                within(0.3));
    }

    @Test
    void shouldKeepAUserHeldOutWhenThePercentageGrows() {
        assertThat(IntStream.range(0, 10_000).filter(i -> Holdout.isHeldOut("nudge", "u-" + i, 5))
                .allMatch(i -> Holdout.isHeldOut("nudge", "u-" + i, 10))).isTrue();
    }
}
