package io.userops.trigger.template;

import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;

/** Language tags as users and campaign files write them ({@code de_DE}, {@code DE-de}) in one form. */
final class LocaleTags {

    private LocaleTags() {
    }

    /**
     * The BCP 47 form of {@code raw} ({@code de_de} becomes {@code de-DE}), or null when it names no
     * language: null, blank, or not a well-formed tag.
     */
    static String normalise(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        Locale locale;
        try {
            locale = new Locale.Builder().setLanguageTag(raw.strip().replace('_', '-')).build();
        } catch (IllformedLocaleException notATag) {
            return null;
        }
        return locale.getLanguage().isEmpty() ? null : locale.toLanguageTag();
    }

    /**
     * The tags to try for a user's locale, most specific first: the whole tag; then language and script
     * ({@code zh-Hant}, for Chinese the script matters more than the region); then language and region
     * ({@code de-AT}, dropping variants and extensions); then the language alone.
     */
    static List<String> fallbacks(String raw) {
        String tag = normalise(raw);
        if (tag == null) {
            return List.of();
        }
        Locale locale = Locale.forLanguageTag(tag);
        List<String> tags = new ArrayList<>(4);
        tags.add(tag);
        if (!locale.getScript().isEmpty()) {
            addOnce(tags, new Locale.Builder().setLanguage(locale.getLanguage()).setScript(locale.getScript())
                    .build().toLanguageTag());
        }
        if (!locale.getCountry().isEmpty()) {
            addOnce(tags, new Locale.Builder().setLanguage(locale.getLanguage()).setRegion(locale.getCountry())
                    .build().toLanguageTag());
        }
        addOnce(tags, new Locale.Builder().setLanguage(locale.getLanguage()).build().toLanguageTag());
        return tags;
    }

    private static void addOnce(List<String> tags, String tag) {
        if (!tags.contains(tag)) {
            tags.add(tag);
        }
    }
}
