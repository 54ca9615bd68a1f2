package io.userops.trigger.template;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import java.util.StringJoiner;

/** The text a value of the scope becomes when a template names it in a {@code {{value}}} tag. */
final class TemplateValues {

    private TemplateValues() {
    }

    static String text(Object value) {
        if (value == null || value instanceof Map) {
            // A map has no one text a reader would expect; a template names its fields instead.
            return "";
        }
        if (value instanceof Double || value instanceof Float) {
            return decimal(((Number) value).doubleValue());
        }
        if (value instanceof BigDecimal) {
            return ((BigDecimal) value).toPlainString();
        }
        if (value instanceof Collection) {
            return list((Collection<?>) value);
        }
        if (value instanceof Object[]) {
            return list(java.util.Arrays.asList((Object[]) value));
        }
        return value.toString();
    }

    /** JSON readers give 3.0 for a count written as 3.0 and 1.0E7 for ten million: a message wants 3 and 10000000. */
    private static String decimal(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String list(Collection<?> items) {
        StringJoiner joined = new StringJoiner(", ");
        for (Object item : items) {
            String text = text(item);
            if (!text.isEmpty()) {
                joined.add(text);
            }
        }
        return joined.toString();
    }
}
