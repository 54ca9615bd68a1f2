package io.userops.rules.segments;

import io.userops.rules.segments.Condition.And;
import io.userops.rules.segments.Condition.Compare;
import io.userops.rules.segments.Condition.Exists;
import io.userops.rules.segments.Condition.HasAllTags;
import io.userops.rules.segments.Condition.HasAnyTag;
import io.userops.rules.segments.Condition.HasTag;
import io.userops.rules.segments.Condition.In;
import io.userops.rules.segments.Condition.IsTrue;
import io.userops.rules.segments.Condition.Not;
import io.userops.rules.segments.Condition.Or;
import io.userops.rules.segments.Operand.Computed;
import io.userops.rules.segments.Operand.Constant;
import io.userops.rules.segments.Operand.CurrentStage;
import io.userops.rules.segments.Operand.Path;
import io.userops.rules.segments.Operand.StageName;
import io.userops.rules.segments.Operand.TimeSince;
import io.userops.rules.segments.Operand.TimeUnit;
import io.userops.rules.segments.Operand.Trait;
import io.userops.rules.segments.Token.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A recursive-descent parser for the grammar in {@link SegmentExpression}, one token of look-ahead, failing on
 * the first problem with an {@link InvalidExpressionException} at the offending token.
 */
final class ExpressionParser {

    private static final String USER_VALUES = "stage, traits.<name>, computed.<name>, daysSince(...) or hoursSince(...)";
    private static final String TAGS_USAGE = "tags has \"name\", tags has any [...] or tags has all [...]";
    private static final Set<String> OPERATOR_WORDS = Set.of("and", "or", "not", "in", "any", "all");
    private static final Set<String> RESERVED_WORDS = Set.of("stage", "traits", "computed", "tags", "exists", "has");

    /** A static type, where the parser can tell it. */
    private enum Kind {
        STRING("a string"), NUMBER("a number"), BOOLEAN("a boolean"), NULL("null"), STAGE("a stage");

        final String described;

        Kind(String described) {
            this.described = described;
        }
    }

    /** An operand and where it starts; a bare word waits for its comparison to say whether it is a stage name. */
    private record Parsed(Operand operand, Token start, boolean bare) {

        static Parsed of(Operand operand, Token start) {
            return new Parsed(operand, start, false);
        }
    }

    private final ExpressionLexer lexer;
    private final boolean multiLine;
    private Token current;

    private ExpressionParser(String text) {
        this.lexer = new ExpressionLexer(text);
        this.multiLine = text.strip().indexOf('\n') >= 0;
        this.current = lexer.next();
    }

    static Condition parse(String text) {
        return new ExpressionParser(text).expression();
    }

    private Condition expression() {
        if (current.is(Type.END)) {
            throw error(current, "the expression is empty");
        }
        Condition condition = or();
        if (current.is(Type.RIGHT_PAREN)) {
            throw error(current, "unexpected ')' without a matching '('");
        }
        if (current.is(Type.COMPARISON)) {
            throw error(current, "unexpected '" + current.text() + "'; comparisons do not chain, so write"
                    + " 1 < traits.x && traits.x < 5");
        }
        if (!current.is(Type.END)) {
            throw error(current, "unexpected " + current.described() + " after a complete condition; join conditions"
                    + " with && or ||");
        }
        return condition;
    }

    private Condition or() {
        List<Condition> parts = new ArrayList<>(List.of(and()));
        while (current.is(Type.OR) || current.isWord("or")) {
            advance();
            parts.add(and());
        }
        return parts.size() == 1 ? parts.get(0) : new Or(parts);
    }

    private Condition and() {
        List<Condition> parts = new ArrayList<>(List.of(unary()));
        while (current.is(Type.AND) || current.isWord("and")) {
            advance();
            parts.add(unary());
        }
        return parts.size() == 1 ? parts.get(0) : new And(parts);
    }

    private Condition unary() {
        if (current.is(Type.BANG) || current.isWord("not")) {
            advance();
            return new Not(unary());
        }
        return primary();
    }

