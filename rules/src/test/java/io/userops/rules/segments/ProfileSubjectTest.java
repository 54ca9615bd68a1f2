package io.userops.rules.segments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProfileSubjectTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void shouldReadAnAddressFieldByItsShortNameUnlessTheTraitItselfIsSet() {
        ProfileSubject nested = new ProfileSubject("ENGAGED", Set.of(), Map.of("address", Map.of("city", "Hangzhou")),
                Map.of());
        ProfileSubject flat = new ProfileSubject("ENGAGED", Set.of(), Map.of("city", "Shanghai",
                "address", Map.of("city", "Hangzhou")), Map.of());
        SegmentExpression hangzhou = SegmentExpression.parse("traits.city == \"Hangzhou\"");

        assertThat(hangzhou.matches(nested, NOW)).isTrue();
        assertThat(hangzhou.matches(flat, NOW)).as("the trait as sent wins").isFalse();
        assertThat(nested.trait("occupation")).isNull();
        assertThat(new ProfileSubject(null, Set.of(), Map.of("address", "not an object"), Map.of()).trait("city"))
                .isNull();
    }

    @Test
    void shouldGiveComputedTraitsAndTagsToTheExpressions() {
        ProfileSubject subject = new ProfileSubject("AT_RISK", Set.of("big_spender"), Map.of(),
                Map.of("orders", 4L, "lastPurchase", NOW.minusSeconds(86_400 * 40L)));

        assertThat(SegmentExpression.parse("stage == AT_RISK && tags has \"big_spender\" && computed.orders >= 3"
                + " && daysSince(computed.lastPurchase) > 30").matches(subject, NOW)).isTrue();
    }
}
