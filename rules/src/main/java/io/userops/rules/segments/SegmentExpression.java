package io.userops.rules.segments;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A compiled boolean expression over a user's lifecycle stage, tags, traits and computed traits, used by
 * segments and meant for tag rules and campaign audiences too. The full reference: docs/segments.md.
 *
 * <pre>
 * expression := or
 * or         := and (("||" | "or") and)*
 * and        := unary (("&amp;&amp;" | "and") unary)*
 * unary      := ("!" | "not") unary | primary
 * primary    := "(" or ")"
 *             | "tags" "has" (string | "any" list | "all" list)
 *             | "exists" "(" path ")"
 *             | value [comparison value | ["not"] "in" list]
 * comparison := "==" | "!=" | "&lt;" | "&lt;=" | "&gt;" | "&gt;="
 * value      := "stage" | path | ("daysSince" | "hoursSince") "(" path ")"
 *             | string | number | "true" | "false" | "null" | STAGE_NAME
 * path       := "traits" member | "computed" member ["[" string "]"]
 * member     := "." identifier | "[" string "]"
 * list       := "[" item ("," item)* "]"
 * </pre>
 *
 * <p>A value on its own is a condition only when it is a trait or computed trait (true when it is the boolean
 * true) or {@code true}/{@code false}. {@code !} binds to the whole comparison: {@code !traits.age > 3} is
 * {@code !(traits.age > 3)}.
 *
 * <p>Absent values: a comparison, {@code in} and {@code not in} are true only when the user's value is present;
 * {@code traits.city != "X"} is false for a user without a city. {@code x == null} is true exactly when x is
 * absent and {@code x != null} when it is present, like {@code exists(x)}.
 *
 * <p>Types: numbers compare by value across Long, Double and other Numbers; strings compare case-sensitively
 * (ordering by {@link String#compareTo}); instants compare by time; booleans only with {@code ==} and
 * {@code !=}; stages only with {@code ==}, {@code !=} and {@code in}. Values of different kinds (or a map)
 * never compare: the comparison is false, {@code !=} included. A mismatch the parser can see (two constants,
 * stage against a number, {@code daysSince(...)} against a string, ordering a boolean or null) is a parse error.
 *
 * <p>Equality of expressions is equality of their syntax trees, not of their source text.
 */
public final class SegmentExpression {

    /** The lifecycle stage names, in lifecycle order. */
    public static final List<String> STAGES = List.of("NEW", "ACTIVATED", "ENGAGED", "AT_RISK", "DORMANT", "CHURNED",
            "RESURRECTED");

    private final String source;
    private final Condition condition;

    private SegmentExpression(String source, Condition condition) {
        this.source = source;
        this.condition = condition;
    }

    /**
     * @throws InvalidExpressionException at the line and column of the first problem
     */
    public static SegmentExpression parse(String source) {
        Objects.requireNonNull(source, "source");
        return new SegmentExpression(source, ExpressionParser.parse(source));
    }

    /** An expression built as a syntax tree, with its printed text as the source. */
    public static SegmentExpression of(Condition condition) {
        Objects.requireNonNull(condition, "condition");
        return new SegmentExpression(condition.text(), condition);
    }

    public boolean matches(SegmentSubject subject, Instant now) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(now, "now");
        return condition.test(subject, now);
    }

    /** The text as written. */
    public String source() {
        return source;
    }

    public Condition condition() {
        return condition;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SegmentExpression e && e.condition.equals(condition);
    }

    @Override
    public int hashCode() {
        return condition.hashCode();
    }

    @Override
    public String toString() {
        return source;
    }
}
