package io.userops.trigger.template;

import java.util.Objects;

/**
 * One template as written in a campaign file: its text and the 1-based line of the file on which the
 * text's first line stands, so that an error inside the template can name the line of the file.
 */
public record TemplateText(String text, int startLine) {

    public TemplateText {
        Objects.requireNonNull(text, "text");
        if (startLine < 1) {
            throw new IllegalArgumentException("startLine is 1-based, got " + startLine);
        }
    }
}
