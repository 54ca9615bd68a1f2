package io.userops.segmentation.config;

import io.userops.rules.yaml.InvalidRulesFileException;
import io.userops.rules.yaml.YamlTreeReader;
import io.userops.rules.yaml.YamlNode;
import com.fasterxml.jackson.core.JsonToken;
import io.userops.rules.yaml.YamlNode.Entry;
import io.userops.rules.yaml.YamlNode.Mapping;
import io.userops.rules.yaml.YamlNode.Scalar;
import io.userops.rules.yaml.YamlNode.Sequence;
import io.userops.segmentation.tags.AgeRule;
import io.userops.segmentation.tags.Archetype;
import io.userops.segmentation.tags.Cities;
import io.userops.segmentation.tags.CityRule;
import io.userops.segmentation.tags.GenderRule;
import io.userops.segmentation.tags.IncomeRule;
import io.userops.segmentation.tags.OccupationRule;
import io.userops.segmentation.tags.RegionRule;
import io.userops.segmentation.tags.RfmRules;
import io.userops.segmentation.tags.ScoreRule;
import io.userops.segmentation.tags.ScoreRule.Range;
import io.userops.segmentation.tags.Synonyms;
import io.userops.segmentation.tags.TagNames;
import io.userops.segmentation.tags.TagRule;
import io.userops.segmentation.tags.TagRules;
import io.userops.segmentation.tags.ValueTier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Turns the YAML tree of a tag rules file into {@link TagRules}. A setting the file leaves out comes from the
 * defaults file; lists and maps (bands, synonyms, cities, archetypes, value tiers) are replaced whole. Each problem
 * is reported at its line, in the file it is in.
 */
final class TagRulesBinder {

    private static final List<String> TOP = List.of("age", "gender", "income", "location", "occupation", "rfm");
    private static final List<String> AGE = List.of("bands");
    private static final List<String> SYNONYMS = List.of("synonyms");
    private static final List<String> INCOME = List.of("bands", "labels");
    private static final List<String> LOCATION = List.of("cities");
    private static final List<String> CITY = List.of("region", "aliases");
    private static final List<String> RFM = List.of("minPurchasers", "archetypes", "valueTiers");
    private static final List<String> ARCHETYPE_RULE = List.of("archetype", "r", "f", "m");
    private static final List<String> TIER_RULE = List.of("tier", "r", "f", "m");

    private TagRulesBinder() {
    }

    static TagRules bind(Mapping root, String file, Mapping defaults, String defaultsFile) {
        Section top = new Section("", file, "", root, new Section("", defaultsFile, "", defaults, null));
        top.checkKeys(TOP);
        Cities cities = cities(top.section("location", LOCATION).value("cities"));
        List<TagRule> rules = new ArrayList<>(List.of(
                age(top.section("age", AGE).value("bands")),
                new GenderRule(genders(top.section("gender", SYNONYMS).value("synonyms"))),
                income(top.section("income", INCOME)),
                new CityRule(cities),
                new RegionRule(cities),
                new OccupationRule(synonyms(top.section("occupation", SYNONYMS).value("synonyms")))));
        rules.addAll(rfm(top.section("rfm", RFM)).tagRules());
        return new TagRules(rules);
    }

    private static AgeRule age(Value bands) {
        List<AgeRule.Band> parsed = new ArrayList<>();
        for (Value item : bands.items("a list of age bands such as [18-24, 65+]")) {
            parsed.add(item.build(() -> AgeRule.Band.parse(item.text())));
            item.build(() -> new AgeRule(parsed));
        }
        return bands.build(() -> new AgeRule(parsed));
    }

    private static Synonyms genders(Value synonyms) {
        Synonyms.Builder builder = Synonyms.builder();
        GenderRule.GENDERS.forEach(builder::name);
        for (Value gender : synonyms.entries("a section of genders with their synonyms")) {
            if (!GenderRule.GENDERS.contains(gender.key())) {
                throw gender.fail("unknown gender '" + gender.key() + "'; the genders are "
                        + String.join(", ", GenderRule.GENDERS) + " (anything else is " + GenderRule.UNKNOWN + ")");
            }
            for (Value synonym : gender.items("a list of synonyms such as [m, man]")) {
                synonym.build(() -> builder.synonym(gender.key(), synonym.text()));
            }
        }
        return builder.build();
    }

