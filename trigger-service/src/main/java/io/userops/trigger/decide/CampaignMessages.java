package io.userops.trigger.decide;

import io.userops.rules.yaml.InvalidRulesFileException;
import io.userops.trigger.campaign.Campaign;
import io.userops.trigger.campaign.Campaigns;
import io.userops.trigger.campaign.Channel;
import io.userops.trigger.campaign.LocalizedMessage;
import io.userops.trigger.template.BodyFormat;
import io.userops.trigger.template.CampaignTemplateSource;
import io.userops.trigger.template.CampaignTemplates;
import io.userops.trigger.template.InvalidTemplateException;
import io.userops.trigger.template.LocaleTemplates;
import io.userops.trigger.template.RenderedMessage;
import io.userops.trigger.template.TemplateScope;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every campaign's templates compiled once at start-up, for both body formats (a push campaign may fall back to
 * email, whose body is HTML-escaped); a template that does not compile fails the campaigns file at its line.
 */
public final class CampaignMessages implements MessageRenderer {

    private final Map<String, Map<BodyFormat, CampaignTemplates>> byCampaign;

    private CampaignMessages(Map<String, Map<BodyFormat, CampaignTemplates>> byCampaign) {
        this.byCampaign = byCampaign;
    }

    /** @throws InvalidRulesFileException naming {@code file}, the line in it and the reason */
    public static CampaignMessages compile(Campaigns campaigns, String file) {
        Map<String, Map<BodyFormat, CampaignTemplates>> byCampaign = new HashMap<>();
        for (Campaign campaign : campaigns.campaigns()) {
            Map<BodyFormat, CampaignTemplates> formats = new EnumMap<>(BodyFormat.class);
            for (BodyFormat format : BodyFormat.values()) {
                try {
                    formats.put(format, CampaignTemplates.compile(source(campaign, format)));
                } catch (InvalidTemplateException e) {
                    String path = "campaigns." + campaign.id() + ".message" + (e.part() == null ? ""
                            : ".locales." + e.locale() + "." + e.part().name().toLowerCase(Locale.ROOT));
                    throw new InvalidRulesFileException(file, e.line(), path, e.reason(), e);
                }
            }
            byCampaign.put(campaign.id(), formats);
        }
        return new CampaignMessages(byCampaign);
    }

    @Override
    public RenderedMessage render(String campaignId, String locale, Channel channel, TemplateScope user) {
        Map<BodyFormat, CampaignTemplates> formats = byCampaign.get(campaignId);
        if (formats == null) {
            throw new IllegalArgumentException("no templates for campaign " + campaignId);
        }
        return formats.get(BodyFormat.forChannel(channel)).render(locale, user);
    }

    private static CampaignTemplateSource source(Campaign campaign, BodyFormat format) {
        List<LocaleTemplates> locales = new ArrayList<>();
        for (Map.Entry<String, LocalizedMessage> locale : campaign.template().locales().entrySet()) {
            LocalizedMessage texts = locale.getValue();
            locales.add(new LocaleTemplates(locale.getKey(), texts.subject().orElse(null), texts.body()));
        }
        return new CampaignTemplateSource(campaign.id(), campaign.name(), campaign.template().defaultLocale(), format,
                locales);
    }
}
