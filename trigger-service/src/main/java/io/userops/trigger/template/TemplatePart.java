package io.userops.trigger.template;

/** The two templates of a locale. */
public enum TemplatePart {
    SUBJECT,
    BODY;

    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
