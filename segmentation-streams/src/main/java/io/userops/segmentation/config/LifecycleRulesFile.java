package io.userops.segmentation.config;

import io.userops.segmentation.lifecycle.LifecycleRules;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
        String name = file.toString();
        String yaml;
        try {
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw InvalidRulesFileException.unreadable(name, "file not found", e);
        } catch (CharacterCodingException e) {
            throw InvalidRulesFileException.unreadable(name, "is not UTF-8 text", e);
        } catch (IOException e) {
            throw InvalidRulesFileException.unreadable(name, "cannot be read: " + e, e);
        }
        return parse(yaml, name);
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
