package io.userops.segmentation.config;

import io.userops.rules.yaml.RulesFileText;
import io.userops.rules.yaml.InvalidRulesFileException;
import io.userops.rules.yaml.YamlTreeReader;
import io.userops.rules.yaml.YamlNode;
import io.userops.rules.yaml.YamlNode.Mapping;
import io.userops.segmentation.tags.TagRules;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Loads {@link TagRules} from a YAML file laid out like {@value #DEFAULTS}, the documented defaults on the
 * classpath: every setting is optional and a setting left out keeps its default; lists and maps (bands, synonyms,
 * cities, archetypes, value tiers) replace the default whole. Rules and choices: docs/tags.md.
 */
public final class TagRulesFile {

    public static final String DEFAULTS = "tags-default.yaml";

    private TagRulesFile() {
    }

    /** The rules of {@value #DEFAULTS}. */
    public static TagRules defaults() {
        return parse("", DEFAULTS);
    }

    /**
     * @throws InvalidRulesFileException when the file is missing or unreadable, or as for {@link #parse}
     */
    public static TagRules load(Path file) {
        return parse(RulesFileText.read(file), file.toString());
    }

    /**
     * @param fileName names the source in error messages
     * @throws InvalidRulesFileException naming the file, line, setting and reason of the first problem: invalid
     *                                   YAML, an unknown or repeated key, a value of the wrong type or a bad number,
     *                                   unordered or overlapping bands, a duplicate tag or synonym, an unknown
     *                                   gender, archetype or value tier, or scores left without a value tier
     */
    public static TagRules parse(String yaml, String fileName) {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(fileName, "fileName");
        return TagRulesBinder.bind(YamlTreeReader.read(yaml, fileName), fileName, DefaultsHolder.TREE, DEFAULTS);
    }

    private static final class DefaultsHolder {

        static final Mapping TREE = YamlTreeReader.read(RulesFileText.resource(DEFAULTS), DEFAULTS);
    }
}
