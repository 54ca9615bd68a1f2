package io.userops.trigger.template;

import io.userops.trigger.campaign.TemplateText;
import java.util.List;

/** Small campaign sources for the template tests. */
final class Campaigns {

    private Campaigns() {
    }

    static CampaignTemplates oneLocale(BodyFormat format, String subject, String body) {
        return CampaignTemplates.compile(new CampaignTemplateSource("winback", "Win back", "en", format,
                List.of(new LocaleTemplates("en", subject == null ? null : new TemplateText(subject, 3),
                        new TemplateText(body, 5)))));
    }

    static CampaignTemplates locales(String defaultLocale, String... locales) {
        List<LocaleTemplates> templates = java.util.Arrays.stream(locales)
                .map(locale -> new LocaleTemplates(locale, new TemplateText("subject " + locale, 1),
                        new TemplateText("body " + locale, 2)))
                .toList();
        return CampaignTemplates.compile(new CampaignTemplateSource("welcome", "Welcome", defaultLocale,
                BodyFormat.TEXT, templates));
    }
}
