package io.userops.rules.segments;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/** How names and constants are written in expression text. */
final class Texts {

    private Texts() {
    }

    static boolean isIdentifier(String text) {
        if (text.isEmpty() || !isIdentifierStart(text.charAt(0))) {
            return false;
        }
        return text.chars().allMatch(c -> isIdentifierPart((char) c));
    }

    static boolean isIdentifierStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** {@code .name}, or {@code ["any key"]} when the name is not an identifier. */
    static String member(String name) {
        return isIdentifier(name) ? "." + name : "[" + quote(name) + "]";
    }

    static String constant(Object value) {
        if (value instanceof String s) {
            return quote(s);
        }
        if (value instanceof Double d) {
            String plain = BigDecimal.valueOf(d).toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        return String.valueOf(value);
    }

    static String quotedList(List<String> items) {
        return items.stream().map(Texts::quote).collect(Collectors.joining(", ", "[", "]"));
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
