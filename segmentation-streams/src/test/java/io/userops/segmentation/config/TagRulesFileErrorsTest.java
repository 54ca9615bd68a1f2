package io.userops.segmentation.config;

import io.userops.rules.yaml.InvalidRulesFileException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a tag rules file can be wrong names the file, line, setting and reason. */
class TagRulesFileErrorsTest {

    static final String FILE = "tags.yaml";

    static InvalidRulesFileException failureOf(String yaml) {
        Throwable thrown = catchThrowable(() -> TagRulesFile.parse(yaml, FILE));
        assertThat(thrown).isInstanceOf(InvalidRulesFileException.class);
        InvalidRulesFileException e = (InvalidRulesFileException) thrown;
        assertThat(e).hasMessage(e.file() + ":" + e.line() + ": " + e.path() + ": " + e.reason());
        assertThat(e.file()).isEqualTo(FILE);
        return e;
    }

    static void assertFailure(String yaml, int line, String path, String... reasonFragments) {
        InvalidRulesFileException e = failureOf(yaml);
        assertThat(e.line()).as("line of: %s", e.getMessage()).isEqualTo(line);
        assertThat(e.path()).as("path of: %s", e.getMessage()).isEqualTo(path);
        assertThat(e.reason()).contains(reasonFragments);
    }

    @Test
    void shouldNameTheFileOfAMissingFile(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");

        assertThat(catchThrowable(() -> TagRulesFile.load(missing))).isInstanceOf(InvalidRulesFileException.class)
                .hasMessage(missing + ": file not found");
    }

    @Test
    void shouldNameTheFileAsGivenToLoad(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("tags.yaml"), "age:\n  bands: [18-24]\n  bands: [25-34]\n");