    private Condition primary() {
        if (current.is(Type.LEFT_PAREN)) {
            Token open = advance();
            Condition inner = or();
            close(open, Type.RIGHT_PAREN, "')'", "'('");
            return inner;
        }
        if (current.isWord("tags")) {
            return tags();
        }
        if (current.isWord("exists")) {
            Token exists = advance();
            Token open = expect(Type.LEFT_PAREN, "'(' after exists");
            Path path = pathArgument(exists);
            close(open, Type.RIGHT_PAREN, "')'", "'(' of exists");
            return new Exists(path);
        }
        return afterOperand(operand("a condition"));
    }

    private Condition tags() {
        advance();
        if (!current.isWord("has")) {
            throw error(current, "expected has after tags (" + TAGS_USAGE + "), found " + current.described());
        }
        advance();
        if (current.isWord("any")) {
            advance();
            return new HasAnyTag(list("any", this::tagName));
        }
        if (current.isWord("all")) {
            advance();
            return new HasAllTags(list("all", this::tagName));
        }
        if (current.is(Type.STRING)) {
            return new HasTag(tagName(advance()));
        }
        throw error(current, "expected a tag name in double quotes, any [...] or all [...] after has, found "
                + current.described());
    }

    private String tagName(Token token) {
        if (!token.is(Type.STRING)) {
            throw error(token, "expected a tag name in double quotes such as \"big_spender\", found "
                    + token.described());
        }
        return (String) token.value();
    }

    private Condition afterOperand(Parsed left) {
        Token operator = current;
        if (operator.is(Type.COMPARISON)) {
            advance();
            Parsed right = operand("a value after '" + operator.text() + "'");
            return compare(left, Comparison.ofSymbol(operator.text()), right);
        }
        if (operator.isWord("in")) {
            advance();
            return in(left, false);
        }
        if (operator.isWord("not")) {
            advance();
            if (!current.isWord("in")) {
                throw error(current, "expected in after not, as in traits.city not in [\"Shanghai\"], found "
                        + current.described());
            }
            advance();
            return in(left, true);
        }
        if (operator.isWord("has")) {
            throw hasOutsideTags(operator);
        }
        if (left.bare()) {
            throw unknownName(left);
        }
        Operand operand = left.operand();
        if (operand instanceof Path || operand instanceof Constant c && c.value() instanceof Boolean) {
            return new IsTrue(operand);
        }
        throw error(operator, "expected a comparison (==, !=, <, <=, >, >=, in or not in) after " + operand.text()
                + ", found " + operator.described());
    }

    private Condition compare(Parsed left, Comparison comparison, Parsed right) {
        boolean stageLeft = left.operand() instanceof CurrentStage;
        boolean stageRight = right.operand() instanceof CurrentStage;
        if ((stageLeft || stageRight) && comparison.isOrdering()) {
            throw error(stageLeft ? left.start() : right.start(), "stages have no order; compare them with ==, != or in");
        }
        if (stageLeft) {
            right = stageValue(right);
        }
        if (stageRight) {
            left = stageValue(left);
        }
        checkComparable(left, comparison, right);
        return new Compare(left.operand(), comparison, right.operand());
    }

    private Condition in(Parsed left, boolean negated) {
        if (left.bare()) {
            throw unknownName(left);
        }
        if (isConstant(left.operand())) {
            throw error(left.start(), "the value before in must come from the user (" + USER_VALUES
                    + "), not a constant");
        }
        List<Parsed> items = list("in", token -> {
            Parsed item = listItem(token);
            if (left.operand() instanceof CurrentStage) {
                item = stageValue(item);
            }
            checkComparable(left, Comparison.EQ, item);
            return item;
        });
        Kind first = null;
        for (Parsed item : items) {
            Kind kind = kind(item.operand());
            if (kind == Kind.NULL) {
                continue;
            }
            if (first != null && kind != first) {
                throw error(item.start(), "the list mixes " + first.described + " and " + kind.described
                        + "; use one kind");
            }
            first = kind;
        }
        return new In(left.operand(), items.stream().map(Parsed::operand).toList(), negated);
    }

    private Parsed listItem(Token token) {
        if (token.is(Type.STRING) || token.is(Type.NUMBER)) {
            return Parsed.of(new Constant(token.value()), token);
        }
        if (token.is(Type.WORD)) {
            Constant constant = wordConstant(token);
            if (constant != null) {
                return Parsed.of(constant, token);
            }
            if (!RESERVED_WORDS.contains(token.text()) && !OPERATOR_WORDS.contains(token.text())
                    && TimeUnit.ofFunction(token.text()) == null) {
                return new Parsed(null, token, true);
            }
        }
        throw error(token, "expected a list item (a string in double quotes, a number, true, false, null or a stage"
                + " name), found " + token.described());
    }

