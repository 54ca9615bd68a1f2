package io.userops.segmentation.membership;

import static org.assertj.core.api.Assertions.assertThat;

import io.userops.segmentation.config.SegmentsFile;
import io.userops.segmentation.config.TagRulesFile;
import io.userops.segmentation.profile.EventFacts;
import io.userops.segmentation.profile.Profile;
import io.userops.segmentation.profile.ProfileBuilder;
import io.userops.segmentation.profile.ProfileRules;
import io.userops.segmentation.tags.RfmBoundaries;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tags and segments from a profile and a stage, without Kafka. */
class MembershipDeciderTest {

    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    static final SegmentsFile.Definitions DEFINITIONS = SegmentsFile.parseAll("""
            behaviourTags:
              - name: frequent_buyer
                expression: computed.orders >= 3
              - name: loyal_frequent_buyer
                expression: tags has "frequent_buyer" && computed.events >= 5
            segments:
              - name: at_risk_shanghai
                expression: stage == AT_RISK && traits.city == "Shanghai"
              - name: frequent_buyers
                expression: tags has "frequent_buyer"
            """, "segments.yaml");

    final ProfileBuilder builder = new ProfileBuilder(ProfileRules.defaults());
    final MembershipDecider decider = new MembershipDecider(builder, TagRulesFile.defaults(),
            DEFINITIONS.behaviourTags(), DEFINITIONS.segments());

    Profile identified() {
        return builder.apply(null, "u1", facts("identify", null, Map.of("city", "Shanghai", "age", 30), null, T0));
    }

    Profile withOrders(Profile p, int orders) {
        for (int i = 0; i < orders; i++) {
            p = builder.apply(p, "u1", facts("track", "Order Completed", Map.of(), 20.0, T0.plusSeconds(60 + i)));
        }
        return p;
    }

    static EventFacts facts(String type, String name, Map<String, Object> traits, Double revenue, Instant at) {
        return new EventFacts("e-" + at.toEpochMilli(), at, type, name, traits, revenue, revenue == null ? null : "USD",
                null, null, null);
    }

    @Test
    void shouldDecideAttributeTagsFromTraitsAndSegmentsFromTheStage() {
        MembershipDecider.Decided active = decider.decide(identified(), "ENGAGED", RfmBoundaries.none(), T0);
        MembershipDecider.Decided atRisk = decider.decide(identified(), "AT_RISK", RfmBoundaries.none(), T0);

        assertThat(active.tags()).contains("city_shanghai", "age_25_34").doesNotContain("frequent_buyer");
        assertThat(active.segments()).isEmpty();
        assertThat(atRisk.segments()).containsExactly("at_risk_shanghai");
        assertThat(atRisk.traits()).containsEntry("city", "Shanghai");
    }

    @Test
    void shouldLetABehaviourTagAndASegmentNameABehaviourTagDecidedBeforeIt() {
        Profile buyer = withOrders(identified(), 5);

        MembershipDecider.Decided decided = decider.decide(buyer, "ENGAGED", RfmBoundaries.none(),
                T0.plus(Duration.ofMinutes(10)));

        assertThat(decided.tags()).contains("frequent_buyer", "loyal_frequent_buyer");
        assertThat(decided.segments()).containsExactly("frequent_buyers");
        assertThat(decided.computed()).containsEntry("orders", 5L);
    }

    @Test
    void shouldGiveTheSameMembershipsForTheSameInputs() {
        Profile buyer = withOrders(identified(), 3);
        Instant now = T0.plus(Duration.ofHours(1));

        assertThat(decider.decide(buyer, "AT_RISK", RfmBoundaries.none(), now))
                .isEqualTo(decider.decide(buyer, "AT_RISK", RfmBoundaries.none(), now));
    }

    @Test
    void shouldKnowItsBehaviourTags() {
        assertThat(decider.isBehaviourTag("frequent_buyer")).isTrue();
        assertThat(decider.isBehaviourTag("city_shanghai")).isFalse();
    }
}
