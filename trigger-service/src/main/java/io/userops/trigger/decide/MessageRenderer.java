package io.userops.trigger.decide;

import io.userops.trigger.campaign.Channel;
import io.userops.trigger.template.RenderedMessage;
import io.userops.trigger.template.TemplateScope;

/** A campaign's texts for one user, in the locale the policy chose; a missing trait renders empty, never fails. */
@FunctionalInterface
public interface MessageRenderer {

    RenderedMessage render(String campaignId, String locale, Channel channel, TemplateScope user);
}
