package io.userops.trigger.campaign;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the campaigns need to know about a user to reach them, read from their profile traits (the reference
 * table is in docs/campaigns.md): where ({@code email}, {@code phone}, {@code pushToken}), when
 * ({@code timezone}), in which language ({@code locale}), on which channel they would rather be reached
 * ({@code preferredChannel}) and whether they agree ({@code unsubscribed}, {@code emailOptOut}, {@code pushOptOut},
 * {@code smsOptIn}).
 *
 * @param consented the channels the user agrees to: email and push unless opted out, SMS only when opted in,
 *                  webhooks always (they go to the company's own endpoint)
 */
public record UserContext(ZoneId zone, Optional<Locale> locale, Optional<String> email, Optional<String> phone,
                          Optional<String> pushToken, boolean unsubscribed, Set<Channel> consented,
                          Optional<Channel> preferredChannel) {

    public static final String EMAIL = "email";
    public static final String PHONE = "phone";
    public static final String PUSH_TOKEN = "pushToken";
    public static final String TIMEZONE = "timezone";
    public static final String LOCALE = "locale";
    public static final String UNSUBSCRIBED = "unsubscribed";
    public static final String EMAIL_OPT_OUT = "emailOptOut";
    public static final String PUSH_OPT_OUT = "pushOptOut";
    public static final String SMS_OPT_IN = "smsOptIn";
    public static final String PREFERRED_CHANNEL = "preferredChannel";

    public UserContext {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(pushToken, "pushToken");
        Objects.requireNonNull(preferredChannel, "preferredChannel");
        consented = consented.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(consented));
    }

    /**
     * Reads the traits as sent by the client (String, Number, Boolean, Map, List values; JSON nulls allowed).
     * Flags are {@code true} as a boolean or the text "true" in any case; anything else is false. A time zone
     * that is absent or not a valid zone id falls back to {@code defaultZone}.
     */
    public static UserContext fromTraits(Map<String, ?> traits, ZoneId defaultZone) {
        Objects.requireNonNull(defaultZone, "defaultZone");
        Set<Channel> consented = EnumSet.of(Channel.WEBHOOK);
        if (!flag(traits, EMAIL_OPT_OUT)) {
            consented.add(Channel.EMAIL);
        }
        if (!flag(traits, PUSH_OPT_OUT)) {
            consented.add(Channel.PUSH);
        }
        if (flag(traits, SMS_OPT_IN)) {
            consented.add(Channel.SMS);
        }
        return new UserContext(zone(traits.get(TIMEZONE), defaultZone), locale(traits.get(LOCALE)),
                text(traits.get(EMAIL)).filter(UserContext::looksLikeEmail), text(traits.get(PHONE)),
                text(traits.get(PUSH_TOKEN)), flag(traits, UNSUBSCRIBED), consented,
                text(traits.get(PREFERRED_CHANNEL)).flatMap(UserContext::channel));
    }

    /**
     * The channel to send a campaign on: the user's preferred channel when the campaign offers it and the user can
     * be reached there, else the campaign's channels in their order, the first the user can be reached on.
     */
    public Optional<Channel> channelFor(java.util.List<Channel> offered) {
        if (preferredChannel.isPresent() && offered.contains(preferredChannel.get()) && canReach(preferredChannel.get())) {
            return preferredChannel;
        }
        return offered.stream().filter(this::canReach).findFirst();
    }

    private static Optional<Channel> channel(String name) {
        try {
            return Optional.of(Channel.valueOf(name.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The address a message on {@code channel} goes to; empty for webhooks, which go to the company's endpoint. */
    public Optional<String> recipient(Channel channel) {
        return switch (channel) {
            case EMAIL -> email;
            case SMS -> phone;
            case PUSH -> pushToken;
            case WEBHOOK -> Optional.empty();
        };
    }

    /** Whether a message on {@code channel} can go out: the user agrees to it and it has an address. */
    public boolean canReach(Channel channel) {
        return consented.contains(channel) && (channel == Channel.WEBHOOK || recipient(channel).isPresent());
    }

    private static boolean flag(Map<String, ?> traits, String name) {
        Object value = traits.get(name);
        return Boolean.TRUE.equals(value) || value instanceof String s && s.strip().equalsIgnoreCase("true");
    }

    private static Optional<String> text(Object value) {
        return value instanceof String s && !s.isBlank() ? Optional.of(s.strip()) : Optional.empty();
    }

    private static boolean looksLikeEmail(String text) {
        int at = text.indexOf('@');
        return at > 0 && at == text.lastIndexOf('@') && at < text.length() - 1 && text.chars()
                .noneMatch(Character::isWhitespace);
    }

    private static ZoneId zone(Object value, ZoneId defaultZone) {
        if (value instanceof String id && !id.isBlank()) {
            try {
                return ZoneId.of(id.strip());
            } catch (DateTimeException e) {
                return defaultZone;
            }
        }
        return defaultZone;
    }

    private static Optional<Locale> locale(Object value) {
        if (!(value instanceof String tag) || tag.isBlank()) {
            return Optional.empty();
        }
        Locale locale = Locale.forLanguageTag(tag.strip().replace('_', '-'));
        return locale.getLanguage().isEmpty() ? Optional.empty() : Optional.of(locale);
    }
}
