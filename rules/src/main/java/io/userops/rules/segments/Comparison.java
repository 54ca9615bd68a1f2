package io.userops.rules.segments;

/** A comparison operator and what it means for the order of two values. */
public enum Comparison {
    EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** True for {@code < <= > >=}, which need values with an order. */
    public boolean isOrdering() {
        return this != EQ && this != NE;
    }

    /** Whether two values whose {@code compareTo} gave {@code order} satisfy this comparison. */
    boolean holdsFor(int order) {
        return switch (this) {
            case EQ -> order == 0;
            case NE -> order != 0;
            case LT -> order < 0;
            case LE -> order <= 0;
            case GT -> order > 0;
            case GE -> order >= 0;
        };
    }

    static Comparison ofSymbol(String symbol) {
        for (Comparison comparison : values()) {
            if (comparison.symbol.equals(symbol)) {
                return comparison;
            }
        }
        return null;
    }
}
