package io.userops.segmentation.tags;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Income bands: {@code income_high}. A number in {@code traits.income} (or a number as text) falls in the band
 * whose lower bound is the highest one not above it; numbers below the first band give no tag. Text that is one of
 * the {@code labels} passes through as it is, so a source that already sends bands keeps them.
 *
 * @param bands  in rising order of their lower bounds
 * @param labels the band labels text may carry, in tag form
 */
public record IncomeRule(List<Band> bands, Set<String> labels) implements TagRule {

    public IncomeRule {
        bands = List.copyOf(bands);
        if (bands.isEmpty()) {
            throw new IllegalArgumentException("list at least one income band");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < bands.size(); i++) {
            Band band = bands.get(i);
            if (!seen.add(band.label())) {
                throw new IllegalArgumentException("duplicate tag income_" + band.label());
            }
            if (i > 0 && band.from() <= bands.get(i - 1).from()) {
                Band previous = bands.get(i - 1);
                throw new IllegalArgumentException("band " + band.label() + " starts at " + amount(band.from())
                        + ", not above the band before it (" + previous.label() + " from " + amount(previous.from())
                        + "); list the bands in rising order");
            }
        }
        labels = labels.stream().map(IncomeRule::labelForm).collect(Collectors.toUnmodifiableSet());
    }

    /** Bands with their own labels as the only text labels. */
    public static IncomeRule of(List<Band> bands) {
        return new IncomeRule(bands, bands.stream().map(Band::label).collect(Collectors.toSet()));
    }

    @Override
    public String family() {
        return "income";
    }

    @Override
    public Set<String> valuesFor(TagInput user, RfmBoundaries population, Instant now) {
        return user.trait("income").flatMap(this::band).map(Set::of).orElse(Set.of());
    }

    private Optional<String> band(Object income) {
        if (income instanceof Number number) {
            return bandOf(number.doubleValue());
        }
        String text = String.valueOf(income).strip();
        try {
            return bandOf(Double.parseDouble(text));
        } catch (NumberFormatException e) {
            return Optional.of(TagNames.tagForm(text)).filter(labels::contains);
        }
    }

    private Optional<String> bandOf(double income) {
        if (!Double.isFinite(income)) {
            return Optional.empty();
        }
        String label = null;
        for (Band band : bands) {
            if (income >= band.from()) {
                label = band.label();
            }
        }
        return Optional.ofNullable(label);
    }

    private static String amount(double value) {
        return Double.isFinite(value) ? BigDecimal.valueOf(value).stripTrailingZeros().toPlainString()
                : String.valueOf(value);
    }

    private static String labelForm(String text) {
        String form = TagNames.tagForm(text);
        if (form.isEmpty()) {
            throw new IllegalArgumentException("the income label '" + text + "' has no letters or digits");
        }
        return form;
    }

    /** Incomes from {@code from} (included) up to the next band's lower bound. */
    public record Band(String label, double from) {

        public Band {
            label = labelForm(label);
            if (!Double.isFinite(from) || from < 0) {
                throw new IllegalArgumentException("band " + label + " must start at a number of 0 or more, but"
                        + " starts at " + amount(from));
            }
        }
    }
}
