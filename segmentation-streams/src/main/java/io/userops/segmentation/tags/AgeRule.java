package io.userops.segmentation.tags;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Age bands: {@code age_18_24}, {@code age_65_plus}. The age is counted at the time of evaluation (UTC) from
 * {@code traits.birthday} (an ISO date, or the date part of an ISO date-time) when it is a plausible birthday,
 * else taken from {@code traits.age} (a number or a number as text, fractions dropped). Ages outside 0 to
 * {@value #OLDEST_PLAUSIBLE_AGE} and ages in no band give no tag.
 *
 * @param bands youngest first, without overlap; gaps are allowed; only the last may be open
 */
public record AgeRule(List<Band> bands) implements TagRule {

    public static final int OLDEST_PLAUSIBLE_AGE = 130;

    public AgeRule {
        bands = List.copyOf(bands);
        if (bands.isEmpty()) {
            throw new IllegalArgumentException("list at least one age band");
        }
        for (int i = 1; i < bands.size(); i++) {
            Band previous = bands.get(i - 1);
            Band band = bands.get(i);
            if (band.from() < previous.from()) {
                throw new IllegalArgumentException("band " + band + " comes after " + previous
                        + "; list the bands youngest first");
            }
            if (band.from() <= previous.to()) {
                throw new IllegalArgumentException("band " + band + " overlaps " + previous);
            }
        }
    }

    @Override
    public String family() {
        return "age";
    }

    @Override
    public Set<String> valuesFor(TagInput user, RfmBoundaries population, Instant now) {
        OptionalInt age = ageAt(user, now);
        return bands.stream().filter(band -> age.isPresent() && band.contains(age.getAsInt())).findFirst()
                .map(band -> Set.of(band.value())).orElse(Set.of());
    }

    /** The user's age in whole years at {@code now}, from the birthday, else the age trait. */
    public static OptionalInt ageAt(TagInput user, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Optional<Integer> fromBirthday = user.trait("birthday").flatMap(AgeRule::date)
                .filter(birthday -> !birthday.isAfter(today))
                .map(birthday -> Period.between(birthday, today).getYears());
        Optional<Integer> age = fromBirthday.or(() -> user.trait("age").flatMap(AgeRule::wholeYears))
                .filter(years -> years >= 0 && years <= OLDEST_PLAUSIBLE_AGE);
        return age.map(OptionalInt::of).orElseGet(OptionalInt::empty);
    }

    private static Optional<LocalDate> date(Object birthday) {
        String text = String.valueOf(birthday).strip();
        try {
            return Optional.of(LocalDate.parse(text.length() > 10 && text.charAt(10) == 'T' ? text.substring(0, 10)
                    : text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Integer> wholeYears(Object age) {
        double years;
        if (age instanceof Number number) {
            years = number.doubleValue();
        } else {
            try {
                years = Double.parseDouble(String.valueOf(age).strip());
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Double.isFinite(years) && years >= 0 ? Optional.of((int) years) : Optional.empty();
    }

    /**
     * Ages {@code from} to {@code to}, both included; {@code to} is {@link Integer#MAX_VALUE} for an open band.
     * Written {@code 18-24} or {@code 65+}; tagged {@code 18_24} or {@code 65_plus}.
     */
    public record Band(int from, int to) {

        private static final Pattern TEXT = Pattern.compile("\\s*(\\d{1,3})\\s*(?:-\\s*(\\d{1,3})|(\\+))\\s*");

        public Band {
            if (from < 0 || to < from) {
                throw new IllegalArgumentException("an age band goes from an age of 0 or more to one at least as"
                        + " high, but this one is " + from + "-" + to);
            }
        }

        /** @throws IllegalArgumentException unless the text is {@code from-to} or {@code from+} */
        public static Band parse(String text) {
            Matcher m = TEXT.matcher(text);
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + text + "' is not an age band; write from-to such as 18-24,"
                        + " or from+ such as 65+");
            }
            int from = Integer.parseInt(m.group(1));
            return new Band(from, m.group(3) != null ? Integer.MAX_VALUE : Integer.parseInt(m.group(2)));
        }

        boolean contains(int age) {
            return age >= from && age <= to;
        }

        String value() {
            return isOpen() ? from + "_plus" : from + "_" + to;
        }

        private boolean isOpen() {
            return to == Integer.MAX_VALUE;
        }

        @Override
        public String toString() {
            return isOpen() ? from + "+" : from + "-" + to;
        }
    }
}
