package io.userops.trigger.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever JSON-like traits a user has, rendering completes and writes only the template's text and the data's. */
class TemplateRenderProperties {

    /** Names that are present, absent, nested below lists, below scalars and entered as sections. */
    private static final String TEMPLATE = "{{traits.a}}/{{traits.a.b}}/{{traits.b.c.a}}/{{traits.c}}/"
            + "{{#traits.a}}<{{.}}|{{b}}>{{/traits.a}}{{^traits.b}}none{{/traits.b}}/{{computed.a.b.c}}/{{x.y}}";
    private static final CampaignTemplates TEXT = Campaigns.oneLocale(BodyFormat.TEXT, null, TEMPLATE);
    private static final CampaignTemplates HTML = Campaigns.oneLocale(BodyFormat.HTML, null, "{{traits.s}}");
    private static final CampaignTemplates PLAIN = Campaigns.oneLocale(BodyFormat.TEXT, null, "{{traits.s}}");

    @Property
    void renderingWritesOnlyTemplateTextAndDataText(@ForAll("jsonObjects") Map<String, Object> traits,
            @ForAll("jsonObjects") Map<String, Object> computed) {
        String body = TEXT.render("en", new TemplateScope("u1", null, traits, computed)).body();

        // Data strings are lower-case letters, numbers are digits with '.' and '-': anything else, such as
        // the '{', '=' or '[' of a Map's or List's toString, or '@' of an identity hash, would be a leak.
        assertThat(body).matches("[a-z0-9 ,.\\-/<>|]*");
    }

    @Property
    void aTextBodyKeepsEveryCharacterAndAnHtmlBodyEscapesMarkup(@ForAll String value) {
        TemplateScope scope = new TemplateScope("u1", null, Map.of("s", value), null);

        assertThat(PLAIN.render("en", scope).body()).isEqualTo(value);
        String html = HTML.render("en", scope).body();
        assertThat(html).doesNotContain("<", ">", "\"");
        assertThat(unescape(html)).isEqualTo(value);
    }

    private static String unescape(String html) {
        return html.replaceAll("&#(\\d+);", "\u0000$1\u0000").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replace("&amp;", "&").transform(TemplateRenderProperties::numeric);
    }

    private static String numeric(String text) {
        StringBuilder out = new StringBuilder();
        String[] parts = text.split("\u0000", -1);
        for (int i = 0; i < parts.length; i++) {
            out.append(i % 2 == 0 ? parts[i] : new String(Character.toChars(Integer.parseInt(parts[i]))));
        }
        return out.toString();
    }

    @Provide
    Arbitrary<Map<String, Object>> jsonObjects() {
        Arbitrary<Object> scalar = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('a', 'z').ofMaxLength(5),
                Arbitraries.integers().between(-1000, 1000),
                Arbitraries.doubles().between(-1e6, 1e6).ofScale(3),
                Arbitraries.of(true, false),
                Arbitraries.just(null));
        Arbitrary<Object> list = scalar.list().ofMaxSize(3).map(items -> (Object) items);
        Arbitrary<Object> inner = Arbitraries.oneOf(scalar, list, asValue(object(Arbitraries.oneOf(scalar, list))));
        return object(Arbitraries.oneOf(inner, asValue(object(inner)), list));
    }

    private static Arbitrary<Map<String, Object>> object(Arbitrary<Object> values) {
        return Arbitraries.maps(Arbitraries.of("a", "b", "c"), values).ofMaxSize(3)
                .map(HashMap::new);
    }

    private static Arbitrary<Object> asValue(Arbitrary<Map<String, Object>> maps) {
        return maps.map(map -> map);
    }
}
