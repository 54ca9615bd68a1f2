package io.userops.trigger.template;

import io.userops.trigger.campaign.TemplateText;
import java.util.Objects;

/**
 * The templates of one locale of a campaign, as read from the campaign file.
 *
 * @param locale a language tag such as {@code de}, {@code de-DE} or {@code pt_BR} (any case)
 * @param subject the subject or title; null for channels without one (SMS, webhook)
 * @param body the body
 */
public record LocaleTemplates(String locale, TemplateText subject, TemplateText body) {

    public LocaleTemplates {
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(body, "body");
    }
}