        assertThat(catchThrowable(() -> TagRulesFile.load(file)))
                .hasMessage(file + ":3: age.bands: is set twice (first on line 2); keep one");
    }

    @Test
    void shouldRejectInvalidYaml() {
        assertFailure("""
                age:
                  bands: [18-24, 25-34
                gender:
                  synonyms: {}
                """, 3, "age.bands", "invalid YAML", "flow sequence started on line 2");
    }

    @Test
    void shouldRejectAnUnknownSettingAtTheTop() {
        assertFailure("""
                age:
                  bands: [18-24]
                ages:
                  bands: [18-24]
                """, 3, "ages", "unknown setting 'ages'", "age, gender, income, location, occupation, rfm");
    }

    @Test
    void shouldRejectAnUnknownNestedSetting() {
        assertFailure("""
                income:
                  band:
                    low: 0
                """, 2, "income.band", "unknown setting 'band'", "under income are bands, labels");
    }

    @Test
    void shouldRejectAnUnknownSettingOfACity() {
        assertFailure("""
                location:
                  cities:
                    lyon: {regoin: france}
                """, 3, "location.cities.lyon.regoin", "unknown setting 'regoin'", "region, aliases");
    }

    @Test
    void shouldRejectACityWithoutRegion() {
        assertFailure("""
                location:
                  cities:
                    lyon:
                      aliases: [lugdunum]
                """, 4, "location.cities.lyon.region", "is missing");
    }

    @Test
    void shouldRejectAnUnknownSettingInAnArchetypeRule() {
        assertFailure("""
                rfm:
                  archetypes:
                    - {archetype: champions, r: 5}
                    - {archetype: loyal, recency: 4-5}
                """, 4, "rfm.archetypes.recency", "item 2: unknown setting 'recency'", "archetype, r, f, m");
    }

    @Test
    void shouldRejectOverlappingAgeBandsAtTheSecondBand() {
        assertFailure("""
                age:
                  bands:
                    - 18-24
                    - 25-40
                    - 35-44
                """, 5, "age.bands", "item 3: band 35-44 overlaps 25-40");
    }

    @Test
    void shouldRejectAgeBandsOutOfOrder() {
        assertFailure("""
                age:
                  bands: [25-34, 18-24]
                """, 2, "age.bands", "item 2: band 18-24 comes after 25-34; list the bands youngest first");
    }

    @Test
    void shouldRejectAnOpenAgeBandBeforeAnother() {
        assertFailure("""
                age:
                  bands: [18-64, 65+, 80+]
                """, 2, "age.bands", "item 3: band 80+ overlaps 65+");
    }

    @Test
    void shouldRejectAnAgeBandThatIsNoBand() {
        assertFailure("""
                age:
                  bands: [18-24, 25 to 34]
                """, 2, "age.bands", "item 2: '25 to 34' is not an age band", "18-24", "65+");
    }

    @Test
    void shouldRejectAnEmptyListOfAgeBands() {
        assertFailure("""
                age:
                  bands: []
                """, 2, "age.bands", "list at least one age band");
    }

    @Test
    void shouldRejectIncomeBandsOutOfOrderAtTheBandThatFalls() {
        assertFailure("""
                income:
                  bands:
                    low: 0
                    high: 150000
                    middle: 50000
                """, 5, "income.bands.middle", "band middle starts at 50000, not above the band before it"
                + " (high from 150000)");
    }

    @Test
    void shouldRejectABadNumber() {
        assertFailure("""
                income:
                  bands:
                    low: 0
                    middle: 50k
                """, 4, "income.bands.middle", "expected a number such as 50000, but got '50k'");
    }

    @Test
    void shouldRejectANegativeBand() {
        assertFailure("""
                income:
                  bands:
                    debt: -100
                """, 3, "income.bands.debt", "band debt must start at a number of 0 or more, but starts at -100");
    }

    @Test
    void shouldRejectAnUnknownArchetype() {
        assertFailure("""
                rfm:
                  archetypes:
                    - {archetype: champions, r: 5}
                    - {archetype: whales, m: 5}
                """, 4, "rfm.archetypes.archetype", "item 2: unknown archetype 'whales'",
                "champions, loyal, potential_loyalist, new, promising, need_attention, about_to_sleep, at_risk,"
                        + " cant_lose_them, hibernating, lost");
    }

    @Test
    void shouldRejectAnArchetypeRuleWithoutName() {
        assertFailure("""
                rfm:
                  archetypes:
                    - {r: 5, f: 5}
                """, 3, "rfm.archetypes.archetype", "item 1: is missing");
    }

    @Test
    void shouldRejectAnUnknownValueTier() {
        assertFailure("""
                rfm:
                  valueTiers:
                    - {tier: vip, f: 5}
                    - {tier: general}
                """, 3, "rfm.valueTiers.tier", "item 1: unknown tier 'vip'; the tiers are key, potential, general,"
                + " occasional");
    }

    @Test
    void shouldRejectValueTiersThatLeaveScoresWithoutTier() {
        assertFailure("""
                rfm:
                  minPurchasers: 20
                  valueTiers:
                    - {tier: key, f: 4-5}
                """, 3, "rfm.valueTiers", "the score 111 matches no value tier");
    }

    @Test
    void shouldRejectAScoreOutsideOneToFive() {
        assertFailure("""
                rfm:
                  archetypes:
                    - {archetype: champions, r: 5, f: 4-6}
                """, 3, "rfm.archetypes.f", "item 1: a score range lies within 1-5", "4-6");
    }

    @Test
    void shouldRejectAScoreThatIsNoScore() {
        assertFailure("""
                rfm:
                  archetypes:
                    - {archetype: champions, r: high}
                """, 3, "rfm.archetypes.r", "item 1: 'high' is not a score 1-5 or a range such as 4-5");
    }

    @Test
    void shouldRejectTooFewPurchasersForQuintiles() {
        assertFailure("""
                rfm:
                  minPurchasers: 3
                """, 2, "rfm.minPurchasers", "must be at least 5", "but is 3");
        assertFailure("""
                rfm:
                  minPurchasers: twenty
                """, 2, "rfm.minPurchasers", "expected a whole number, but got 'twenty'");
    }

    @Test
    void shouldRejectTwoOccupationsWithTheSameTag() {
        assertFailure("""
                occupation:
                  synonyms:
                    engineer: [developer]
                    Engineer: [programmer]
                """, 4, "occupation.synonyms.Engineer", "'Engineer' gives the same tag (engineer) as an earlier name");
    }

    @Test
    void shouldRejectTwoCitiesWithTheSameTag() {
        assertFailure("""
                location:
                  cities:
                    new york: {region: usa}
                    New-York: {region: usa}
                """, 4, "location.cities.New-York", "gives the same tag (new_york)");
    }

    @Test
    void shouldRejectAnIncomeLabelListedTwice() {
        assertFailure("""
                income:
                  labels:
                    - high
                    - High
                """, 4, "income.labels", "item 2: duplicate tag income_high");
    }

    @Test
    void shouldRejectTwoIncomeBandsWithTheSameTag() {
        assertFailure("""
                income:
                  bands:
                    high: 0
                    High: 10
                """, 4, "income.bands.High", "duplicate tag income_high");
    }

    @Test
    void shouldRejectASynonymOfTwoGenders() {
        assertFailure("""
                gender:
                  synonyms:
                    male: [m]
                    female: [f, M]
                """, 4, "gender.synonyms.female", "item 2: 'M' already means male");
    }

    @Test
    void shouldRejectAnAliasOfTwoCities() {
        assertFailure("""
                location:
                  cities:
                    beijing: {region: north, aliases: [peking]}
                    nanjing: {region: east, aliases: [Peking]}
                """, 4, "location.cities.nanjing.aliases", "item 1: 'Peking' already means beijing");
    }

    @Test
    void shouldRejectAnUnknownGender() {
        assertFailure("""
                gender:
                  synonyms:
                    mail: [m]
                """, 3, "gender.synonyms.mail", "unknown gender 'mail'; the genders are male, female, other"
                + " (anything else is unknown)");
    }

    @Test
    void shouldRejectANumberWhereANameBelongs() {
        assertFailure("""
                occupation:
                  synonyms:
                    engineer: [developer, 42]
                """, 3, "occupation.synonyms.engineer", "item 2: expected a name (quote it), but got 42");
    }

    @Test
    void shouldRejectASettingWithoutValue() {
        assertFailure("""
                age:
                  bands:
                gender:
                  synonyms: {}
                """, 2, "age.bands", "has no value");
    }

    @Test
    void shouldRejectAValueOfTheWrongShape() {
        assertFailure("""
                age:
                  bands: 18-24
                """, 2, "age.bands", "expected a list of age bands such as [18-24, 65+], but got '18-24'");
        assertFailure("""
                occupation:
                  synonyms: [engineer]
                """, 2, "occupation.synonyms", "expected a section of names with their synonyms, but got a list");
        assertFailure("""
                rfm:
                  archetypes:
                    - champions
                """, 3, "rfm.archetypes", "item 1: expected a section with archetype, r, f, m, but got 'champions'");
        assertFailure("income: high\n", 1, "income", "expected a section with bands, labels, but got 'high'");
    }
}
