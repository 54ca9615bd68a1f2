package io.userops.segmentation.tags;

import static io.userops.segmentation.tags.Users.NOW;
import static io.userops.segmentation.tags.Users.withTraits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userops.segmentation.tags.IncomeRule.Band;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Gender, income, city, region and occupation, each by table. */
class AttributeRulesTest {

    static final GenderRule GENDER = new GenderRule(Synonyms.of(Map.of(
            "male", List.of("m", "man", "男"), "female", List.of("f", "woman", "女"),
            "other", List.of("non-binary", "x"))));
    static final IncomeRule INCOME = new IncomeRule(
            List.of(new Band("low", 0), new Band("middle", 50_000), new Band("high", 150_000)),
            Set.of("low", "Lower Middle", "middle", "high"));
    static final Cities CITIES = Cities.builder()
            .city("shanghai", "east_china").alias("shanghai", "上海")
            .city("New York", "North America").alias("New York", "NYC")
            .build();
    static final OccupationRule OCCUPATION = new OccupationRule(Synonyms.of(Map.of(
            "engineer", List.of("software engineer", "developer", "工程师"), "teacher", List.of("lecturer"))));

    static Set<String> values(TagRule rule, TagInput user) {
        return rule.valuesFor(user, RfmBoundaries.none(), NOW);
    }

    @ParameterizedTest(name = "gender ''{0}'' -> {1}")
    @CsvSource(delimiter = '|', value = {
            "male        | male", "Male | male", " M  | male", "MAN | male", "男 | male",
            "female      | female", "F | female", "Woman | female", "女 | female",
            "other       | other", "Non-Binary | other", "non binary | other", "x | other",
            "femal       | unknown", "prefer not to say | unknown", "'' | unknown", "'--' | unknown",
    })
    void shouldNormaliseGenderSpellings(String gender, String value) {
        assertThat(values(GENDER, withTraits("gender", gender))).containsExactly(value);
    }

    @Test
    void shouldTagEveryUserWithOneGenderUnknownWhenAbsent() {
        assertThat(values(GENDER, withTraits())).containsExactly("unknown");
    }

    static Stream<Arguments> incomes() {
        return Stream.of(
                Arguments.of(0, Set.of("low")),
                Arguments.of(49_999.99, Set.of("low")),
                Arguments.of(50_000, Set.of("middle")),
                Arguments.of(new BigDecimal("150000"), Set.of("high")),
                Arguments.of(9_000_000L, Set.of("high")),
                Arguments.of(-1, Set.of()),
                Arguments.of(Double.NaN, Set.of()),
                Arguments.of(" 72000 ", Set.of("middle")),
                Arguments.of("High", Set.of("high")),
                Arguments.of("lower-middle", Set.of("lower_middle")),
                Arguments.of("very high", Set.of()),
                Arguments.of("", Set.of()));
    }

    @ParameterizedTest(name = "income {0} -> {1}")
    @MethodSource("incomes")
    void shouldBandNumericIncomesAndPassConfiguredLabelsThrough(Object income, Set<String> values) {
        assertThat(values(INCOME, withTraits("income", income))).isEqualTo(values);
    }

    @Test
    void shouldLeaveIncomesBelowTheFirstBandUntagged() {
        IncomeRule fromTenThousand = IncomeRule.of(List.of(new Band("modest", 10_000), new Band("ample", 90_000)));

        assertThat(values(fromTenThousand, withTraits("income", 9_999))).isEmpty();
        assertThat(values(fromTenThousand, withTraits("income", "modest"))).containsExactly("modest");
        assertThat(values(fromTenThousand, withTraits("income", "low"))).isEmpty();
    }

    @Test
    void shouldRejectUnorderedOrDuplicateIncomeBands() {
        assertThatThrownBy(() -> IncomeRule.of(List.of(new Band("high", 150_000), new Band("middle", 50_000))))
                .hasMessage("band middle starts at 50000, not above the band before it (high from 150000);"
                        + " list the bands in rising order");
        assertThatThrownBy(() -> IncomeRule.of(List.of(new Band("high", 1), new Band("High", 2))))
                .hasMessage("duplicate tag income_high");
        assertThatThrownBy(() -> new Band("low", -5)).hasMessageContaining("starts at -5");
        assertThatThrownBy(() -> IncomeRule.of(List.of())).hasMessage("list at least one income band");
    }

