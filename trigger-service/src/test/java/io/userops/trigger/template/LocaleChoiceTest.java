package io.userops.trigger.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The user's locale picks the exact variant, else the language, else the campaign's default. */
class LocaleChoiceTest {

    private final CampaignTemplates templates = Campaigns.locales("en-GB", "en-GB", "de", "de-AT", "pt_BR", "zh-Hant");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "de-AT, de-AT",
            "de_AT, de-AT",
            "DE-at, de-AT",
            "de-DE, de",
            "de_CH, de",
            "de, de",
            "de-AT-u-co-phonebk, de-AT",
            "pt-BR, pt-BR",
            "pt_br, pt-BR",
            "pt-PT, en-GB",
            "pt, en-GB",
            "zh-Hant, zh-Hant",
            "zh-Hant-TW, zh-Hant",
            "zh-TW, en-GB",
            "zh-hant-hk, zh-Hant",
            "en-US, en-GB",
            "en, en-GB",
            "xx-YY, en-GB",
            "fr, en-GB"
    })
    void shouldFallBackFromTheVariantToTheLanguageToTheDefault(String userLocale, String chosen) {
        assertThat(templates.chooseLocale(userLocale)).isEqualTo(chosen);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "-", "_", "de--DE", "!!", "e n", "123"})
    void shouldUseTheDefaultForAMissingOrMalformedLocale(String userLocale) {
        assertThat(templates.chooseLocale(userLocale)).isEqualTo("en-GB");
    }

    @Test
    void shouldReturnTheChosenLocaleWithTheRenderedText() {
        RenderedMessage message = templates.render(" de_DE ", new TemplateScope("u1", null, Map.of(), null));

        assertThat(message).isEqualTo(new RenderedMessage("de", "subject de", "body de"));
    }

    @Test
    void shouldListItsLocalesNormalised() {
        assertThat(templates.locales()).containsExactly("de", "de-AT", "en-GB", "pt-BR", "zh-Hant");
        assertThat(templates.defaultLocale()).isEqualTo("en-GB");
    }
}