    private static Synonyms synonyms(Value synonyms) {
        Synonyms.Builder builder = Synonyms.builder();
        for (Value name : synonyms.entries("a section of names with their synonyms")) {
            name.build(() -> builder.name(name.key()));
            for (Value synonym : name.items("a list of synonyms such as [developer, programmer]")) {
                synonym.build(() -> builder.synonym(name.key(), synonym.text()));
            }
        }
        return builder.build();
    }

    private static IncomeRule income(Section income) {
        Value bands = income.value("bands");
        List<IncomeRule.Band> parsed = new ArrayList<>();
        for (Value band : bands.entries("a section of band labels with the income each starts at")) {
            parsed.add(band.build(() -> new IncomeRule.Band(band.key(), band.number())));
            band.build(() -> IncomeRule.of(parsed));
        }
        IncomeRule banded = bands.build(() -> IncomeRule.of(parsed));
        Optional<Value> labels = income.optionalValue("labels");
        if (labels.isEmpty()) {
            return banded;
        }
        Set<String> forms = new HashSet<>();
        for (Value label : labels.get().items("a list of band labels such as [low, middle, high]")) {
            String form = TagNames.tagForm(label.text());
            if (form.isEmpty()) {
                throw label.fail("'" + label.text() + "' has no letters or digits");
            }
            if (!forms.add(form)) {
                throw label.fail("duplicate tag income_" + form);
            }
        }
        return labels.get().build(() -> new IncomeRule(parsed, forms));
    }

    private static Cities cities(Value cities) {
        Cities.Builder builder = Cities.builder();
        for (Value city : cities.entries("a section of cities, each with its region")) {
            Section settings = city.section(CITY);
            Value region = settings.value("region");
            city.build(() -> builder.city(city.key(), region.text()));
            for (Value alias : settings.optionalValue("aliases").map(a -> a.items("a list of names such as [上海]"))
                    .orElse(List.of())) {
                alias.build(() -> builder.alias(city.key(), alias.text()));
            }
        }
        return builder.build();
    }

    private static RfmRules rfm(Section rfm) {
        Value min = rfm.value("minPurchasers");
        int minPurchasers = min.build(() -> RfmRules.requireEnoughPurchasers(min.wholeNumber()));
        List<ScoreRule<Archetype>> archetypes = scoreRules(rfm.value("archetypes"), ARCHETYPE_RULE,
                Archetype.values(), Archetype::tagValue);
        Value tiers = rfm.value("valueTiers");
        List<ScoreRule<ValueTier>> valueTiers = tiers.build(() -> RfmRules.requireTierForEveryScore(
                scoreRules(tiers, TIER_RULE, ValueTier.values(), ValueTier::tagValue)));
        return new RfmRules(minPurchasers, archetypes, valueTiers);
    }

    private static <T> List<ScoreRule<T>> scoreRules(Value list, List<String> keys, T[] labels,
                                                     Function<T, String> nameOf) {
        String labelKey = keys.get(0);
        List<ScoreRule<T>> rules = new ArrayList<>();
        for (Value item : list.items("a list of rules such as {" + labelKey + ": " + nameOf.apply(labels[0])
                + ", r: 4-5, f: 4-5, m: 4-5}")) {
            Section rule = item.section(keys);
            Value name = rule.value(labelKey);
            T label = Arrays.stream(labels).filter(l -> nameOf.apply(l).equals(name.text())).findFirst()
                    .orElseThrow(() -> name.fail("unknown " + labelKey + " '" + name.text() + "'; the " + labelKey
                            + "s are " + Arrays.stream(labels).map(nameOf).collect(Collectors.joining(", "))));
            rules.add(new ScoreRule<>(label, range(rule, "r"), range(rule, "f"), range(rule, "m")));
        }
        return rules;
    }

    private static Range range(Section rule, String dimension) {
        return rule.optionalValue(dimension).map(v -> v.build(() -> Range.parse(v.scalarText("a score 1-5 or a range"
                + " such as 4-5")))).orElse(Range.ANY);
    }

    /**
     * A mapping of the file at {@code path}, or none; settings it leaves out come from {@code fallback}. Problems
     * in it start with {@code item} when it is an item of a list.
     */
    private record Section(String path, String file, String item, Mapping mapping, Section fallback) {

        void checkKeys(List<String> known) {
            if (mapping == null) {
                return;
            }
            for (Entry entry : mapping.entries().values()) {
                if (!known.contains(entry.key())) {
                    throw new InvalidRulesFileException(file, entry.line(), YamlTreeReader.join(path, entry.key()),
                            item + "unknown setting '" + entry.key() + "'; the settings " + (path.isEmpty()
                                    ? "at the top level" : "under " + path) + " are " + String.join(", ", known),
                            null);
                }
            }
        }

