package io.userops.trigger.campaign;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A campaign's texts by locale (BCP 47 tags such as {@code en} or {@code de-DE}, in file order) and the locale
 * used when none fits the user.
 */
public record MessageTemplate(String defaultLocale, Map<String, LocalizedMessage> locales) {

    public MessageTemplate {
        Objects.requireNonNull(defaultLocale, "defaultLocale");
        locales = Collections.unmodifiableMap(new LinkedHashMap<>(locales));
        for (String tag : locales.keySet()) {
            requireLanguageTag(tag);
        }
        if (!locales.containsKey(defaultLocale)) {
            throw new IllegalArgumentException("the default locale '" + defaultLocale + "' has no texts; the locales"
                    + " are " + String.join(", ", locales.keySet()));
        }
    }

    /** Whether {@code tag} is a BCP 47 language tag with a language, such as {@code en} or {@code pt-BR}. */
    public static boolean isLanguageTag(String tag) {
        if (tag == null || tag.isEmpty()) {
            return false;
        }
        Locale locale = Locale.forLanguageTag(tag);
        return locale.getLanguage().length() >= 2 && locale.getLanguage().length() <= 3
                && locale.toLanguageTag().equalsIgnoreCase(tag);
    }

    private static void requireLanguageTag(String tag) {
        if (!isLanguageTag(tag)) {
            throw new IllegalArgumentException("'" + tag + "' is not a language tag such as en or de-DE");
        }
    }

    /** The texts of a locale this template has. */
    public LocalizedMessage in(String locale) {
        LocalizedMessage message = locales.get(locale);
        if (message == null) {
            throw new IllegalArgumentException("no texts in locale '" + locale + "'");
        }
        return message;
    }
}
