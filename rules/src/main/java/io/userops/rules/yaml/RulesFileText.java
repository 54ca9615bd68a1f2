package io.userops.rules.yaml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The text of a rules file, or an {@link InvalidRulesFileException} naming the file and why it cannot be read. */
public final class RulesFileText {

    private RulesFileText() {
    }

    public static String read(Path file) {
        String name = file.toString();
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw InvalidRulesFileException.unreadable(name, "file not found", e);
        } catch (CharacterCodingException e) {
            throw InvalidRulesFileException.unreadable(name, "is not UTF-8 text", e);
        } catch (IOException e) {
            throw InvalidRulesFileException.unreadable(name, "cannot be read: " + e, e);
        }
    }

    /** A file shipped on the classpath, such as the documented defaults. */
    public static String resource(String name) {
        try (InputStream in = RulesFileText.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw InvalidRulesFileException.unreadable(name, "is not on the classpath", null);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw InvalidRulesFileException.unreadable(name, "cannot be read: " + e, e);
        }
    }
}
