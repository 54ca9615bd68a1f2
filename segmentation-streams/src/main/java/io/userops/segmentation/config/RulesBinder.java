package io.userops.segmentation.config;

import io.userops.rules.yaml.InvalidRulesFileException;
import io.userops.rules.yaml.HumanDuration;
import io.userops.rules.yaml.YamlTreeReader;
import io.userops.rules.yaml.YamlNode;
import com.fasterxml.jackson.core.JsonToken;
import io.userops.rules.yaml.YamlNode.Entry;
import io.userops.rules.yaml.YamlNode.Mapping;
import io.userops.rules.yaml.YamlNode.Scalar;
import io.userops.rules.yaml.YamlNode.Sequence;
import io.userops.segmentation.lifecycle.InvalidRulesException;
import io.userops.segmentation.lifecycle.LifecycleRules;
import io.userops.segmentation.lifecycle.LifecycleRules.Activation;
import io.userops.segmentation.lifecycle.LifecycleRules.AtRisk;
import io.userops.segmentation.lifecycle.LifecycleRules.Baseline;
import io.userops.segmentation.lifecycle.LifecycleRules.Engaged;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the YAML tree of a rules file into {@link LifecycleRules}, taking every absent setting from
 * {@link LifecycleRules#defaults()} and reporting each problem at its line in the file.
 */
final class RulesBinder {

    private static final List<String> TOP = List.of("interval", "activeEventTypes", "activation", "engaged",
            "atRisk", "dormant", "churned");
    private static final List<String> ACTIVATION = List.of("keyEvents", "count", "within");
    private static final List<String> ENGAGED = List.of("activeIntervals", "ofLast");
    private static final List<String> AT_RISK = List.of("silentFor", "baseline");
    private static final List<String> BASELINE = List.of("window", "windows", "fraction", "minActiveIntervals");
    private static final List<String> SILENCE = List.of("silentFor");
    private static final Pattern ISO_DURATION = Pattern.compile("\\bPT[0-9HMS.]+");

    private final String file;
    private final Mapping root;

    private RulesBinder(String file, Mapping root) {
        this.file = file;
        this.root = root;
    }

    static LifecycleRules bind(Mapping root, String file) {
        return new RulesBinder(file, root).rules();
    }

    private LifecycleRules rules() {
        LifecycleRules defaults = LifecycleRules.defaults();
        Section top = new Section("", root);
        top.checkKeys(TOP);

        Duration interval = top.duration("interval", defaults.interval());
        Set<String> activeEventTypes = top.names("activeEventTypes", defaults.activeEventTypes());

        Section activation = top.section("activation", ACTIVATION);
        Set<String> keyEvents = activation.names("keyEvents", defaults.activation().keyEvents());
        int count = activation.wholeNumber("count", defaults.activation().count());
        Duration within = activation.duration("within", defaults.activation().within());

        Section engaged = top.section("engaged", ENGAGED);
        int activeIntervals = engaged.wholeNumber("activeIntervals", defaults.engaged().activeIntervals());
        int ofLast = engaged.wholeNumber("ofLast", defaults.engaged().ofLast());

        Section atRisk = top.section("atRisk", AT_RISK);
        Duration atRiskAfter = atRisk.duration("silentFor", defaults.atRisk().silentFor());
        Baseline usual = defaults.atRisk().baseline().orElseThrow();
        Optional<BaselineSettings> baseline = atRisk.optionalSection("baseline", BASELINE)
                .map(b -> new BaselineSettings(b.wholeNumber("window", usual.windowIntervals()),
                        b.wholeNumber("windows", usual.windows()), b.number("fraction", usual.fraction()),
                        b.wholeNumber("minActiveIntervals", usual.minActiveIntervals())));

        Duration dormantAfter = top.section("dormant", SILENCE).duration("silentFor", defaults.dormantAfter());
        Duration churnedAfter = top.section("churned", SILENCE).duration("silentFor", defaults.churnedAfter());

        try {
            return new LifecycleRules(interval, activeEventTypes,
                    new Activation(keyEvents, count, within),
                    new Engaged(activeIntervals, ofLast),
                    new AtRisk(atRiskAfter, baseline.map(BaselineSettings::toBaseline)),
                    dormantAfter, churnedAfter);
        } catch (InvalidRulesException e) {
            throw rejected(e);
        }
    }

    private record BaselineSettings(int window, int windows, double fraction, int minActiveIntervals) {

        Baseline toBaseline() {
            return new Baseline(window, windows, fraction, minActiveIntervals);
        }
    }

    private InvalidRulesFileException rejected(InvalidRulesException e) {
        String path = e.path();
        String prefix = path + ": ";
        String message = e.getMessage();
        String reason = humanDurations(message.startsWith(prefix) ? message.substring(prefix.length()) : message);
        int line = 1;
        boolean present = true;
        Mapping mapping = root;
        for (String key : path.split("\\.")) {
            Entry entry = mapping == null ? null : mapping.entries().get(key);
            if (entry == null) {
                present = false;
                break;
            }
            line = entry.line();
            mapping = entry.value() instanceof Mapping m ? m : null;
        }
        if (!present) {
            reason += " (" + path + " is not in the file, so it takes the default)";
        }
        return new InvalidRulesFileException(file, line, path, reason, e);
    }

    private static String humanDurations(String text) {
        Matcher iso = ISO_DURATION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (iso.find()) {
            String replacement;
            try {
                replacement = HumanDuration.format(Duration.parse(iso.group()));
            } catch (DateTimeParseException e) {
                replacement = iso.group();
            }
            iso.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        return iso.appendTail(out).toString();
    }

    /** A section of the file at {@code path}; {@code mapping} is null when the file leaves it out. */
    private final class Section {

        private final String path;
        private final Mapping mapping;

        Section(String path, Mapping mapping) {
            this.path = path;
            this.mapping = mapping;
        }

        void checkKeys(List<String> known) {
            if (mapping == null) {
                return;
            }
            for (Entry entry : mapping.entries().values()) {
                if (!known.contains(entry.key())) {
                    throw fail(entry.line(), YamlTreeReader.join(path, entry.key()), "unknown setting '"
                            + entry.key() + "'; the settings " + (path.isEmpty() ? "at the top level" : "under " + path)
                            + " are " + String.join(", ", known));
                }
            }
        }

        Section section(String key, List<String> known) {
            Entry entry = entry(key);
            if (entry == null) {
                return new Section(YamlTreeReader.join(path, key), null);
            }
            if (!(entry.value() instanceof Mapping m)) {
                throw wrongType(entry, "a section with " + String.join(", ", known));
            }
            Section section = new Section(YamlTreeReader.join(path, key), m);
            section.checkKeys(known);
            return section;
        }

        Optional<Section> optionalSection(String key, List<String> known) {
            Entry entry = entry(key);
            if (entry != null && entry.value() instanceof Scalar s
                    && (s.token() == JsonToken.VALUE_FALSE || isOff(s))) {
                return Optional.empty();
            }
            if (entry != null && !(entry.value() instanceof Mapping)) {
                throw wrongType(entry, "off, or a section with " + String.join(", ", known));
            }
            return Optional.of(section(key, known));
        }

        Duration duration(String key, Duration fallback) {
            Entry entry = entry(key);
            if (entry == null) {
                return fallback;
            }
            if (!(entry.value() instanceof Scalar s) || s.token() == JsonToken.VALUE_TRUE
                    || s.token() == JsonToken.VALUE_FALSE) {
                throw wrongType(entry, "a duration such as 7d");
            }
            try {
                return HumanDuration.parse(s.text());
            } catch (IllegalArgumentException e) {
                throw fail(s.line(), pathOf(entry), e.getMessage());
            }
        }

        int wholeNumber(String key, int fallback) {
            Entry entry = entry(key);
            if (entry == null) {
                return fallback;
            }
            if (!(entry.value() instanceof Scalar s) || s.token() != JsonToken.VALUE_NUMBER_INT) {
                throw wrongType(entry, "a whole number");
            }
            if (!(s.number() instanceof Integer i)) {
                throw fail(s.line(), pathOf(entry), "is too large: " + s.text());
            }
            return i;
        }

        double number(String key, double fallback) {
            Entry entry = entry(key);
            if (entry == null) {
                return fallback;
            }
            if (!(entry.value() instanceof Scalar s) || s.number() == null) {
                throw wrongType(entry, "a number such as 0.5");
            }
            return s.number().doubleValue();
        }

        Set<String> names(String key, Set<String> fallback) {
            Entry entry = entry(key);
            if (entry == null) {
                return fallback;
            }
            if (!(entry.value() instanceof Sequence list)) {
                throw wrongType(entry, "a list of names such as [a, b]");
            }
            Set<String> names = new LinkedHashSet<>();
            for (int i = 0; i < list.items().size(); i++) {
                YamlNode item = list.items().get(i);
                if (!(item instanceof Scalar s) || s.token() != JsonToken.VALUE_STRING) {
                    throw fail(item.line(), pathOf(entry), "item " + (i + 1) + " must be a name, but is "
                            + YamlTreeReader.describe(item) + (item instanceof Scalar ? "; quote it" : ""));
                }
                if (s.text().isBlank()) {
                    throw fail(item.line(), pathOf(entry), "item " + (i + 1) + " is blank");
                }
                names.add(s.text());
            }
            return names;
        }

        private Entry entry(String key) {
            Entry entry = mapping == null ? null : mapping.entries().get(key);
            if (entry != null && entry.value() instanceof Scalar s && s.isNull()) {
                throw fail(entry.line(), pathOf(entry), "has no value; set one, or remove the key to use the default");
            }
            return entry;
        }

        private String pathOf(Entry entry) {
            return YamlTreeReader.join(path, entry.key());
        }

        private InvalidRulesFileException wrongType(Entry entry, String expected) {
            return fail(entry.value().line(), pathOf(entry), "expected " + expected + ", but got "
                    + YamlTreeReader.describe(entry.value()));
        }
    }

    private static boolean isOff(Scalar scalar) {
        String text = scalar.text().toLowerCase(Locale.ROOT);
        return scalar.token() == JsonToken.VALUE_STRING && (text.equals("off") || text.equals("false"));
    }

    private InvalidRulesFileException fail(int line, String path, String reason) {
        return new InvalidRulesFileException(file, line, path, reason, null);
    }
}