        Section section(String key, List<String> known) {
            Section defaults = fallback == null ? null : fallback.section(key, known);
            Optional<Value> own = ownValue(key);
            if (own.isEmpty()) {
                return defaults != null ? defaults
                        : new Section(YamlTreeReader.join(path, key), file, item, null, null);
            }
            Section section = own.get().section(known);
            return new Section(section.path, file, item, section.mapping, defaults);
        }

        Value value(String key) {
            return optionalValue(key).orElseThrow(() -> new InvalidRulesFileException(file,
                    mapping == null ? 1 : mapping.line(), YamlTreeReader.join(path, key), item + "is missing; set it",
                    null));
        }

        Optional<Value> optionalValue(String key) {
            return ownValue(key).or(() -> fallback == null ? Optional.empty() : fallback.optionalValue(key));
        }

        private Optional<Value> ownValue(String key) {
            Entry entry = mapping == null ? null : mapping.entries().get(key);
            if (entry == null) {
                return Optional.empty();
            }
            Value value = new Value(file, YamlTreeReader.join(path, entry.key()), item, entry.line(), entry.key(),
                    entry.value());
            if (entry.value() instanceof Scalar s && s.isNull()) {
                throw value.fail("has no value; set one, or remove the key to use the default");
            }
            return Optional.of(value);
        }
    }

    /**
     * One value of the file: a setting, an entry of a map ({@code key} set) or an item of a list ({@code item}
     * such as "item 2: " prefixes its problems).
     */
    private record Value(String file, String path, String item, int line, String key, YamlNode node) {

        List<Value> items(String expected) {
            if (!(node instanceof Sequence list)) {
                throw wrongType(expected);
            }
            List<Value> items = new ArrayList<>();
            for (int i = 0; i < list.items().size(); i++) {
                YamlNode itemNode = list.items().get(i);
                items.add(new Value(file, path, item + "item " + (i + 1) + ": ", itemNode.line(), null, itemNode));
            }
            return items;
        }

        List<Value> entries(String expected) {
            if (!(node instanceof Mapping map)) {
                throw wrongType(expected);
            }
            return map.entries().values().stream().map(entry -> new Value(file, YamlTreeReader.join(path, entry.key()),
                    item, entry.line(), entry.key(), entry.value())).toList();
        }

        Section section(List<String> known) {
            if (!(node instanceof Mapping map)) {
                throw wrongType("a section with " + String.join(", ", known));
            }
            Section section = new Section(path, file, item, map, null);
            section.checkKeys(known);
            return section;
        }

        String text() {
            if (!(node instanceof Scalar s) || s.token() != JsonToken.VALUE_STRING) {
                throw wrongType("a name" + (node instanceof Scalar s && !s.isNull() ? " (quote it)" : ""));
            }
            return s.text();
        }

        String scalarText(String expected) {
            if (!(node instanceof Scalar s) || s.isNull() || s.token() == JsonToken.VALUE_TRUE
                    || s.token() == JsonToken.VALUE_FALSE) {
                throw wrongType(expected);
            }
            return s.text();
        }

        double number() {
            if (!(node instanceof Scalar s) || s.number() == null || !Double.isFinite(s.number().doubleValue())) {
                throw wrongType("a number such as 50000");
            }
            return s.number().doubleValue();
        }

        int wholeNumber() {
            if (!(node instanceof Scalar s) || s.token() != JsonToken.VALUE_NUMBER_INT) {
                throw wrongType("a whole number");
            }
            if (!(s.number() instanceof Integer i)) {
                throw fail("is too large: " + s.text());
            }
            return i;
        }

        /** Runs a step of building the rules, reporting its rejection at this value. */
        <T> T build(Supplier<T> step) {
            try {
                return step.get();
            } catch (IllegalArgumentException e) {
                throw fail(e.getMessage());
            }
        }

        InvalidRulesFileException fail(String reason) {
            return new InvalidRulesFileException(file, line, path, item + reason, null);
        }

        private InvalidRulesFileException wrongType(String expected) {
            return new InvalidRulesFileException(file, node.line(), path, item + "expected " + expected
                    + ", but got " + YamlTreeReader.describe(node), null);
        }
    }
}
