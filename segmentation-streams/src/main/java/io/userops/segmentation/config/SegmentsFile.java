package io.userops.segmentation.config;

import io.userops.rules.yaml.RulesFileText;
import io.userops.rules.yaml.InvalidRulesFileException;
import io.userops.rules.yaml.YamlTreeReader;
import io.userops.rules.yaml.YamlNode;
import io.userops.rules.yaml.YamlNode.Entry;
import io.userops.rules.yaml.YamlNode.Mapping;
import io.userops.rules.yaml.YamlNode.Scalar;
import io.userops.rules.yaml.YamlNode.Sequence;
import io.userops.rules.segments.InvalidExpressionException;
import io.userops.rules.segments.SegmentDefinition;
import io.userops.rules.segments.SegmentExpression;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Loads segment definitions from a YAML file:
 *
 * <pre>
 * segments:
 *   - name: at_risk_big_spenders
 *     description: optional text
 *     expression: stage == AT_RISK &amp;&amp; tags has "big_spender"
 * </pre>
 *
 * Paths in errors name a segment by its 0-based position, {@code segments[2].expression}. For an invalid
 * expression the line is the expression's line in the file: exact for {@code |} block scalars, whose lines are
 * kept; a folded ({@code >}) or plain multi-line scalar arrives as one line, so the error names its first line
 * and a column within the folded text. Language reference: docs/segments.md; an example: segments-default.yaml
 * on the classpath.
 */
public final class SegmentsFile {

    private static final List<String> SEGMENT_KEYS = List.of("name", "description", "expression");
    private static final Pattern BLOCK_SCALAR_START = Pattern.compile(".*:\\s*[|>][-+0-9]*\\s*(#.*)?");

    private final String file;
    private final String[] lines;

    private SegmentsFile(String file, String yaml) {
        this.file = file;
        this.lines = yaml.split("\\R", -1);
    }

    /**
     * @throws InvalidRulesFileException when the file is missing or unreadable, or as for {@link #parse}
     */
    public static List<SegmentDefinition> load(Path file) {
        return loadAll(file).segments();
    }

    /**
     * @param fileName names the source in error messages
     * @throws InvalidRulesFileException naming the file, line, path and reason of the first problem: invalid YAML,
     *                                   an unknown key, a missing name or expression, an invalid or repeated name,
     *                                   or an invalid expression
     */
    public static List<SegmentDefinition> parse(String yaml, String fileName) {
        return parseAll(yaml, fileName).segments();
    }

    /** The segments and the behaviour tags of a file. */
    public record Definitions(List<SegmentDefinition> segments, List<SegmentDefinition> behaviourTags) {
        public Definitions {
            segments = List.copyOf(segments);
            behaviourTags = List.copyOf(behaviourTags);
        }
    }

    public static final String DEFAULTS = "segments-default.yaml";

    /** The example segments and behaviour tags of {@value #DEFAULTS}, on the classpath. */
    public static Definitions defaults() {
        return parseAll(RulesFileText.resource(DEFAULTS), DEFAULTS);
    }

    /** As {@link #load}, with the optional {@code behaviourTags:} list too. */
    public static Definitions loadAll(Path file) {
        return parseAll(RulesFileText.read(file), file.toString());
    }

    /**
     * As {@link #parse}, with the optional {@code behaviourTags:} list: items shaped like segments, each the
     * tag of that name while its expression holds (tags such as {@code night_owl}, {@code big_spender}).
     */
    public static Definitions parseAll(String yaml, String fileName) {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(fileName, "fileName");
        SegmentsFile reader = new SegmentsFile(fileName, yaml);
        Mapping root = YamlTreeReader.read(yaml, fileName);
        for (Entry entry : root.entries().values()) {
            if (!TOP_KEYS.contains(entry.key())) {
                throw reader.fail(entry.line(), entry.key(), "unknown key '" + entry.key()
                        + "'; the file holds segments and, optionally, behaviourTags");
            }
        }
        Entry segments = root.entries().get("segments");
        if (segments == null) {
            throw reader.fail(root.line(), YamlTreeReader.ROOT, "no segments: key; list the segments under segments:");
        }
        Entry behaviour = root.entries().get("behaviourTags");
        return new Definitions(reader.definitions(segments, "segments", "segment"),
                behaviour == null ? List.of() : reader.definitions(behaviour, "behaviourTags", "behaviour tag"));
    }

