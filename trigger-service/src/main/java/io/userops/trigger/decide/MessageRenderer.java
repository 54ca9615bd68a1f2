package io.userops.trigger.decide;

import io.userops.avro.UserProfile;
import io.userops.trigger.campaign.Channel;
import io.userops.trigger.template.RenderedMessage;

/** A campaign's texts for one user, in the locale the policy chose; a missing trait renders empty, never fails. */
@FunctionalInterface
public interface MessageRenderer {

    /** @param profile the user's latest snapshot; null when none arrived yet */
    RenderedMessage render(String campaignId, String locale, Channel channel, String userId, UserProfile profile);
}
