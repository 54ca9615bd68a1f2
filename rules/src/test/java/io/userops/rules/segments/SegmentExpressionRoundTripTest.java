package io.userops.rules.segments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

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
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** Printing a syntax tree and parsing the text gives the tree back; no text makes the parser fail otherwise. */
class SegmentExpressionRoundTripTest {

    @Property
    void shouldParseThePrintedTextBackToAnEqualTree(@ForAll("conditions") Condition condition) {
        String text = condition.text();

        assertThat(SegmentExpression.parse(text).condition()).as(text).isEqualTo(condition);
    }

    @Property
    void shouldFailOnlyWithAnInvalidExpressionForAnyText(@ForAll String text) {
        assertOnlyInvalidExpression(text);
    }

    @Property
    void shouldFailOnlyWithAnInvalidExpressionForAnyTokenSoup(@ForAll("tokenSoup") String text) {
        assertOnlyInvalidExpression(text);
    }

    private static void assertOnlyInvalidExpression(String text) {
        Throwable thrown = catchThrowable(() -> SegmentExpression.parse(text));

        if (thrown != null) {
            assertThat(thrown).as(text).isInstanceOf(InvalidExpressionException.class);
            InvalidExpressionException e = (InvalidExpressionException) thrown;
            assertThat(e.line()).isPositive();
            assertThat(e.column()).isPositive();
        }
    }

    @Provide
    Arbitrary<String> tokenSoup() {
        return Arbitraries.of("stage", "tags", "traits", "computed", ".", "city", "[", "]", "(", ")", ",", "\"x\"",
                        "\"", "1", "-2.5", "==", "!=", "<", ">=", "&&", "||", "!", "and", "or", "not", "in", "has",
                        "any", "all", "exists", "daysSince", "AT_RISK", "true", "null", "\n")
                .list().ofMaxSize(12).map(tokens -> String.join(" ", tokens));
    }

    @Provide
    Arbitrary<Condition> conditions() {
        return condition(3);
    }

    private Arbitrary<Condition> condition(int depth) {
        if (depth == 0) {
            return leaf();
        }
        Arbitrary<Condition> inner = Arbitraries.lazy(() -> condition(depth - 1));
        return Arbitraries.frequencyOf(
                Tuple.of(3, leaf()),
                Tuple.of(1, inner.map(Not::new)),
                Tuple.of(1, inner.list().ofMinSize(2).ofMaxSize(3).map(And::new)),
                Tuple.of(1, inner.list().ofMinSize(2).ofMaxSize(3).map(Or::new)));
    }

    private Arbitrary<Condition> leaf() {
        Arbitrary<Comparison> anyComparison = Arbitraries.of(Comparison.class);
        Arbitrary<Comparison> equality = Arbitraries.of(Comparison.EQ, Comparison.NE);
        Arbitrary<Constant> ordered = Arbitraries.oneOf(strings().map(Constant::new), numbers());
        Arbitrary<Constant> unordered = Arbitraries.of(new Constant(true), new Constant(false), new Constant(null));
        Arbitrary<Operand> stageSide = Arbitraries.oneOf(stageNames(), paths(), Arbitraries.just(new Constant(null)));
        Arbitrary<TimeSince> timeSince = Combinators.combine(Arbitraries.of(TimeUnit.class), paths())
                .as(TimeSince::new);
        return Arbitraries.oneOf(
                Combinators.combine(paths(), anyComparison, ordered).as(Compare::new),
                Combinators.combine(ordered, anyComparison, paths()).as(Compare::new),
                Combinators.combine(paths(), equality, unordered).as(Compare::new),
                Combinators.combine(paths(), anyComparison, paths()).as(Compare::new),
                Combinators.combine(equality, stageSide, Arbitraries.of(true, false)).as((comparison, other, stageFirst)
                        -> stageFirst ? new Compare(new CurrentStage(), comparison, other)
                        : new Compare(other, comparison, new CurrentStage())),
                Combinators.combine(timeSince, anyComparison, numbers()).as(Compare::new),
                Combinators.combine(paths(), sameKindItems(), Arbitraries.of(true, false)).as(In::new),
                Combinators.combine(stageNames().list().ofMinSize(1).ofMaxSize(3), Arbitraries.of(true, false))
                        .as((names, negated) -> new In(new CurrentStage(), List.copyOf(names), negated)),
                strings().map(HasTag::new),
                strings().list().ofMinSize(1).ofMaxSize(3).map(HasAnyTag::new),
                strings().list().ofMinSize(1).ofMaxSize(3).map(HasAllTags::new),
                paths().map(Exists::new),
                paths().map(IsTrue::new),
                Arbitraries.of(true, false).map(b -> new IsTrue(new Constant(b))));
    }

    private Arbitrary<List<Operand>> sameKindItems() {
        Arbitrary<List<Operand>> strings = strings().map(s -> (Operand) new Constant(s)).list().ofMinSize(1).ofMaxSize(3);
        Arbitrary<List<Operand>> numbers = numbers().map(n -> (Operand) n).list().ofMinSize(1).ofMaxSize(3);
        Arbitrary<List<Operand>> booleans = Arbitraries.of(true, false).map(b -> (Operand) new Constant(b)).list()
                .ofMinSize(1).ofMaxSize(2);
        return Combinators.combine(Arbitraries.oneOf(strings, numbers, booleans), Arbitraries.of(true, false))
                .as((items, withNull) -> {
                    List<Operand> all = new ArrayList<>(items);
                    if (withNull) {
                        all.add(new Constant(null));
                    }
                    return all;
                });
    }

    private Arbitrary<Path> paths() {
        Arbitrary<String> names = Arbitraries.oneOf(identifiers(), strings(), Arbitraries.of("in", "and", "true",
                "stage", "traits", "events 7d", "a.b"));
        return Arbitraries.oneOf(
                names.map(Trait::new),
                names.map(Computed::new),
                Combinators.combine(names, strings()).as(Computed::new));
    }

    private Arbitrary<Operand> stageNames() {
        return Arbitraries.of(SegmentExpression.STAGES).map(StageName::new);
    }

    private Arbitrary<String> identifiers() {
        return Arbitraries.strings().alpha().numeric().withChars('_').ofMinLength(1).ofMaxLength(12)
                .filter(Texts::isIdentifier);
    }

    private Arbitrary<String> strings() {
        return Arbitraries.strings().all().ofMaxLength(10);
    }

    private Arbitrary<Constant> numbers() {
        return Arbitraries.oneOf(Arbitraries.longs().map(Constant::new),
                Arbitraries.doubles().filter(Double::isFinite).map(Constant::new));
    }
}
