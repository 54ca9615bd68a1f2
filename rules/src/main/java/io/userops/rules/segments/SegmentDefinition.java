package io.userops.rules.segments;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A named segment: the users for whom {@code expression} matches.
 *
 * @param name        1-64 characters of a-z, 0-9, _ and -
 * @param source      the expression as written
 * @param expression  the compiled expression
 * @param description free text; empty when none
 */
public record SegmentDefinition(String name, String source, SegmentExpression expression, String description) {

    public static final Pattern NAME = Pattern.compile("[a-z0-9_-]{1,64}");

    public SegmentDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(description, "description");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("segment name '" + name + "' must be 1-64 characters of a-z, 0-9, _ and -");
        }
        if (!source.equals(expression.source())) {
            throw new IllegalArgumentException("the source of segment " + name + " is not its expression's source");
        }
    }

    /**
     * @throws InvalidExpressionException when the expression does not parse
     */
    public static SegmentDefinition compile(String name, String source, String description) {
        return new SegmentDefinition(name, source, SegmentExpression.parse(source), description);
    }
}
