package io.userops.rules.segments;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;

/** A value in an expression: something about the user, or a constant. */
public sealed interface Operand permits Operand.Constant, Operand.StageName, Operand.CurrentStage, Operand.Path,
        Operand.TimeSince {

    /** The value for this user at {@code now}; null when absent. */
    Object valueOf(SegmentSubject subject, Instant now);

    /** Expression text that parses back to this operand. */
    String text();

    /** A string, a whole number (Long), a decimal (Double), true, false or null. */
    record Constant(Object value) implements Operand {

        public Constant {
            if (value != null && !(value instanceof String || value instanceof Long || value instanceof Double
                    || value instanceof Boolean)) {
                throw new IllegalArgumentException("a constant is a String, Long, Double, Boolean or null, not "
                        + value.getClass().getName());
            }
            if (value instanceof Double d && !Double.isFinite(d)) {
                throw new IllegalArgumentException("a constant number must be finite, was " + d);
            }
            if (value instanceof Double d && d == 0.0) {
                value = 0.0;
            }
        }

        @Override
        public Object valueOf(SegmentSubject subject, Instant now) {
            return value;
        }

        @Override
        public String text() {
            return Texts.constant(value);
        }
    }

    /** A lifecycle stage name written bare, as in {@code stage == AT_RISK}. */
    record StageName(String name) implements Operand {

        public StageName {
            if (!SegmentExpression.STAGES.contains(name)) {
                throw new IllegalArgumentException("unknown stage " + name + "; the stages are "
                        + String.join(", ", SegmentExpression.STAGES));
            }
        }

        @Override
        public Object valueOf(SegmentSubject subject, Instant now) {
            return name;
        }

        @Override
        public String text() {
            return name;
        }
    }

    /** The word {@code stage}: the user's lifecycle stage name. */
    record CurrentStage() implements Operand {

        @Override
        public Object valueOf(SegmentSubject subject, Instant now) {
            return subject.stage();
        }

        @Override
        public String text() {
            return "stage";
        }
    }

    /** A trait or computed trait of the user. */
    sealed interface Path extends Operand permits Trait, Computed {
    }

    /** {@code traits.city} or {@code traits["first name"]}. */
    record Trait(String name) implements Path {

        public Trait {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public Object valueOf(SegmentSubject subject, Instant now) {
            return subject.trait(name);
        }

        @Override
        public String text() {
            return "traits" + Texts.member(name);
        }
    }

    /** {@code computed.orders}, or with a key, {@code computed.events7d["purchase"]}: one entry of a map. */
    record Computed(String name, String key) implements Path {

        public Computed {
            Objects.requireNonNull(name, "name");
        }

        public Computed(String name) {
            this(name, null);
        }

        @Override
        public Object valueOf(SegmentSubject subject, Instant now) {
            Object value = subject.computed(name);
            if (key == null) {
                return value;
            }
            return value instanceof Map<?, ?> map ? map.get(key) : null;
        }

        @Override
        public String text() {
            return "computed" + Texts.member(name) + (key == null ? "" : "[" + Texts.quote(key) + "]");
        }
    }

    /** The units of {@link TimeSince}, each named by its function. */
    enum TimeUnit {
        DAYS("daysSince", 86_400), HOURS("hoursSince", 3_600);

        private final String function;
        private final long seconds;

        TimeUnit(String function, long seconds) {
            this.function = function;
            this.seconds = seconds;
        }

        public String function() {
            return function;
        }

        static TimeUnit ofFunction(String name) {
            for (TimeUnit unit : values()) {
                if (unit.function.equals(name)) {
                    return unit;
                }
            }
            return null;
        }
    }

    /**
     * {@code daysSince(computed.lastPurchase)}: the time from an instant to now in days (or hours) as a decimal,
     * 36 hours being 1.5 days; negative for an instant after now. The path's value is an {@link Instant} or an
     * ISO-8601 instant string; anything else makes it absent.
     */
    record TimeSince(TimeUnit unit, Path of) implements Operand {

        public TimeSince {
            Objects.requireNonNull(unit, "unit");
            Objects.requireNonNull(of, "of");
        }

        @Override
        public Object valueOf(SegmentSubject subject, Instant now) {
            Instant then = instant(of.valueOf(subject, now));
            if (then == null) {
                return null;
            }
            Duration elapsed = Duration.between(then, now);
            return (elapsed.getSeconds() + elapsed.getNano() / 1e9) / unit.seconds;
        }

        private static Instant instant(Object value) {
            if (value instanceof Instant instant) {
                return instant;
            }
            if (value instanceof String text) {
                try {
                    return Instant.parse(text);
                } catch (DateTimeParseException e) {
                    return null;
                }
            }
            return null;
        }

        @Override
        public String text() {
            return unit.function + "(" + of.text() + ")";
        }
    }
}
