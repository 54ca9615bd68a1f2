package io.userops.trigger.template;

import java.util.List;
import java.util.Objects;

/**
 * Everything needed to compile a campaign's templates: who it is (its id and name are in every
 * template's scope as {@code campaign.id} and {@code campaign.name}), its locales, the locale used when
 * none of the user's fits, and how its body is escaped.
 */
public record CampaignTemplateSource(String campaignId, String campaignName, String defaultLocale,
        BodyFormat bodyFormat, List<LocaleTemplates> locales) {

    public CampaignTemplateSource {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(defaultLocale, "defaultLocale");
        Objects.requireNonNull(bodyFormat, "bodyFormat");
        locales = List.copyOf(locales);
    }
}
