package io.userops.rules.segments;

/**
 * A segment expression that does not parse, with the message {@code line <line>, column <column>: <reason>}.
 * Lines and columns are 1-based and count within the expression text.
 */
public final class InvalidExpressionException extends IllegalArgumentException {

    private final int line;
    private final int column;
    private final String token;
    private final String reason;

    InvalidExpressionException(int line, int column, String token, String reason) {
        super("line " + line + ", column " + column + ": " + reason);
        this.line = line;
        this.column = column;
        this.token = token;
        this.reason = reason;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The offending text as written; empty at the end of the expression. */
    public String token() {
        return token;
    }

    public String reason() {
        return reason;
    }
}
