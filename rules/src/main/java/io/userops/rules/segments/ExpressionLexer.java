package io.userops.rules.segments;

import io.userops.rules.segments.Token.Type;

/** Splits expression text into tokens on demand, so that errors come in the order of the text. */
final class ExpressionLexer {

    private final String text;
    private int at;
    private int line = 1;
    private int column = 1;
    private int endLine = 1;
    private int endColumn = 1;

    ExpressionLexer(String text) {
        this.text = text;
    }

    /** The next token; at the end, an END token placed just after the last one. */
    Token next() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            step();
        }
        if (at == text.length()) {
            return new Token(Type.END, "", null, endLine, endColumn);
        }
        int startLine = line;
        int startColumn = column;
        int start = at;
        char c = text.charAt(at);
        Token token;
        if (c == '"') {
            token = string(startLine, startColumn);
        } else if (isDigit(c) || c == '-' && at + 1 < text.length() && isDigit(text.charAt(at + 1))) {
            token = number(startLine, startColumn);
        } else if (Texts.isIdentifierStart(c)) {
            while (at < text.length() && Texts.isIdentifierPart(text.charAt(at))) {
                step();
            }
            token = new Token(Type.WORD, text.substring(start, at), null, startLine, startColumn);
        } else {
            token = symbol(c, startLine, startColumn);
        }
        endLine = line;
        endColumn = column;
        return token;
    }

    private Token symbol(char c, int startLine, int startColumn) {
        String two = at + 1 < text.length() ? text.substring(at, at + 2) : "";
        switch (two) {
            case "&&", "||", "==", "!=", "<=", ">=" -> {
                step();
                step();
                Type type = two.equals("&&") ? Type.AND : two.equals("||") ? Type.OR : Type.COMPARISON;
                return new Token(type, two, null, startLine, startColumn);
            }
            default -> {
            }
        }
        Type type = switch (c) {
            case '(' -> Type.LEFT_PAREN;
            case ')' -> Type.RIGHT_PAREN;
            case '[' -> Type.LEFT_BRACKET;
            case ']' -> Type.RIGHT_BRACKET;
            case ',' -> Type.COMMA;
            case '.' -> Type.DOT;
            case '!' -> Type.BANG;
            case '<', '>' -> Type.COMPARISON;
            default -> null;
        };
        String character = Character.toString(text.codePointAt(at));
        if (type == null) {
            throw new InvalidExpressionException(startLine, startColumn, character, switch (c) {
                case '=' -> "'=' is not an operator; compare with ==";
                case '&' -> "'&' is not an operator; join conditions with && (or and)";
                case '|' -> "'|' is not an operator; join conditions with || (or or)";
                case '\'' -> "unexpected \"'\"; strings are written in double quotes";
                default -> "unexpected character '" + character + "'";
            });
        }
        step();
        return new Token(type, character, null, startLine, startColumn);
    }

    private Token string(int startLine, int startColumn) {
        int start = at;
        StringBuilder value = new StringBuilder();
        step();
        while (true) {
            if (at == text.length() || text.charAt(at) == '\n') {
                throw new InvalidExpressionException(startLine, startColumn, text.substring(start, at).stripTrailing(),
                        "unterminated string; end it with \" on the same line");
            }
            char c = text.charAt(at);
            if (c == '"') {
                step();
                return new Token(Type.STRING, text.substring(start, at), value.toString(), startLine, startColumn);
            }
            if (c == '\\') {
                value.append(escape());
            } else {
                value.append(c);
                step();
            }
        }
    }

    private char escape() {
        int escapeLine = line;
        int escapeColumn = column;
        step();
        char c = at < text.length() ? text.charAt(at) : ' ';
        switch (c) {
            case '"', '\\' -> {
                step();
                return c;
            }
            case 'n' -> {
                step();
                return '\n';
            }
            case 't' -> {
                step();
                return '\t';
            }
            case 'u' -> {
                String hex = text.substring(at + 1, Math.min(at + 5, text.length()));
                if (hex.length() < 4 || !hex.chars().allMatch(h -> Character.digit(h, 16) >= 0)) {
                    throw new InvalidExpressionException(escapeLine, escapeColumn, "\\u" + hex,
                            "\\u needs four hex digits, as in \\u00e9");
                }
                for (int i = 0; i < 5; i++) {
                    step();
                }
                return (char) Integer.parseInt(hex, 16);
            }
            default -> {
                String escape = "\\" + (at < text.length() ? Character.toString(text.codePointAt(at)) : "");
                throw new InvalidExpressionException(escapeLine, escapeColumn, escape,
                        "unknown escape " + escape + " in a string; the escapes are \\\", \\\\, \\n, \\t and \\uXXXX");
            }
        }
    }

    private Token number(int startLine, int startColumn) {
        int start = at;
        if (text.charAt(at) == '-') {
            step();
        }
        skipDigits();
        boolean decimal = at < text.length() && text.charAt(at) == '.';
        if (decimal) {
            step();
            if (at == text.length() || !isDigit(text.charAt(at))) {
                throw new InvalidExpressionException(startLine, startColumn, text.substring(start, at),
                        "a decimal needs digits after the point, as in 1.5");
            }
            skipDigits();
        }
        if (at < text.length() && Texts.isIdentifierPart(text.charAt(at))) {
            while (at < text.length() && Texts.isIdentifierPart(text.charAt(at))) {
                step();
            }
            String written = text.substring(start, at);
            throw new InvalidExpressionException(startLine, startColumn, written, "'" + written + "' is not a number;"
                    + " numbers have no units (compare daysSince(...) or hoursSince(...) with a plain number)");
        }
        String written = text.substring(start, at);
        Number value;
        try {
            if (decimal) {
                value = Double.parseDouble(written);
            } else {
                value = Long.parseLong(written);
            }
        } catch (NumberFormatException e) {
            value = null;
        }
        if (value == null || value instanceof Double d && d.isInfinite()) {
            throw new InvalidExpressionException(startLine, startColumn, written, "number " + written + " is too large"
                    + (decimal ? "" : "; whole numbers go from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE));
        }
        return new Token(Type.NUMBER, written, value, startLine, startColumn);
    }

    private void skipDigits() {
        while (at < text.length() && isDigit(text.charAt(at))) {
            step();
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void step() {
        if (text.charAt(at) == '\n') {
            line++;
            column = 1;
        } else {
            column++;
        }
        at++;
    }
}
