package io.userops.segmentation.tags;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** The tag rules in force: each user's tags, and what changed between two sets of tags. */
public final class TagRules {

    private final List<TagRule> rules;

    /** @throws IllegalArgumentException when a family is not lower-case letters or two rules share one */
    public TagRules(List<TagRule> rules) {
        Set<String> families = new HashSet<>();
        for (TagRule rule : rules) {
            if (!families.add(TagNames.requireFamily(rule.family()))) {
                throw new IllegalArgumentException("two tag rules have the family " + rule.family());
            }
        }
        this.rules = List.copyOf(rules);
    }

    /** These rules and one more, such as a family of behaviour tags. */
    public TagRules with(TagRule rule) {
        List<TagRule> next = new ArrayList<>(rules);
        next.add(rule);
        return new TagRules(next);
    }

    public List<String> families() {
        return rules.stream().map(TagRule::family).toList();
    }

    /** Every tag of the user, {@code family_value}, in name order. */
    public SortedSet<String> tagsFor(TagInput user, RfmBoundaries population, Instant now) {
        SortedSet<String> tags = new TreeSet<>();
        for (TagRule rule : rules) {
            for (String value : rule.valuesFor(user, population, now)) {
                tags.add(TagNames.tag(rule.family(), value));
            }
        }
        return Collections.unmodifiableSortedSet(tags);
    }

    /**
     * The tags added and removed from {@code before} to {@code after}, each with the rule (family) that gives it,
     * in name order. Pure: a tag whose rule has since left the configuration still names its family.
     */
    public static TagChanges diff(Set<String> before, Set<String> after) {
        return new TagChanges(changes(after, before), changes(before, after));
    }

    private static List<TagChange> changes(Set<String> in, Set<String> notIn) {
        return in.stream().filter(tag -> !notIn.contains(tag)).sorted()
                .map(tag -> new TagChange(tag, TagNames.familyOf(tag))).toList();
    }

    /** One tag that appeared or went, and the rule (family) that gives it. */
    public record TagChange(String tag, String rule) {
    }

    public record TagChanges(List<TagChange> added, List<TagChange> removed) {

        public TagChanges {
            added = List.copyOf(added);
            removed = List.copyOf(removed);
        }

        public boolean isEmpty() {
            return added.isEmpty() && removed.isEmpty();
        }
    }
}
