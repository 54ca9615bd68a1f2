package io.userops.segmentation.config;

import io.userops.rules.yaml.RulesFileText;
import io.userops.rules.yaml.InvalidRulesFileException;
import io.userops.rules.yaml.YamlTreeReader;
import io.userops.segmentation.lifecycle.LifecycleRules;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Loads {@link LifecycleRules} from a YAML file whose keys are the settings' paths ({@code interval},
 * {@code activation.count}, {@code atRisk.baseline.window}, ...); every key is optional and takes its value
 * from {@link LifecycleRules#defaults()}, and {@code atRisk.baseline: off} turns the baseline off.
 * The documented defaults: {@code lifecycle-default.yaml} on the classpath.
 */
public final class LifecycleRulesFile {

    private LifecycleRulesFile() {
    }

    /**
     * @throws InvalidRulesFileException when the file is missing or unreadable, or as for {@link #parse}
     */
    public static LifecycleRules load(Path file) {
        return parse(RulesFileText.read(file), file.toString());
    }

    /**
     * @param fileName names the source in error messages
     * @throws InvalidRulesFileException naming the file, line, setting and reason of the first problem: invalid
     *                                   YAML, an unknown or repeated key, a value of the wrong type or an invalid
     *                                   duration, or rules {@link LifecycleRules} rejects
     */
    public static LifecycleRules parse(String yaml, String fileName) {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(fileName, "fileName");
        return RulesBinder.bind(YamlTreeReader.read(yaml, fileName), fileName);
    }
}
