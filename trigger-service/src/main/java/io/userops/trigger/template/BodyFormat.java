package io.userops.trigger.template;

import io.userops.trigger.campaign.Channel;

/**
 * How values are written into a message body. Only an HTML email body is HTML-escaped: a subject, an
 * SMS, a push notification and a webhook payload are not HTML, and {@code &amp;} in them would reach the
 * user (or the receiving system) as five literal characters.
 */
public enum BodyFormat {
    /** Values are HTML-escaped ({@code <} becomes {@code &lt;}); {@code {{{name}}}} writes a value raw. */
    HTML,
    /** Values are written as they are. */
    TEXT;

    /** EMAIL bodies are HTML; every other channel's body is text. Subjects are always text. */
    public static BodyFormat forChannel(Channel channel) {
        return channel == Channel.EMAIL ? HTML : TEXT;
    }
}
