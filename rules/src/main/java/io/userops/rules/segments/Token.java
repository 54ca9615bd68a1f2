package io.userops.rules.segments;

/** A token of expression text: {@code text} as written, {@code value} for strings and numbers. */
record Token(Type type, String text, Object value, int line, int column) {

    enum Type {
        WORD, STRING, NUMBER, LEFT_PAREN, RIGHT_PAREN, LEFT_BRACKET, RIGHT_BRACKET, COMMA, DOT,
        AND, OR, BANG, COMPARISON, END
    }

    boolean is(Type expected) {
        return type == expected;
    }

    boolean isWord(String word) {
        return type == Type.WORD && text.equals(word);
    }

    /** The token as error messages show it. */
    String described() {
        return type == Type.END ? "the end of the expression" : "'" + text + "'";
    }
}
