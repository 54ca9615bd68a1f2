package io.userops.trigger.template;

import io.userops.trigger.campaign.TemplateText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** A template that does not compile stops the start-up with the campaign, locale, part, file line and reason. */
class TemplateCompileErrorTest {

    /** The body starts on line 20 of the campaign file, so line N of the template is line 19 + N of the file. */
    private static InvalidTemplateException bodyError(String body) {
        CampaignTemplateSource source = new CampaignTemplateSource("winback", "Win back", "de", BodyFormat.HTML,
                List.of(new LocaleTemplates("de", new TemplateText("Hallo", 19), new TemplateText(body, 20))));
        return catchThrowableOfType(InvalidTemplateException.class, () -> CampaignTemplates.compile(source));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            unclosed section          | Hi\\n{{#traits.vip}}\\nVIP                  | 21 | section 'traits.vip' is never closed
            end tag of another section| Hi\\n\\n{{#a}}x{{/b}}                     | 22 | section 'a' is closed by the end tag of 'b'
            end tag never opened      | Hi\\n{{/traits.name}}                     | 21 | 'traits.name' is closed but was never opened
            nested sections crossed   | {{#a}}{{^b}}\\n{{/a}}{{/b}}               | 21 | section 'b' is closed by the end tag of 'a'
            unclosed variable         | Hi {{traits.name\\nthere                  | 20 | a tag is not closed
            unclosed triple mustache  | Hi\\n{{{traits.name}}                     | 21 | tag 'traits.name' is not closed
            empty tag                 | Hi\\n\\n\\n{{}}                           | 23 | empty tag
            bad delimiter change      | {{=<%=}}                                  | 20 | invalid delimiter change
            partial                   | Hi\\n{{> footer}}                         | 21 | partial '{{>footer}}': templates are self-contained
            parent template           | {{< layout}}{{/layout}}                   | 20 | parent template '{{<layout}}'
            """)
    void shouldNameTheFileLineAndTheReasonOfEachSyntaxError(String kind, String body, int fileLine, String reason) {
        InvalidTemplateException error = bodyError(body.replace("\\n", "\n"));

        assertThat(error).as(kind).isNotNull();
        assertThat(error.campaignId()).isEqualTo("winback");
        assertThat(error.locale()).isEqualTo("de");
        assertThat(error.part()).isEqualTo(TemplatePart.BODY);
        assertThat(error.line()).as(kind).isEqualTo(fileLine);
        assertThat(error.reason()).as(kind).startsWith(reason);
        assertThat(error).hasMessageStartingWith("campaign 'winback', locale 'de', body, line " + fileLine + ": " + reason);
        assertThat(error.getMessage()).as("no mustache.java location left in the message").doesNotContain("@[");
    }

    @Test
    void shouldNameTheSubjectAndItsLocaleWhenTheSubjectIsWrong() {
        CampaignTemplateSource source = new CampaignTemplateSource("winback", null, "en", BodyFormat.TEXT, List.of(
                new LocaleTemplates("en", new TemplateText("Hi", 4), new TemplateText("Body", 5)),
                new LocaleTemplates("pt_BR", new TemplateText("Oi {{#user.id}}", 9), new TemplateText("Corpo", 10))));

        assertThatThrownBy(() -> CampaignTemplates.compile(source))
                .isInstanceOf(InvalidTemplateException.class)
                .hasMessage("campaign 'winback', locale 'pt_BR', subject, line 9: section 'user.id' is never closed");
    }

    @Test
    void shouldKeepTheReasonCleanWhateverTheCampaignIsCalled() {
        CampaignTemplateSource source = new CampaignTemplateSource("win back: 2 in a row", null, "en", BodyFormat.TEXT,
                List.of(new LocaleTemplates("en", null, new TemplateText("a\n{{#x}}{{/y}}", 7))));

        assertThatThrownBy(() -> CampaignTemplates.compile(source)).hasMessage(
                "campaign 'win back: 2 in a row', locale 'en', body, line 8: section 'x' is closed by the end tag of 'y'");
    }

    @Test
    void shouldRefuseALocaleThatIsNotALanguageTag() {
        assertThatThrownBy(() -> Campaigns.locales("en", "en", "english please"))
                .isInstanceOf(InvalidTemplateException.class)
                .hasMessage("campaign 'welcome', locale 'english please': 'english please' is not a language tag "
                        + "such as en, de-DE or pt_BR");
    }

    @Test
    void shouldRefuseTheSameLocaleWrittenTwoWays() {
        assertThatThrownBy(() -> Campaigns.locales("en", "en", "de-DE", "de_de"))
                .isInstanceOf(InvalidTemplateException.class)
                .hasMessage("campaign 'welcome', locale 'de_de': locale de-DE has templates twice");
    }

    @Test
    void shouldRefuseADefaultLocaleWithoutTemplates() {
        InvalidTemplateException error = catchThrowableOfType(InvalidTemplateException.class,
                () -> Campaigns.locales("fr", "en", "de"));

        assertThat(error).hasMessage("campaign 'welcome', locale 'fr': the default locale 'fr' has no templates "
                + "(locales: de, en)");
        assertThat(error.part()).isNull();
        assertThat(error.line()).isZero();
    }

    @Test
    void shouldRefuseACampaignWithoutTemplates() {
        assertThatThrownBy(() -> CampaignTemplates.compile(
                new CampaignTemplateSource("empty", null, "en", BodyFormat.TEXT, List.of())))
                .hasMessage("campaign 'empty': the campaign has no templates");
    }

    @Test
    void shouldCompileADelimiterChangeAndAComment() {
        CampaignTemplates templates = Campaigns.oneLocale(BodyFormat.TEXT, null,
                "{{! a note for authors\nover two lines }}Hi {{=<% %>=}}<% traits.name %>");

        assertThat(templates.render("en", new TemplateScope("u1", null,
                java.util.Map.of("name", "Ana"), null)).body()).isEqualTo("Hi Ana");
    }
}
