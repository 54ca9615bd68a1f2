package io.userops.trigger.campaign;

import java.util.Objects;

/**
 * A template as written, uncompiled, and the 1-based line of the campaigns file its text starts on (0 when it
 * does not come from a file), so that a template error can name the line in the file.
 */
public record TemplateText(String text, int line) {
    public TemplateText {
        Objects.requireNonNull(text, "text");
        if (line < 0) {
            throw new IllegalArgumentException("a line is 0 (no file) or more, but is " + line);
        }
    }
}