    private Parsed operand(String expected) {
        Token token = current;
        if (token.is(Type.STRING) || token.is(Type.NUMBER)) {
            advance();
            return Parsed.of(new Constant(token.value()), token);
        }
        if (!token.is(Type.WORD)) {
            throw error(token, "expected " + expected + ", found " + token.described());
        }
        Constant constant = wordConstant(token);
        if (constant != null) {
            advance();
            return Parsed.of(constant, token);
        }
        switch (token.text()) {
            case "stage" -> {
                advance();
                return Parsed.of(new CurrentStage(), token);
            }
            case "traits", "computed" -> {
                return Parsed.of(path(advance()), token);
            }
            case "tags" -> throw error(token, "tags is a set of names, not a value; test it with " + TAGS_USAGE);
            case "exists" -> throw error(token, "exists(...) is a condition, not a value");
            case "has" -> throw hasOutsideTags(token);
            default -> {
                if (OPERATOR_WORDS.contains(token.text())) {
                    throw error(token, "expected " + expected + ", found " + token.described());
                }
            }
        }
        advance();
        if (current.is(Type.LEFT_PAREN)) {
            return Parsed.of(timeSince(token), token);
        }
        return new Parsed(null, token, true);
    }

    private static Constant wordConstant(Token token) {
        return switch (token.text()) {
            case "true" -> new Constant(true);
            case "false" -> new Constant(false);
            case "null" -> new Constant(null);
            default -> null;
        };
    }

    private TimeSince timeSince(Token function) {
        TimeUnit unit = TimeUnit.ofFunction(function.text());
        if (unit == null) {
            throw error(function, "unknown function '" + function.text()
                    + "'; the functions are daysSince, hoursSince and exists");
        }
        Token open = advance();
        Path path = pathArgument(function);
        close(open, Type.RIGHT_PAREN, "')'", "'(' of " + function.text());
        return new TimeSince(unit, path);
    }

    private Path pathArgument(Token function) {
        if (!current.isWord("traits") && !current.isWord("computed")) {
            throw error(current, function.text() + " takes traits.<name> or computed.<name>, found "
                    + current.described());
        }
        return path(advance());
    }

    private Path path(Token root) {
        String name;
        if (current.is(Type.DOT)) {
            advance();
            if (!current.is(Type.WORD)) {
                throw error(current, "expected a name after '" + root.text() + ".', found " + current.described());
            }
            name = advance().text();
        } else if (current.is(Type.LEFT_BRACKET)) {
            name = bracketKey();
        } else {
            throw error(current, "expected .name or [\"name\"] after " + root.text() + ", found " + current.described());
        }
        if (root.isWord("traits")) {
            return new Trait(name);
        }
        return new Computed(name, current.is(Type.LEFT_BRACKET) ? bracketKey() : null);
    }

    private String bracketKey() {
        Token open = advance();
        if (!current.is(Type.STRING)) {
            throw error(current, "expected a key in double quotes after '[', found " + current.described());
        }
        String key = (String) advance().value();
        close(open, Type.RIGHT_BRACKET, "']'", "'['");
        return key;
    }

    private <T> List<T> list(String after, Function<Token, T> item) {
        Token open = expect(Type.LEFT_BRACKET, "'[' to start a list after " + after);
        if (current.is(Type.RIGHT_BRACKET)) {
            throw error(current, "the list is empty; give at least one item");
        }
        List<T> items = new ArrayList<>();
        while (true) {
            items.add(item.apply(current));
            advance();
            if (current.is(Type.RIGHT_BRACKET)) {
                advance();
                return items;
            }
            if (current.is(Type.END)) {
                throw error(current, "missing ']' to close the list at " + where(open));
            }
            if (!current.is(Type.COMMA)) {
                throw error(current, "expected ',' or ']' in the list at " + where(open) + ", found "
                        + current.described());
            }
            advance();
        }
    }

