package io.userops.trigger.template;

import java.util.Objects;

/**
 * A message rendered for one user.
 *
 * @param locale the campaign locale that was used, as a normalised language tag ({@code de-DE}); it goes
 *     into {@code MessageRequest.locale}
 * @param subject the rendered subject or title; null when the locale has no subject template
 * @param body the rendered body
 */
public record RenderedMessage(String locale, String subject, String body) {

    public RenderedMessage {
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(body, "body");
    }
}
