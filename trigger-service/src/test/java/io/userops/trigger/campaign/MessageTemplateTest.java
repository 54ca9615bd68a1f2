package io.userops.trigger.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageTemplateTest {

    private static final LocalizedMessage TEXT = new LocalizedMessage(Optional.empty(), new TemplateText("Hi", 0));

    @ParameterizedTest(name = "user {0} with texts in {1} gets {2}")
    @CsvSource(nullValues = "-", textBlock = """
            de-DE, en de de-DE, de-DE
            de-de, en de-DE,    de-DE
            de-AT, en de de-DE, de
            de-AT, en de-DE,    de-DE
            de,    en de-DE,    de-DE
            fr-FR, en de,       en
            -,     en de,       en
            pt-BR, en pt-PT,    pt-PT
            """)
    void shouldPickTheUsersLocaleThenTheirLanguageThenTheDefault(String user, String available, String expected) {
        Map<String, LocalizedMessage> locales = new LinkedHashMap<>();
        for (String tag : available.split(" ")) {
            locales.put(tag, TEXT);
        }
        MessageTemplate template = new MessageTemplate("en", locales);

        assertThat(template.localeFor(Optional.ofNullable(user).map(Locale::forLanguageTag))).isEqualTo(expected);
    }

    @Test
    void shouldRequireTextsInTheDefaultLocaleAndLanguageTagsAsKeys() {
        assertThatThrownBy(() -> new MessageTemplate("fr", Map.of("en", TEXT)))
                .hasMessage("the default locale 'fr' has no texts; the locales are en");
        assertThatThrownBy(() -> new MessageTemplate("en", Map.of("en", TEXT, "en_GB", TEXT)))
                .hasMessage("'en_GB' is not a language tag such as en or de-DE");
    }
}
