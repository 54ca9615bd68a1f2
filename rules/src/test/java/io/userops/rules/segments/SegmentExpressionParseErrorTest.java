package io.userops.rules.segments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SegmentExpressionParseErrorTest {

    static InvalidExpressionException failureOf(String expression) {
        Throwable thrown = catchThrowable(() -> SegmentExpression.parse(expression));
        assertThat(thrown).as(expression).isInstanceOf(InvalidExpressionException.class);
        InvalidExpressionException e = (InvalidExpressionException) thrown;
        assertThat(e).hasMessage("line " + e.line() + ", column " + e.column() + ": " + e.reason());
        return e;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', textBlock = """
            ``                                   => 1  => `` => the expression is empty
            `   `                                => 1  => `` => the expression is empty
            traits.city == "Shang                => 16 => "Shang => unterminated string; end it with " on the same line
            traits.city == "a\\qb"               => 18 => \\q => unknown escape \\q in a string; the escapes are \\", \\\\, \\n, \\t and \\uXXXX
            traits.city == "\\u12G4"             => 17 => \\u12G4 => \\u needs four hex digits, as in \\u00e9
            traits.city = "x"                    => 13 => = => '=' is not an operator; compare with ==
            stage == NEW & traits.vip            => 14 => & => '&' is not an operator; join conditions with && (or and)
            stage == NEW | traits.vip            => 14 => | => '|' is not an operator; join conditions with || (or or)
            traits.city == 'x'                   => 16 => ' => unexpected "'"; strings are written in double quotes
            traits.city == "x" # a note          => 20 => # => unexpected character '#'
            traits.age > - 1                     => 14 => - => unexpected character '-'
            daysSince(computed.lastSeen) > 30d   => 32 => 30d => '30d' is not a number; numbers have no units (compare daysSince(...) or hoursSince(...) with a plain number)
            traits.age > 1.                      => 14 => 1. => a decimal needs digits after the point, as in 1.5
            traits.age > 99999999999999999999    => 14 => 99999999999999999999 => number 99999999999999999999 is too large; whole numbers go from -9223372036854775808 to 9223372036854775807
            stage == AT_RSK                      => 10 => AT_RSK => unknown stage 'AT_RSK'; the stages are NEW, ACTIVATED, ENGAGED, AT_RISK, DORMANT, CHURNED, RESURRECTED
            stage == "at_risk"                   => 10 => "at_risk" => unknown stage 'at_risk'; the stages are NEW, ACTIVATED, ENGAGED, AT_RISK, DORMANT, CHURNED, RESURRECTED
            stage in [NEW, ACTIVE]               => 16 => ACTIVE => unknown stage 'ACTIVE'; the stages are NEW, ACTIVATED, ENGAGED, AT_RISK, DORMANT, CHURNED, RESURRECTED
            stage > NEW                          => 1  => stage => stages have no order; compare them with ==, != or in
            stage == 3                           => 10 => 3 => cannot compare stage with a number; stages are names such as AT_RISK
            stage in [NEW, true]                 => 16 => true => cannot compare stage with a boolean; stages are names such as AT_RISK
            stage == daysSince(computed.lastSeen) => 10 => daysSince => cannot compare stage with daysSince(computed.lastSeen) (a number); stages are names such as AT_RISK
            1 == 2                               => 1  => 1 => both sides of == are constants; one must come from the user (stage, traits.<name>, computed.<name>, daysSince(...) or hoursSince(...))
            "a" != 1                             => 1  => "a" => cannot compare a string with a number
            daysSince(computed.lastSeen) > "x"   => 32 => "x" => cannot compare daysSince(computed.lastSeen) (a number) with a string
            hoursSince(traits.t) in [1, false]   => 29 => false => cannot compare hoursSince(traits.t) (a number) with a boolean
            traits.vip > true                    => 14 => true => true has no order; compare booleans with == or !=
            traits.x <= null                     => 13 => null => null has no order; test presence with == null, != null or exists(...)
            weeksSince(computed.lastSeen) > 1    => 1  => weeksSince => unknown function 'weeksSince'; the functions are daysSince, hoursSince and exists
            traits.x has "a"                     => 10 => has => has applies to tags only: tags has "name", tags has any [...] or tags has all [...]
            has "a"                              => 1  => has => has applies to tags only: tags has "name", tags has any [...] or tags has all [...]
            tags == "a"                          => 6  => == => expected has after tags (tags has "name", tags has any [...] or tags has all [...]), found '=='
            tags has big_spender                 => 10 => big_spender => expected a tag name in double quotes, any [...] or all [...] after has, found 'big_spender'
            tags has any "a"                     => 14 => "a" => expected '[' to start a list after any, found '"a"'
            tags has all ["a", 1]                => 20 => 1 => expected a tag name in double quotes such as "big_spender", found '1'
            tags has any []                      => 15 => ] => the list is empty; give at least one item
            traits.city in ["a", "b"             => 25 => `` => missing ']' to close the list at column 16
            traits.city in ["a" "b"]             => 21 => "b" => expected ',' or ']' in the list at column 16, found '"b"'
            traits.city in ["a",]                => 21 => ] => expected a list item (a string in double quotes, a number, true, false, null or a stage name), found ']'
            traits.city in "a"                   => 16 => "a" => expected '[' to start a list after in, found '"a"'
            traits.city in ["a", 1]              => 22 => 1 => the list mixes a string and a number; use one kind
            traits.city in [traits.x]            => 17 => traits => expected a list item (a string in double quotes, a number, true, false, null or a stage name), found 'traits'
            traits.city in [Shanghai]            => 17 => Shanghai => unknown name 'Shanghai'; write traits.Shanghai for a trait, computed.Shanghai for a computed trait, or "Shanghai" for a string
            "a" in ["a"]                         => 1  => "a" => the value before in must come from the user (stage, traits.<name>, computed.<name>, daysSince(...) or hoursSince(...)), not a constant
            traits.city not ["a"]                => 17 => [ => expected in after not, as in traits.city not in ["Shanghai"], found '['
            (stage == NEW                        => 14 => `` => missing ')' to close the '(' at column 1
            (stage == NEW traits.vip)            => 15 => traits => expected ')' to close the '(' at column 1, found 'traits'
            stage == NEW)                        => 13 => ) => unexpected ')' without a matching '('
            stage == NEW traits.vip              => 14 => traits => unexpected 'traits' after a complete condition; join conditions with && or ||
            1 < traits.x < 5                     => 14 => < => unexpected '<'; comparisons do not chain, so write 1 < traits.x && traits.x < 5
            stage ==                             => 9  => `` => expected a value after '==', found the end of the expression
            stage == NEW &&                      => 16 => `` => expected a condition, found the end of the expression
            && stage == NEW                      => 1  => && => expected a condition, found '&&'
            stage == NEW || ()                   => 18 => ) => expected a condition, found ')'
            stage                                => 6  => `` => expected a comparison (==, !=, <, <=, >, >=, in or not in) after stage, found the end of the expression
            daysSince(computed.lastSeen)         => 29 => `` => expected a comparison (==, !=, <, <=, >, >=, in or not in) after daysSince(computed.lastSeen), found the end of the expression
            42 && traits.vip                     => 4  => && => expected a comparison (==, !=, <, <=, >, >=, in or not in) after 42, found '&&'
            city == "Shanghai"                   => 1  => city => unknown name 'city'; write traits.city for a trait, computed.city for a computed trait, or "city" for a string
            AT_RISK                              => 1  => AT_RISK => AT_RISK is a stage name; compare it with stage, as in stage == AT_RISK
            traits.city == AT_RISK               => 16 => AT_RISK => AT_RISK is a stage name; compare it with stage, as in stage == AT_RISK
            traits == 1                          => 8  => == => expected .name or ["name"] after traits, found '=='
            computed. == 1                       => 11 => == => expected a name after 'computed.', found '=='
            traits[1] == 1                       => 8  => 1 => expected a key in double quotes after '[', found '1'
            computed.events7d["purchase" > 1     => 30 => > => expected ']' to close the '[' at column 18, found '>'
            computed.events7d["purchase"         => 29 => `` => missing ']' to close the '[' at column 18
            daysSince(computed.lastSeen > 1      => 29 => > => expected ')' to close the '(' of daysSince at column 10, found '>'
            exists traits.city                   => 8  => traits => expected '(' after exists, found 'traits'
            exists(stage)                        => 8  => stage => exists takes traits.<name> or computed.<name>, found 'stage'
            exists(traits.city                   => 19 => `` => missing ')' to close the '(' of exists at column 7
            daysSince(stage) > 1                 => 11 => stage => daysSince takes traits.<name> or computed.<name>, found 'stage'
            traits.x == tags                     => 13 => tags => tags is a set of names, not a value; test it with tags has "name", tags has any [...] or tags has all [...]
            traits.x == exists(traits.y)         => 13 => exists => exists(...) is a condition, not a value
            traits.x == and                      => 13 => and => expected a value after '==', found 'and'
            traits.city in [has]                 => 17 => has => expected a list item (a string in double quotes, a number, true, false, null or a stage name), found 'has'
            not in ["a"]                         => 5  => in => expected a condition, found 'in'
            """)
    void shouldRejectWithColumnTokenAndReason(String expression, int column, String token, String reason) {
        InvalidExpressionException e = failureOf(expression);

        assertThat(e.reason()).as("reason").isEqualTo(reason);
        assertThat(e.line()).as("line").isEqualTo(1);
        assertThat(e.column()).as("column").isEqualTo(column);
        assertThat(e.token()).as("token").isEqualTo(token);
    }

    @Test
    void shouldRejectADecimalTooLargeForADouble() {
        String huge = "9".repeat(400) + ".5";

        InvalidExpressionException e = failureOf("traits.x < " + huge);

        assertThat(e.reason()).isEqualTo("number " + huge + " is too large");
        assertThat(e.column()).isEqualTo(12);
    }

    @Test
    void shouldReportLineAndColumnWithinAMultiLineExpression() {
        InvalidExpressionException e = failureOf("""
                stage == AT_RISK
                  && tags has "big_spender"
                  && traits.city in ["Shanghai", Hangzhou]
                """);

        assertThat(e).hasMessage("line 3, column 34: unknown name 'Hangzhou'; write traits.Hangzhou for a trait,"
                + " computed.Hangzhou for a computed trait, or \"Hangzhou\" for a string");
        assertThat(e.token()).isEqualTo("Hangzhou");
    }

    @Test
    void shouldPlaceTheEndJustAfterTheLastTokenOfAMultiLineExpression() {
        InvalidExpressionException e = failureOf("(stage == NEW\n  || stage == ACTIVATED\n\n");

        assertThat(e).hasMessage("line 2, column 24: missing ')' to close the '(' at line 1, column 1");
    }

    @Test
    void shouldCountColumnsFromOneOnEachLine() {
        InvalidExpressionException e = failureOf("stage == NEW ||\n\tstage == @");

        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(11);
        assertThat(e.reason()).isEqualTo("unexpected character '@'");
    }
}
