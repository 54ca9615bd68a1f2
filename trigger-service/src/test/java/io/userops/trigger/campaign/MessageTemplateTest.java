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

    @Test
    void shouldRequireTextsInTheDefaultLocaleAndLanguageTagsAsKeys() {
        assertThatThrownBy(() -> new MessageTemplate("fr", Map.of("en", TEXT)))
                .hasMessage("the default locale 'fr' has no texts; the locales are en");
        assertThatThrownBy(() -> new MessageTemplate("en", Map.of("en", TEXT, "en_GB", TEXT)))
                .hasMessage("'en_GB' is not a language tag such as en or de-DE");
    }
}
