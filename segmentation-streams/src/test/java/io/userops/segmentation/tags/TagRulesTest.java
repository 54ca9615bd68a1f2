package io.userops.segmentation.tags;

import static io.userops.segmentation.tags.Users.NOW;
import static io.userops.segmentation.tags.Users.withTraits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userops.segmentation.tags.TagRules.TagChange;
import io.userops.segmentation.tags.TagRules.TagChanges;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class TagRulesTest {

    /** A stand-in for a behaviour family, the extension point's intended use. */
    record NightOwl() implements TagRule {

        @Override
        public String family() {
            return "behaviour";
        }

        @Override
        public Set<String> valuesFor(TagInput user, RfmBoundaries population, Instant now) {
            return "night".equals(user.traits().get("usage")) ? Set.of("Night Owl") : Set.of();
        }
    }

    static final TagRules ATTRIBUTES = new TagRules(List.of(AttributeRulesTest.GENDER,
            new CityRule(AttributeRulesTest.CITIES), new RegionRule(AttributeRulesTest.CITIES)));

    @Test
    void shouldNameEveryValueFamilyUnderscoreValueInNameOrder() {
        assertThat(ATTRIBUTES.tagsFor(withTraits("gender", "F", "city", "上海"), RfmBoundaries.none(), NOW))
                .containsExactly("city_shanghai", "gender_female", "region_east_china");
    }

    @Test
    void shouldTakeFurtherFamiliesThroughTheExtensionPoint() {
        TagRules withBehaviour = ATTRIBUTES.with(new NightOwl());

        assertThat(withBehaviour.families()).containsExactly("gender", "city", "region", "behaviour");
        assertThat(withBehaviour.tagsFor(withTraits("usage", "night"), RfmBoundaries.none(), NOW))
                .containsExactly("behaviour_night_owl", "gender_unknown");
        assertThat(ATTRIBUTES.families()).doesNotContain("behaviour");
    }

    @Test
    void shouldRejectTwoRulesOfOneFamilyAndFamiliesOtherThanLetters() {
        assertThatThrownBy(() -> ATTRIBUTES.with(AttributeRulesTest.GENDER))
                .hasMessage("two tag rules have the family gender");
        assertThatThrownBy(() -> new TagRules(List.of(new TagRule() {
            @Override
            public String family() {
                return "night_owl";
            }

            @Override
            public Set<String> valuesFor(TagInput user, RfmBoundaries population, Instant now) {
                return Set.of();
            }
        }))).hasMessageContaining("lower-case letters a-z only, but is 'night_owl'");
    }

    @Test
    void shouldListAddedAndRemovedTagsWithTheirRules() {
        TagChanges changes = TagRules.diff(
                Set.of("age_25_34", "city_shanghai", "region_east_china", "tier_general"),
                Set.of("age_25_34", "city_beijing", "region_north_china", "tier_key", "archetype_champions"));

        assertThat(changes.added()).containsExactly(new TagChange("archetype_champions", "archetype"),
                new TagChange("city_beijing", "city"), new TagChange("region_north_china", "region"),
                new TagChange("tier_key", "tier"));
        assertThat(changes.removed()).containsExactly(new TagChange("city_shanghai", "city"),
                new TagChange("region_east_china", "region"), new TagChange("tier_general", "tier"));
        assertThat(changes.isEmpty()).isFalse();
    }

    @Test
    void shouldFindNoChangeBetweenEqualSets() {
        assertThat(TagRules.diff(Set.of("age_18_24"), Set.of("age_18_24")).isEmpty()).isTrue();
        assertThat(TagRules.diff(Set.of(), Set.of()).isEmpty()).isTrue();
    }

    @Property
    void applyingTheChangesToBeforeGivesAfter(@ForAll("tagSets") Set<String> before,
                                              @ForAll("tagSets") Set<String> after) {
        TagChanges changes = TagRules.diff(before, after);
        Set<String> applied = new HashSet<>(before);
        changes.removed().forEach(change -> applied.remove(change.tag()));
        changes.added().forEach(change -> applied.add(change.tag()));

        assertThat(applied).isEqualTo(after);
        assertThat(changes.added()).allSatisfy(change -> assertThat(change.tag()).startsWith(change.rule() + "_"));
        assertThat(changes.removed()).allSatisfy(change -> assertThat(before).contains(change.tag()));
    }

    @Provide
    Arbitrary<Set<String>> tagSets() {
        return Arbitraries.of("age_18_24", "age_25_34", "gender_male", "gender_unknown", "city_shanghai",
                "tier_key", "tier_general", "rfm_r5", "rfm_r4").set().ofMaxSize(9);
    }

    @Test
    void shouldGiveRulesTheTraitsAsReceived() {
        TagInput user = withTraits("address", Map.of("city", "Lyon"), "age", 30);

        assertThat(user.trait("address.city")).contains("Lyon");
        assertThat(user.trait("address.street")).isEmpty();
        assertThat(user.trait("age.years")).isEmpty();
    }

    @Test
    void shouldRejectInputsWhosePurchasesDoNotAddUp() {
        assertThatThrownBy(() -> new TagInput(Map.of(), null, 2, 10, "NEW", NOW))
                .hasMessageContaining("lastPurchase is set exactly when orders > 0");
        assertThatThrownBy(() -> new TagInput(Map.of(), NOW, 0, 0, "NEW", NOW))
                .hasMessageContaining("lastPurchase is set exactly when orders > 0");
        assertThatThrownBy(() -> new TagInput(Map.of(), null, 0, 5, "NEW", NOW))
                .hasMessageContaining("0 without orders");
        assertThatThrownBy(() -> new TagInput(Map.of(), NOW, 1, -5, "NEW", NOW))
                .hasMessageContaining("finite amount of 0 or more");
        assertThatThrownBy(() -> new TagInput(Map.of(), NOW, 1, Double.POSITIVE_INFINITY, "NEW", NOW))
                .hasMessageContaining("finite amount of 0 or more");
        assertThatThrownBy(() -> new TagInput(Map.of(), null, -1, 0, "NEW", NOW))
                .hasMessageContaining("orders must be 0 or more");
        assertThat(new TagInput(null, NOW, 1, 0, null, null).traits()).isEmpty();
    }
}
