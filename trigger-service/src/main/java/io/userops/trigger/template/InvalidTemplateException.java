package io.userops.trigger.template;

/**
 * A campaign's templates cannot be used. The message reads
 * {@code campaign 'winback', locale 'de', body, line 14: section 'traits.name' is never closed}; an error
 * that is not inside one template (a missing default locale, a locale listed twice) has no part and line 0.
 */
public final class InvalidTemplateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String campaignId;
    private final String locale;
    private final TemplatePart part;
    private final int line;
    private final String reason;

    InvalidTemplateException(String campaignId, String locale, TemplatePart part, int line, String reason,
            Throwable cause) {
        super(message(campaignId, locale, part, line, reason), cause);
        this.campaignId = campaignId;
        this.locale = locale;
        this.part = part;
        this.line = line;
        this.reason = reason;
    }

    private static String message(String campaignId, String locale, TemplatePart part, int line, String reason) {
        StringBuilder text = new StringBuilder("campaign '").append(campaignId).append('\'');
        if (locale != null) {
            text.append(", locale '").append(locale).append('\'');
        }
        if (part != null) {
            text.append(", ").append(part.label());
        }
        if (line > 0) {
            text.append(", line ").append(line);
        }
        return text.append(": ").append(reason).toString();
    }

    public String campaignId() {
        return campaignId;
    }

    /** The locale as written in the campaign file; null when the error concerns no one locale. */
    public String locale() {
        return locale;
    }

    /** Null when the error is not inside one template. */
    public TemplatePart part() {
        return part;
    }

    /** The 1-based line of the campaign file; 0 when the error is not inside one template. */
    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
