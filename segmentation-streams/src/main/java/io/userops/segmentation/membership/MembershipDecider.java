package io.userops.segmentation.membership;

import io.userops.rules.segments.ProfileSubject;
import io.userops.rules.segments.SegmentDefinition;
import io.userops.segmentation.profile.Profile;
import io.userops.segmentation.profile.ProfileBuilder;
import io.userops.segmentation.tags.RfmBoundaries;
import io.userops.segmentation.tags.TagInput;
import io.userops.segmentation.tags.TagRules;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A user's tags and segments from their profile and stage: the attribute and RFM tags of the tag rules, then
 * the behaviour tags (segment expressions over the profile and those tags), then the segments (expressions
 * that may name any tag). Pure: the same profile, stage, boundaries and time give the same memberships.
 */
public final class MembershipDecider {

    private final ProfileBuilder profiles;
    private final TagRules tags;
    private final List<SegmentDefinition> behaviourTags;
    private final List<SegmentDefinition> segments;

    public MembershipDecider(ProfileBuilder profiles, TagRules tags, List<SegmentDefinition> behaviourTags,
            List<SegmentDefinition> segments) {
        this.profiles = profiles;
        this.tags = tags;
        this.behaviourTags = List.copyOf(behaviourTags);
        this.segments = List.copyOf(segments);
    }

    /**
     * @param stage      the lifecycle stage name, null when the lifecycle has not seen the user
     * @param boundaries the RFM quintile boundaries of the whole population
     */
    public Decided decide(Profile profile, String stage, RfmBoundaries boundaries, Instant now) {
        Map<String, Object> traits = traitValues(profile);
        Map<String, Object> computed = profiles.computed(profile, now).asMap();
        SortedSet<String> tagged = new TreeSet<>(tags.tagsFor(tagInput(profile, traits, stage), boundaries, now));
        // The subject reads the tag set as it grows: an expression may name a behaviour tag decided before it.
        ProfileSubject subject = new ProfileSubject(stage, tagged, traits, computed);
        for (SegmentDefinition behaviour : behaviourTags) {
            if (behaviour.expression().matches(subject, now)) {
                tagged.add(behaviour.name());
            }
        }
        SortedSet<String> members = new TreeSet<>();
        for (SegmentDefinition segment : segments) {
            if (segment.expression().matches(subject, now)) {
                members.add(segment.name());
            }
        }
        return new Decided(Collections.unmodifiableSortedSet(tagged), Collections.unmodifiableSortedSet(members),
                traits, computed);
    }

    /** Whether {@code tag} is one of the behaviour tags, which tag changes name as {@code behaviour:<tag>}. */
    public boolean isBehaviourTag(String tag) {
        for (SegmentDefinition behaviour : behaviourTags) {
            if (behaviour.name().equals(tag)) {
                return true;
            }
        }
        return false;
    }

    /** What the tag rules (and the RFM population) see of a user. */
    public static TagInput tagInput(Profile p, Map<String, Object> traits, String stage) {
        boolean bought = p.orders() > 0 && p.lastPurchase() != null;
        return new TagInput(traits, bought ? p.lastPurchase() : null, bought ? p.orders() : 0,
                bought ? Math.max(0, p.totalRevenue()) : 0, stage, p.firstSeen());
    }

    /** The traits' values, without the times that set them. */
    public static Map<String, Object> traitValues(Profile p) {
        Map<String, Object> values = new HashMap<>();
        p.traits().forEach((name, trait) -> values.put(name, trait.value()));
        return values;
    }

    /**
     * @param traits   the trait values the decision read
     * @param computed the computed traits at the time of the decision, by name
     */
    public record Decided(SortedSet<String> tags, SortedSet<String> segments, Map<String, Object> traits,
                          Map<String, Object> computed) {
    }
}