    static Stream<Arguments> locations() {
        return Stream.of(
                Arguments.of(withTraits("city", "Shanghai"), Set.of("shanghai"), Set.of("east_china")),
                Arguments.of(withTraits("city", "SHANGHAI "), Set.of("shanghai"), Set.of("east_china")),
                Arguments.of(withTraits("city", "上海"), Set.of("shanghai"), Set.of("east_china")),
                Arguments.of(withTraits("city", "nyc"), Set.of("new_york"), Set.of("north_america")),
                Arguments.of(withTraits("address", Map.of("city", "new york")), Set.of("new_york"),
                        Set.of("north_america")),
                Arguments.of(withTraits("city", "Shanghai", "region", "Somewhere"), Set.of("shanghai"),
                        Set.of("east_china")),
                Arguments.of(withTraits("city", "Lyon", "region", "Auvergne-Rhône-Alpes"), Set.of("lyon"),
                        Set.of("auvergne_rhone_alpes")),
                Arguments.of(withTraits("city", "Lyon"), Set.of("lyon"), Set.of()),
                Arguments.of(withTraits("region", "Bavaria"), Set.of(), Set.of("bavaria")),
                Arguments.of(withTraits("city", "??"), Set.of(), Set.of()),
                Arguments.of(withTraits(), Set.of(), Set.of()));
    }

    @ParameterizedTest
    @MethodSource("locations")
    void shouldTagTheCityAndItsConfiguredRegionElseTheRegionTrait(TagInput user, Set<String> cities,
                                                                   Set<String> regions) {
        assertThat(values(new CityRule(CITIES), user)).isEqualTo(cities);
        assertThat(values(new RegionRule(CITIES), user)).isEqualTo(regions);
    }

    @Test
    void shouldRejectACityOrAliasTakenTwice() {
        assertThatThrownBy(() -> Cities.builder().city("Shanghai", "east").city("shanghai", "east"))
                .hasMessage("'shanghai' gives the same tag (shanghai) as an earlier name");
        assertThatThrownBy(() -> Cities.builder().city("beijing", "north").city("peking", "north")
                .alias("beijing", "Peking")).hasMessage("'Peking' already means peking");
        assertThatThrownBy(() -> Cities.builder().city("beijing", "--")).hasMessageContaining("no letters or digits");
    }

    @ParameterizedTest(name = "occupation {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "occupation | Engineer          | engineer",
            "occupation | Software-Engineer | engineer",
            "occupation | developer         | engineer",
            "occupation | 工程师             | engineer",
            "occupation | Lecturer          | teacher",
            "occupation | astronaut         | other",
            "title      | Developer         | engineer",
    })
    void shouldNormaliseOccupationsThroughSynonyms(String trait, String text, String value) {
        assertThat(values(OCCUPATION, withTraits(trait, text))).containsExactly(value);
    }

    @Test
    void shouldPreferOccupationOverTitleAndTagNothingWithoutEither() {
        assertThat(values(OCCUPATION, withTraits("occupation", "teacher", "title", "developer")))
                .containsExactly("teacher");
        assertThat(values(OCCUPATION, withTraits())).isEmpty();
    }

    @Test
    void shouldRejectASynonymOfTwoNamesOrListedTwice() {
        assertThatThrownBy(() -> Synonyms.builder().name("engineer").name("teacher").synonym("engineer", "prof")
                .synonym("teacher", "Prof")).hasMessage("'Prof' already means engineer");
        assertThatThrownBy(() -> Synonyms.builder().name("engineer").synonym("engineer", "dev")
                .synonym("engineer", "DEV")).hasMessage("'DEV' is listed twice for engineer");
        assertThatThrownBy(() -> Synonyms.builder().name("engineer").synonym("engineer", "developer")
                .name("Developer")).hasMessage("'Developer' is already a synonym of engineer");
    }
}