    private static final List<String> TOP_KEYS = List.of("segments", "behaviourTags");

    private List<SegmentDefinition> definitions(Entry section, String key, String what) {
        if (!(section.value() instanceof Sequence list)) {
            throw fail(section.value().line(), key, "expected a list of " + what + "s (- name: ...), but got "
                    + YamlTreeReader.describe(section.value()));
        }
        List<SegmentDefinition> definitions = new ArrayList<>();
        Map<String, Integer> nameLines = new HashMap<>();
        for (int i = 0; i < list.items().size(); i++) {
            YamlNode item = list.items().get(i);
            SegmentDefinition definition = definition(item, key + "[" + i + "]");
            int nameLine = ((Mapping) item).entries().get("name").line();
            Integer firstLine = nameLines.putIfAbsent(definition.name(), nameLine);
            if (firstLine != null) {
                throw fail(nameLine, key + "[" + i + "].name", what + " name '" + definition.name()
                        + "' is used twice (first on line " + firstLine + "); keep one");
            }
            definitions.add(definition);
        }
        return List.copyOf(definitions);
    }

    private SegmentDefinition definition(YamlNode item, String path) {
        if (!(item instanceof Mapping segment)) {
            throw fail(item.line(), path, "expected a segment with name and expression, but got "
                    + YamlTreeReader.describe(item));
        }
        for (Entry entry : segment.entries().values()) {
            if (!SEGMENT_KEYS.contains(entry.key())) {
                throw fail(entry.line(), path + "." + entry.key(), "unknown key '" + entry.key()
                        + "'; a segment has " + String.join(", ", SEGMENT_KEYS));
            }
        }
        Scalar name = text(segment, "name", path);
        if (!SegmentDefinition.NAME.matcher(name.text()).matches()) {
            throw fail(name.line(), path + ".name", "segment name '" + name.text()
                    + "' must be 1-64 characters of a-z, 0-9, _ and -");
        }
        Scalar description = segment.entries().containsKey("description") ? text(segment, "description", path) : null;
        Scalar expression = text(segment, "expression", path);
        SegmentExpression compiled;
        try {
            compiled = SegmentExpression.parse(expression.text());
        } catch (InvalidExpressionException e) {
            throw invalidExpression(expression, path + ".expression", e);
        }
        return new SegmentDefinition(name.text(), expression.text(), compiled,
                description == null ? "" : description.text());
    }

    private Scalar text(Mapping segment, String key, String path) {
        Entry entry = segment.entries().get(key);
        if (entry == null) {
            throw fail(segment.line(), path, "the segment has no " + key);
        }
        if (!(entry.value() instanceof Scalar scalar)) {
            throw fail(entry.value().line(), path + "." + key, "expected text, but got "
                    + YamlTreeReader.describe(entry.value()));
        }
        if (scalar.isNull()) {
            throw fail(entry.line(), path + "." + key, "has no value");
        }
        return scalar;
    }

    private InvalidRulesFileException invalidExpression(Scalar expression, String path, InvalidExpressionException e) {
        boolean block = expression.line() <= lines.length
                && BLOCK_SCALAR_START.matcher(lines[expression.line() - 1]).matches();
        int line = expression.line() + (block ? e.line() : e.line() - 1);
        String where = expression.text().strip().indexOf('\n') >= 0
                ? "line " + e.line() + ", column " + e.column()
                : "column " + e.column();
        return fail(line, path, "invalid expression, " + where + ": " + e.reason(), e);
    }

    private InvalidRulesFileException fail(int line, String path, String reason) {
        return fail(line, path, reason, null);
    }

    private InvalidRulesFileException fail(int line, String path, String reason, Throwable cause) {
        return new InvalidRulesFileException(file, line, path, reason, cause);
    }
}
