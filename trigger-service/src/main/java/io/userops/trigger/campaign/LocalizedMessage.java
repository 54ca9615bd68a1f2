package io.userops.trigger.campaign;

import java.util.Objects;
import java.util.Optional;

/** One locale's texts of a campaign: the subject (email subject, push title) when there is one, and the body. */
public record LocalizedMessage(Optional<TemplateText> subject, TemplateText body) {
    public LocalizedMessage {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
    }
}
