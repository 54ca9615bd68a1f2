package io.userops.trigger.deliver;

import io.userops.avro.Channel;
import io.userops.avro.MessageRequest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Message requests for tests. */
final class Messages {

    private Messages() {
    }

    static MessageRequest webhook(String campaignId) {
        return base(campaignId, Channel.WEBHOOK, null).build();
    }

    static MessageRequest email(String campaignId, String recipient) {
        return base(campaignId, Channel.EMAIL, recipient).build();
    }

    static MessageRequest push(String campaignId, String deviceToken) {
        return base(campaignId, Channel.PUSH, deviceToken).build();
    }

    static MessageRequest.Builder base(String campaignId, Channel channel, String recipient) {
        String user = "user-" + UUID.randomUUID().toString().substring(0, 8);
        String trigger = "trig-" + UUID.randomUUID().toString().substring(0, 8);
        return MessageRequest.newBuilder()
                .setMessageId(campaignId + "." + user + "." + trigger)
                .setCampaignId(campaignId)
                .setUserId(user)
                .setTriggerId(trigger)
                .setChannel(channel)
                .setRecipient(recipient)
                .setLocale("en-GB")
                .setSubject("We miss you")
                .setBody("Come back for 20% off, " + user)
                .setDecidedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .setNotAfter(null);
    }
}