    /** For {@code stage == x}: a stage name written bare or quoted becomes a {@link StageName}. */
    private Parsed stageValue(Parsed other) {
        Operand operand = other.operand();
        if (other.bare() || operand instanceof Constant c && c.value() instanceof String) {
            String name = other.bare() ? other.start().text() : (String) ((Constant) operand).value();
            if (!SegmentExpression.STAGES.contains(name)) {
                throw error(other.start(), "unknown stage '" + name + "'; the stages are "
                        + String.join(", ", SegmentExpression.STAGES));
            }
            return Parsed.of(new StageName(name), other.start());
        }
        return other;
    }

    private void checkComparable(Parsed left, Comparison comparison, Parsed right) {
        if (left.bare()) {
            throw unknownName(left);
        }
        if (right.bare()) {
            throw unknownName(right);
        }
        Kind leftKind = kind(left.operand());
        Kind rightKind = kind(right.operand());
        if (isConstant(left.operand()) && isConstant(right.operand())) {
            throw error(left.start(), leftKind == rightKind
                    ? "both sides of " + comparison.symbol() + " are constants; one must come from the user ("
                    + USER_VALUES + ")"
                    : "cannot compare " + leftKind.described + " with " + rightKind.described);
        }
        for (Parsed side : List.of(left, right)) {
            Kind kind = kind(side.operand());
            if (comparison.isOrdering() && kind == Kind.NULL) {
                throw error(side.start(), "null has no order; test presence with == null, != null or exists(...)");
            }
            if (comparison.isOrdering() && kind == Kind.BOOLEAN) {
                throw error(side.start(), side.operand().text() + " has no order; compare booleans with == or !=");
            }
        }
        if (leftKind != null && rightKind != null && leftKind != Kind.NULL && rightKind != Kind.NULL
                && leftKind != rightKind) {
            Parsed blamed = isConstant(right.operand()) || !isConstant(left.operand()) ? right : left;
            Parsed other = blamed == right ? left : right;
            boolean stage = left.operand() instanceof CurrentStage || right.operand() instanceof CurrentStage;
            throw error(blamed.start(), "cannot compare " + described(other.operand()) + " with "
                    + described(blamed.operand()) + (stage ? "; stages are names such as AT_RISK" : ""));
        }
    }

    private static String described(Operand operand) {
        if (operand instanceof CurrentStage) {
            return "stage";
        }
        return operand instanceof TimeSince ? operand.text() + " (a number)" : kind(operand).described;
    }

    /** The static type of an operand; null for traits and computed traits, known only when the expression runs. */
    private static Kind kind(Operand operand) {
        if (operand instanceof Constant c) {
            Object value = c.value();
            return value == null ? Kind.NULL : value instanceof String ? Kind.STRING
                    : value instanceof Boolean ? Kind.BOOLEAN : Kind.NUMBER;
        }
        if (operand instanceof StageName || operand instanceof CurrentStage) {
            return Kind.STAGE;
        }
        return operand instanceof TimeSince ? Kind.NUMBER : null;
    }

    private static boolean isConstant(Operand operand) {
        return operand instanceof Constant || operand instanceof StageName;
    }

    private InvalidExpressionException unknownName(Parsed bare) {
        String word = bare.start().text();
        if (SegmentExpression.STAGES.contains(word)) {
            return error(bare.start(), word + " is a stage name; compare it with stage, as in stage == " + word);
        }
        return error(bare.start(), "unknown name '" + word + "'; write traits." + word + " for a trait, computed."
                + word + " for a computed trait, or \"" + word + "\" for a string");
    }

    private InvalidExpressionException hasOutsideTags(Token has) {
        return error(has, "has applies to tags only: " + TAGS_USAGE);
    }

    private Token expect(Type type, String expected) {
        if (!current.is(type)) {
            throw error(current, "expected " + expected + ", found " + current.described());
        }
        return advance();
    }

    private void close(Token open, Type type, String closer, String opener) {
        if (current.is(type)) {
            advance();
            return;
        }
        throw error(current, current.is(Type.END)
                ? "missing " + closer + " to close the " + opener + " at " + where(open)
                : "expected " + closer + " to close the " + opener + " at " + where(open) + ", found " + current.described());
    }

    private String where(Token token) {
        return multiLine ? "line " + token.line() + ", column " + token.column() : "column " + token.column();
    }

    private Token advance() {
        Token previous = current;
        current = lexer.next();
        return previous;
    }

    private static InvalidExpressionException error(Token token, String reason) {
        return new InvalidExpressionException(token.line(), token.column(), token.text(), reason);
    }
}
