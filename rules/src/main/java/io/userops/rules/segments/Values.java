package io.userops.rules.segments;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;

/** How two values compare when an expression runs. */
final class Values {

    private Values() {
    }

    /**
     * {@code left <comparison> right} for values already read; a {@code null} constant on either side tests the
     * other side's presence instead.
     */
    static boolean compare(Operand leftOperand, Comparison comparison, Operand rightOperand, Object left,
                           Object right) {
        if (isNullConstant(leftOperand) || isNullConstant(rightOperand)) {
            Object other = isNullConstant(leftOperand) ? right : left;
            return switch (comparison) {
                case EQ -> other == null;
                case NE -> other != null;
                default -> false;
            };
        }
        if (left == null || right == null) {
            return false;
        }
        if (left instanceof Boolean || right instanceof Boolean) {
            return !comparison.isOrdering() && left instanceof Boolean && right instanceof Boolean
                    && left.equals(right) == (comparison == Comparison.EQ);
        }
        Integer order = order(left, right);
        return order != null && comparison.holdsFor(order);
    }

    private static boolean isNullConstant(Operand operand) {
        return operand instanceof Operand.Constant constant && constant.value() == null;
    }

    /** The order of two values of one kind; null when they have none (different kinds, NaN, maps...). */
    private static Integer order(Object left, Object right) {
        if (left instanceof Number a && right instanceof Number b) {
            return numericOrder(a, b);
        }
        if (left instanceof String a && right instanceof String b) {
            return a.compareTo(b);
        }
        if (left instanceof Instant a && right instanceof Instant b) {
            return a.compareTo(b);
        }
        return null;
    }

    private static Integer numericOrder(Number a, Number b) {
        if (isWhole(a) && isWhole(b)) {
            return Long.compare(a.longValue(), b.longValue());
        }
        double x = a.doubleValue();
        double y = b.doubleValue();
        if (Double.isNaN(x) || Double.isNaN(y)) {
            return null;
        }
        if (Double.isInfinite(x) || Double.isInfinite(y)) {
            return Double.compare(x, y);
        }
        return exact(a).compareTo(exact(b));
    }

    private static boolean isWhole(Number n) {
        return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte;
    }

    /** Whole numbers exactly; other numbers as the shortest decimal that reads back as the same double. */
    private static BigDecimal exact(Number n) {
        if (isWhole(n)) {
            return BigDecimal.valueOf(n.longValue());
        }
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (n instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        return BigDecimal.valueOf(n.doubleValue());
    }
}
