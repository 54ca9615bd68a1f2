package io.userops.rules.segments;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SegmentExpressionEvaluationTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    static final TestUser ALICE = TestUser.withStage("AT_RISK")
            .withTags("big_spender", "night_owl")
            .withTrait("city", "Shanghai")
            .withTrait("age", 34L)
            .withTrait("score", 4.5)
            .withTrait("count", 3)
            .withTrait("vip", true)
            .withTrait("plan", "pro")
            .withTrait("first name", "Alice")
            .withTrait("stageCopy", "AT_RISK")
            .withTrait("signedUp", "2025-12-01T00:00:00Z")
            .withTrait("notANumber", Double.NaN)
            .withTrait("huge", 9_007_199_254_740_993L)
            .withTrait("exact", new BigDecimal("0.1"))
            .withComputed("lastPurchase", NOW.minus(Duration.ofDays(40)))
            .withComputed("lastSeen", NOW.minus(Duration.ofHours(36)))
            .withComputed("orders", 12L)
            .withComputed("totalRevenue", 1234.5)
            .withComputed("platform", "ios")
            .withComputed("events7d", Map.of("purchase", 2L, "page view", 10));

    static boolean matches(String expression, SegmentSubject subject) {
        return SegmentExpression.parse(expression).matches(subject, NOW);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', textBlock = """
            stage == AT_RISK                                     => true
            stage == "AT_RISK"                                   => true
            AT_RISK == stage                                     => true
            stage != AT_RISK                                     => false
            stage in [DORMANT, AT_RISK]                          => true
            stage not in [NEW, ACTIVATED]                        => true
            stage == traits.stageCopy                            => true
            tags has "big_spender"                               => true
            tags has "weekend_user"                              => false
            tags has any ["weekend_user", "night_owl"]           => true
            tags has any ["weekend_user", "key_user"]            => false
            tags has all ["big_spender", "night_owl"]            => true
            tags has all ["big_spender", "weekend_user"]         => false
            traits.city in ["Shanghai", "Hangzhou"]              => true
            traits.city not in ["Beijing", "Shenzhen"]           => true
            traits.city == "shanghai"                            => false
            traits.plan < "zzz"                                  => true
            traits["first name"] == "Alice"                      => true
            traits.age > 30                                      => true
            traits.age >= 34                                     => true
            traits.age == 34.0                                   => true
            traits.age < -1                                      => false
            traits.score > 4                                     => true
            traits.score < 4.5                                   => false
            traits.count == 3                                    => true
            traits.huge > 9007199254740992.0                     => true
            traits.exact == 0.1                                  => true
            traits.vip                                           => true
            traits.vip == true                                   => true
            !traits.vip                                          => false
            true                                                 => true
            false || traits.vip                                  => true
            computed.orders >= 10 && computed.totalRevenue > 1000 => true
            computed.platform in ["ios", "android"]              => true
            computed.events7d["purchase"] >= 2                   => true
            computed.events7d["page view"] == 10                 => true
            computed.lastSeen > computed.lastPurchase            => true
            daysSince(computed.lastPurchase) > 30                => true
            daysSince(computed.lastPurchase) > 40                => false
            daysSince(computed.lastPurchase) >= 40               => true
            daysSince(computed.lastSeen) == 1.5                  => true
            hoursSince(computed.lastSeen) == 36                  => true
            daysSince(traits.signedUp) > 90                      => true
            stage == AT_RISK && tags has "big_spender" && traits.city in ["Shanghai", "Hangzhou"] => true
            stage == NEW or tags has "night_owl"                 => true
            not (stage == NEW) and traits.age < 40               => true
            !(stage == AT_RISK || traits.age > 100)              => false
            !traits.age > 100                                    => true
            stage == NEW || stage == AT_RISK && traits.age > 100 => false
            (stage == NEW || stage == AT_RISK) && traits.age > 30 => true
            """)
    void shouldEvaluateAgainstAUser(String expression, boolean expected) {
        assertThat(matches(expression, ALICE)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', textBlock = """
            traits.country == "CN"                               => false
            traits.country != "CN"                               => false
            traits.country < "CN"                                => false
            traits.country in ["CN", "US"]                       => false
            traits.country not in ["CN", "US"]                   => false
            !(traits.country == "CN")                            => true
            traits.country == null                               => true
            traits.country != null                               => false
            null == traits.country                               => true
            traits.city == null                                  => false
            traits.city != null                                  => true
            exists(traits.city)                                  => true
            exists(traits.country)                               => false
            !exists(traits.country)                              => true
            traits.country in ["CN", null]                       => true
            traits.city not in ["Beijing", null]                 => true
            traits.country not in ["Beijing", null]              => false
            traits.missingFlag                                   => false
            computed.events7d["signup"] >= 0                     => false
            exists(computed.events7d["signup"])                  => false
            exists(computed.events7d["purchase"])                => true
            daysSince(computed.neverHappened) > 1                => false
            daysSince(computed.neverHappened) == null            => true
            daysSince(computed.lastPurchase) != null             => true
            """)
    void shouldTreatAbsentValuesAsComparingFalseExceptWithNull(String expression, boolean expected) {
        assertThat(matches(expression, ALICE)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', textBlock = """
            traits.age > "30"                                    => false
            traits.age == "34"                                   => false
            traits.age != "34"                                   => false
            traits.city > 5                                      => false
            traits.vip == "true"                                 => false
            traits.vip > traits.vip                              => false
            traits.city                                          => false
            traits.age in ["34"]                                 => false
            traits.age not in ["34"]                             => false
            traits.notANumber == traits.notANumber               => false
            traits.notANumber != 1                               => false
            computed.events7d == 1                               => false
            computed.orders["x"] == 12                           => false
            daysSince(traits.city) > 0                           => false
            daysSince(computed.orders) > 0                       => false
            stage == traits.age                                  => false
            """)
    void shouldTreatValuesOfDifferentKindsAsComparingFalse(String expression, boolean expected) {
        assertThat(matches(expression, ALICE)).isEqualTo(expected);
    }

    @Test
    void shouldSeeAUserWithoutAStageAsAbsent() {
        TestUser noStage = TestUser.withStage(null);

        assertThat(matches("stage == null", noStage)).isTrue();
        assertThat(matches("stage != NEW", noStage)).isFalse();
        assertThat(matches("stage not in [NEW]", noStage)).isFalse();
    }

    @Test
    void shouldCountTimeFromTheGivenNowNotTheClock() {
        SegmentExpression recent = SegmentExpression.parse("hoursSince(computed.lastSeen) < 48");

        assertThat(recent.matches(ALICE, NOW)).isTrue();
        assertThat(recent.matches(ALICE, NOW.plus(Duration.ofHours(12)))).isFalse();
        assertThat(recent.matches(ALICE, NOW.minus(Duration.ofDays(10)))).as("a time after now is negative").isTrue();
    }

    @Test
    void shouldKeepTheSourceAsWrittenAndCompareBySyntax() {
        SegmentExpression spaced = SegmentExpression.parse("stage==AT_RISK  and\n tags has \"x\"");
        SegmentExpression canonical = SegmentExpression.parse("stage == AT_RISK && tags has \"x\"");

        assertThat(spaced.source()).isEqualTo("stage==AT_RISK  and\n tags has \"x\"");
        assertThat(spaced).isEqualTo(canonical).hasSameHashCodeAs(canonical);
        assertThat(spaced.condition().text()).isEqualTo(canonical.source());
    }
}
