package io.userops.rules.segments;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** A node of a parsed expression that is true or false for a user. */
public sealed interface Condition permits Condition.Or, Condition.And, Condition.Not, Condition.Compare,
        Condition.In, Condition.HasTag, Condition.HasAnyTag, Condition.HasAllTags, Condition.Exists,
        Condition.IsTrue {

    boolean test(SegmentSubject subject, Instant now);

    /** Expression text that parses back to an equal condition. */
    String text();

    /** {@code a || b || c}. */
    record Or(List<Condition> anyOf) implements Condition {

        public Or {
            anyOf = atLeastTwo(anyOf, "||");
        }

        @Override
        public boolean test(SegmentSubject subject, Instant now) {
            return anyOf.stream().anyMatch(c -> c.test(subject, now));
        }

        @Override
        public String text() {
            return anyOf.stream().map(c -> c instanceof Or ? "(" + c.text() + ")" : c.text())
                    .collect(Collectors.joining(" || "));
        }
    }

    /** {@code a && b && c}. */
    record And(List<Condition> allOf) implements Condition {

        public And {
            allOf = atLeastTwo(allOf, "&&");
        }

        @Override
        public boolean test(SegmentSubject subject, Instant now) {
            return allOf.stream().allMatch(c -> c.test(subject, now));
        }

        @Override
        public String text() {
            return allOf.stream().map(c -> c instanceof Or || c instanceof And ? "(" + c.text() + ")" : c.text())
                    .collect(Collectors.joining(" && "));
        }
    }

    /** {@code !a}. */
    record Not(Condition negated) implements Condition {

        public Not {
            Objects.requireNonNull(negated, "negated");
        }

        @Override
        public boolean test(SegmentSubject subject, Instant now) {
            return !negated.test(subject, now);
        }

        @Override
        public String text() {
            boolean bare = negated instanceof IsTrue || negated instanceof Exists || negated instanceof Not
                    || negated instanceof HasTag || negated instanceof HasAnyTag || negated instanceof HasAllTags;
            return bare ? "!" + negated.text() : "!(" + negated.text() + ")";
        }
    }

    /**
     * {@code left <comparison> right}. With a {@code null} constant on one side it tests whether the other side
     * is absent ({@code ==}) or present ({@code !=}); otherwise it is true only when both values are present and
     * of one kind (numbers, strings, booleans or instants), and booleans have no order.
     */
    record Compare(Operand left, Comparison comparison, Operand right) implements Condition {

        public Compare {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(comparison, "comparison");
            Objects.requireNonNull(right, "right");
        }

        @Override
        public boolean test(SegmentSubject subject, Instant now) {
            return Values.compare(left, comparison, right, left.valueOf(subject, now), right.valueOf(subject, now));
        }

        @Override
        public String text() {
            return left.text() + " " + comparison.symbol() + " " + right.text();
        }
    }

    /** {@code value in [a, b]}: {@code value == a || value == b}; negated, {@code value != a && value != b}. */
    record In(Operand value, List<Operand> items, boolean negated) implements Condition {

        public In {
            Objects.requireNonNull(value, "value");
            items = List.copyOf(items);
            if (items.isEmpty()) {
                throw new IllegalArgumentException("in needs at least one item");
            }
        }

        @Override
        public boolean test(SegmentSubject subject, Instant now) {
            Object actual = value.valueOf(subject, now);
            Comparison comparison = negated ? Comparison.NE : Comparison.EQ;
            Predicate<Operand> holds = item -> Values.compare(value, comparison, item, actual, item.valueOf(subject, now));
            return negated ? items.stream().allMatch(holds) : items.stream().anyMatch(holds);
        }

        @Override
        public String text() {
            return value.text() + (negated ? " not in [" : " in [")
                    + items.stream().map(Operand::text).collect(Collectors.joining(", ")) + "]";
        }
    }

    /** {@code tags has "big_spender"}. */
    record HasTag(String tag) implements Condition {

        public HasTag {
            Objects.requireNonNull(tag, "tag");
        }

        @Override
        public boolean test(SegmentSubject subject, Instant now) {
            return subject.tags().contains(tag);
        }

        @Override
        public String text() {
            return "tags has " + Texts.quote(tag);
        }
    }

    /** {@code tags has any ["a", "b"]}. */
    record HasAnyTag(List<String> tags) implements Condition {

        public HasAnyTag {
            tags = nonEmpty(tags);
        }

        @Override
        public boolean test(SegmentSubject subject, Instant now) {
            return tags.stream().anyMatch(subject.tags()::contains);
        }

        @Override
        public String text() {
            return "tags has any " + Texts.quotedList(tags);
        }
    }

    /** {@code tags has all ["a", "b"]}. */
    record HasAllTags(List<String> tags) implements Condition {

        public HasAllTags {
            tags = nonEmpty(tags);
        }

        @Override
        public boolean test(SegmentSubject subject, Instant now) {
            return subject.tags().containsAll(tags);
        }

        @Override
        public String text() {
            return "tags has all " + Texts.quotedList(tags);
        }
    }

    /** {@code exists(traits.city)}: the value is present (not null). */
    record Exists(Operand.Path path) implements Condition {

        public Exists {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public boolean test(SegmentSubject subject, Instant now) {
            return path.valueOf(subject, now) != null;
        }

        @Override
        public String text() {
            return "exists(" + path.text() + ")";
        }
    }

    /** A value on its own, {@code traits.vip} or {@code true}: true only when the value is the boolean true. */
    record IsTrue(Operand operand) implements Condition {

        public IsTrue {
            if (!(operand instanceof Operand.Path || operand instanceof Operand.Constant c && c.value() instanceof Boolean)) {
                throw new IllegalArgumentException("only a trait, a computed trait, true or false stands alone as a"
                        + " condition, not " + operand);
            }
        }

        @Override
        public boolean test(SegmentSubject subject, Instant now) {
            return Boolean.TRUE.equals(operand.valueOf(subject, now));
        }

        @Override
        public String text() {
            return operand.text();
        }
    }

    private static List<Condition> atLeastTwo(List<Condition> conditions, String operator) {
        List<Condition> copy = List.copyOf(conditions);
        if (copy.size() < 2) {
            throw new IllegalArgumentException(operator + " joins at least two conditions, not " + copy.size());
        }
        return copy;
    }

    private static List<String> nonEmpty(List<String> tags) {
        List<String> copy = List.copyOf(tags);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("the list of tags is empty");
        }
        return copy;
    }
}
