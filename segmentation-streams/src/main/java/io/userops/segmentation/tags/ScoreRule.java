package io.userops.segmentation.tags;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "Scores in these ranges get this label": one line of the archetype map or the value-tier rule. A dimension
 * left open is {@link Range#ANY}.
 */
public record ScoreRule<T>(T label, Range recency, Range frequency, Range monetary) {

    public ScoreRule {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(recency, "recency");
        Objects.requireNonNull(frequency, "frequency");
        Objects.requireNonNull(monetary, "monetary");
    }

    public boolean matches(RfmScore.Scored score) {
        return recency.contains(score.recency()) && frequency.contains(score.frequency())
                && monetary.contains(score.monetary());
    }

    /** Scores {@code min} to {@code max}, both included; written {@code 4-5}, or {@code 1} for one score. */
    public record Range(int min, int max) {

        public static final Range ANY = new Range(1, 5);
        private static final Pattern TEXT = Pattern.compile("\\s*(\\d)\\s*(?:-\\s*(\\d)\\s*)?");

        public Range {
            if (min < 1 || max > 5 || min > max) {
                throw new IllegalArgumentException("a score range lies within 1-5 and goes upwards, but is " + min
                        + "-" + max);
            }
        }

        /** @throws IllegalArgumentException unless the text is a score 1-5 or a range such as 4-5 */
        public static Range parse(String text) {
            Matcher m = TEXT.matcher(text);
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + text + "' is not a score 1-5 or a range such as 4-5");
            }
            int min = Integer.parseInt(m.group(1));
            return new Range(min, m.group(2) == null ? min : Integer.parseInt(m.group(2)));
        }

        boolean contains(int score) {
            return score >= min && score <= max;
        }

        @Override
        public String toString() {
            return min == max ? String.valueOf(min) : min + "-" + max;
        }
    }
}
