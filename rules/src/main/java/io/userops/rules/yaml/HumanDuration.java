package io.userops.rules.yaml;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in configuration: {@code 500ms}, {@code 45s}, {@code 30m}, {@code 12h},
 * {@code 7d}, {@code 2w}, combinations largest unit first such as {@code 1d12h}, or ISO-8601 such as
 * {@code PT1H} and {@code P7D}. A day is always 24 hours and a week 7 days.
 */
public final class HumanDuration {

    public static final String ACCEPTED_FORMS = "use a whole number with a unit (ms, s, m, h, d, w) such as 500ms, 45s,"
            + " 30m, 12h, 7d or 2w, units combined largest first such as 1d12h, or ISO-8601 such as PT1H or P7D";

    private static final Pattern PART = Pattern.compile("(\\d+)([a-zA-Z]*)");

    private enum Unit {
        WEEK("w", Duration.ofDays(7)),
        DAY("d", Duration.ofDays(1)),
        HOUR("h", Duration.ofHours(1)),
        MINUTE("m", Duration.ofMinutes(1)),
        SECOND("s", Duration.ofSeconds(1)),
        MILLI("ms", Duration.ofMillis(1));

        final String symbol;
        final Duration size;

        Unit(String symbol, Duration size) {
            this.symbol = symbol;
            this.size = size;
        }

        static Unit of(String symbol) {
            for (Unit unit : values()) {
                if (unit.symbol.equals(symbol)) {
                    return unit;
                }
            }
            return null;
        }
    }

    private HumanDuration() {
    }

    /**
     * Parses a positive duration.
     *
     * @throws IllegalArgumentException naming the problem and the accepted forms, for empty, negative, zero,
     *                                  unit-less or malformed text and unknown units
     */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw invalid(text == null ? "" : text.strip(), "it is empty");
        }
        String s = text.strip();
        Duration duration = isIso(s) ? parseIso(s) : parseUnits(s);
        if (duration.isNegative()) {
            throw invalid(s, "it is negative");
        }
        if (duration.isZero()) {
            throw invalid(s, "it is zero");
        }
        return duration;
    }

    /**
     * The form {@link #parse} reads back, largest units first and without weeks: {@code 7d}, {@code 1h30m},
     * {@code 500ms}; {@code 0s} for zero, a leading {@code -} when negative, and ISO-8601 when the duration
     * has a fraction of a millisecond.
     */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        if (duration.getNano() % 1_000_000 != 0 || duration.getSeconds() == Long.MIN_VALUE) {
            return duration.toString();
        }
        if (duration.isNegative()) {
            return "-" + format(duration.negated());
        }
        long seconds = duration.getSeconds();
        StringBuilder out = new StringBuilder();
        append(out, seconds / 86_400, Unit.DAY);
        append(out, seconds % 86_400 / 3_600, Unit.HOUR);
        append(out, seconds % 3_600 / 60, Unit.MINUTE);
        append(out, seconds % 60, Unit.SECOND);
        append(out, duration.getNano() / 1_000_000, Unit.MILLI);
        return out.toString();
    }

    private static void append(StringBuilder out, long amount, Unit unit) {
        if (amount != 0) {
            out.append(amount).append(unit.symbol);
        }
    }

    private static boolean isIso(String s) {
        int start = s.charAt(0) == '-' || s.charAt(0) == '+' ? 1 : 0;
        return s.length() > start && (s.charAt(start) == 'P' || s.charAt(start) == 'p');
    }

    private static Duration parseIso(String s) {
        try {
            return Duration.parse(s);
        } catch (DateTimeParseException e) {
            throw invalid(s, "it is not ISO-8601 of days, hours, minutes and seconds");
        } catch (ArithmeticException e) {
            throw invalid(s, "it is too large");
        }
    }

    private static Duration parseUnits(String s) {
        if (s.startsWith("-")) {
            throw invalid(s, "it is negative");
        }
        Matcher part = PART.matcher(s);
        Duration total = Duration.ZERO;
        Unit previous = null;
        int at = 0;
        while (at < s.length()) {
            if (!part.find(at) || part.start() != at) {
                throw invalid(s, "unexpected '" + s.charAt(at) + "' at position " + (at + 1));
            }
            String symbol = part.group(2);
            if (symbol.isEmpty() && part.end() < s.length()) {
                throw invalid(s, "unexpected '" + s.charAt(part.end()) + "' at position " + (part.end() + 1));
            }
            if (symbol.isEmpty()) {
                throw invalid(s, part.group(1) + " has no unit");
            }
            Unit unit = Unit.of(symbol);
            if (unit == null) {
                throw invalid(s, "unknown unit '" + symbol + "'");
            }
            if (previous != null && unit.ordinal() <= previous.ordinal()) {
                throw invalid(s, "units must go largest first, each once");
            }
            try {
                total = total.plus(unit.size.multipliedBy(Long.parseLong(part.group(1))));
            } catch (ArithmeticException | NumberFormatException e) {
                throw invalid(s, "it is too large");
            }
            previous = unit;
            at = part.end();
        }
        return total;
    }

    private static IllegalArgumentException invalid(String text, String problem) {
        return new IllegalArgumentException("'" + text + "' is not a valid duration (" + problem + "); "
                + ACCEPTED_FORMS);
    }
}
