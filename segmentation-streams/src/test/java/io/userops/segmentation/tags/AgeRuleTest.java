package io.userops.segmentation.tags;

import static io.userops.segmentation.tags.Users.NOW;
import static io.userops.segmentation.tags.Users.withTraits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userops.segmentation.tags.AgeRule.Band;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AgeRuleTest {

    static final AgeRule BANDS = new AgeRule(Stream.of("18-24", "25-34", "35-44", "45-54", "55-64", "65+")
            .map(Band::parse).toList());

    static Stream<Arguments> users() {
        // NOW is 2026-03-15
        return Stream.of(
                Arguments.of(withTraits("age", 30), Set.of("25_34")),
                Arguments.of(withTraits("age", 24.9), Set.of("18_24")),
                Arguments.of(withTraits("age", "25"), Set.of("25_34")),
                Arguments.of(withTraits("age", " 65 "), Set.of("65_plus")),
                Arguments.of(withTraits("age", 101L), Set.of("65_plus")),
                Arguments.of(withTraits("age", 17), Set.of()),
                Arguments.of(withTraits("age", -3), Set.of()),
                Arguments.of(withTraits("age", 131), Set.of()),
                Arguments.of(withTraits("age", "thirty"), Set.of()),
                Arguments.of(withTraits("age", Double.NaN), Set.of()),
                Arguments.of(withTraits(), Set.of()),
                Arguments.of(withTraits("birthday", "2001-03-15"), Set.of("25_34")),
                Arguments.of(withTraits("birthday", "2001-03-16"), Set.of("18_24")),
                Arguments.of(withTraits("birthday", "1961-03-15T08:00:00Z"), Set.of("65_plus")),
                Arguments.of(withTraits("birthday", "2001-03-16", "age", 40), Set.of("18_24")),
                Arguments.of(withTraits("birthday", "2030-01-01", "age", 40), Set.of("35_44")),
                Arguments.of(withTraits("birthday", "15/03/2001", "age", 50), Set.of("45_54")),
                Arguments.of(withTraits("birthday", "1800-01-01"), Set.of()));
    }

    @ParameterizedTest
    @MethodSource("users")
    void shouldTagTheAgeBandFromBirthdayElseAge(TagInput user, Set<String> values) {
        assertThat(BANDS.valuesFor(user, RfmBoundaries.none(), NOW)).isEqualTo(values);
    }

    @Test
    void shouldLeaveAgesInAGapUntagged() {
        AgeRule withGap = new AgeRule(List.of(Band.parse("18-24"), Band.parse("30-39")));

        assertThat(withGap.valuesFor(withTraits("age", 27), RfmBoundaries.none(), NOW)).isEmpty();
        assertThat(withGap.valuesFor(withTraits("age", 30), RfmBoundaries.none(), NOW)).containsExactly("30_39");
    }

    @Test
    void shouldReadBandsAsFromToOrFromPlus() {
        assertThat(Band.parse(" 18 - 24 ")).isEqualTo(new Band(18, 24));
        assertThat(Band.parse("65+")).isEqualTo(new Band(65, Integer.MAX_VALUE));
        assertThat(Band.parse("65+")).hasToString("65+");
        assertThatThrownBy(() -> Band.parse("18_24")).hasMessageContaining("'18_24' is not an age band");
        assertThatThrownBy(() -> Band.parse("30-20")).hasMessageContaining("30-20");
    }

    @Test
    void shouldRejectOverlappingUnorderedOrMissingBands() {
        assertThatThrownBy(() -> new AgeRule(List.of(Band.parse("18-30"), Band.parse("25-34"))))
                .hasMessage("band 25-34 overlaps 18-30");
        assertThatThrownBy(() -> new AgeRule(List.of(Band.parse("65+"), Band.parse("70-80"))))
                .hasMessage("band 70-80 overlaps 65+");
        assertThatThrownBy(() -> new AgeRule(List.of(Band.parse("25-34"), Band.parse("18-24"))))
                .hasMessage("band 18-24 comes after 25-34; list the bands youngest first");
        assertThatThrownBy(() -> new AgeRule(List.of())).hasMessage("list at least one age band");
    }
}
