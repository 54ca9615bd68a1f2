package io.userops.trigger.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.userops.trigger.campaign.Channel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What a compiled template writes for a user: names, missing names, lists, maps, numbers and escaping. */
class TemplateRenderTest {

    private static final Map<String, Object> TRAITS = Map.of(
            "name", "Ana",
            "address", Map.of("city", "Berlin", "geo", Map.of("zip", "10115")),
            "interests", List.of("running", "jazz"),
            "vip", false,
            "nickname", "",
            "credits", 0);
    private static final Map<String, Object> COMPUTED = Map.of(
            "orders", 3.0,
            "revenue", 129.5,
            "lastSeenAt", Instant.parse("2026-03-02T09:00:00Z"),
            "eventCounts30d", Map.of("Order Completed", 3, "Product Viewed", 41));
    private static final TemplateScope ANA = new TemplateScope("u-42", "DORMANT", TRAITS, COMPUTED);

    private static String body(BodyFormat format, String template, TemplateScope scope) {
        return Campaigns.oneLocale(format, null, template).render("en", scope).body();
    }

    private static String text(String template) {
        return body(BodyFormat.TEXT, template, ANA);
    }

    @Test
    void shouldResolveDottedNamesThroughNestedTraitsUserAndCampaign() {
        assertThat(text("{{traits.name}} in {{traits.address.city}} {{traits.address.geo.zip}}"))
                .isEqualTo("Ana in Berlin 10115");
        assertThat(text("{{user.id}} is {{user.stage}} for {{campaign.id}} ({{campaign.name}})"))
                .isEqualTo("u-42 is DORMANT for winback (Win back)");
        assertThat(text("{{computed.orders}} orders, {{computed.revenue}} spent, last {{computed.lastSeenAt}}"))
                .isEqualTo("3 orders, 129.5 spent, last 2026-03-02T09:00:00Z");
    }

    @Test
    void shouldRenderAbsentNamesAsEmptyText() {
        assertThat(text("[{{traits.age}}|{{traits.address.street}}|{{traits.nothing.below}}|{{nope}}|{{computed.x.y.z}}]"))
                .isEqualTo("[||||]");
        assertThat(body(BodyFormat.HTML, "Hi {{traits.name}}!", new TemplateScope("u1", null, null, null)))
                .isEqualTo("Hi !");
    }

    @Test
    void shouldWriteTheDefaultWhenATraitIsMissingOrEmpty() {
        String template = "Hi {{#traits.name}}{{traits.name}}{{/traits.name}}{{^traits.name}}there{{/traits.name}}";
        Map<String, Object> emptyName = Map.of("name", "");
        Map<String, Object> nullName = new HashMap<>();
        nullName.put("name", null);

        assertThat(text(template)).isEqualTo("Hi Ana");
        assertThat(body(BodyFormat.TEXT, template, new TemplateScope("u1", null, Map.of(), null))).isEqualTo("Hi there");
        assertThat(body(BodyFormat.TEXT, template, new TemplateScope("u1", null, emptyName, null))).isEqualTo("Hi there");
        assertThat(body(BodyFormat.TEXT, template, new TemplateScope("u1", null, nullName, null))).isEqualTo("Hi there");
    }

    @Test
    void shouldTreatFalseAndEmptyAsFalseyButZeroAsAValue() {
        assertThat(text("{{#traits.vip}}VIP{{/traits.vip}}{{^traits.vip}}regular{{/traits.vip}}")).isEqualTo("regular");
        assertThat(text("{{^traits.nickname}}no nickname{{/traits.nickname}}")).isEqualTo("no nickname");
        assertThat(text("{{#traits.credits}}{{traits.credits}} credits{{/traits.credits}}")).isEqualTo("0 credits");
    }

    @Test
    void shouldWriteAListAsItsItemsAndIterateItInASection() {
        assertThat(text("Likes {{traits.interests}}.")).isEqualTo("Likes running, jazz.");
        assertThat(text("{{#traits.interests}}<{{.}}>{{/traits.interests}}")).isEqualTo("<running><jazz>");
    }

    @Test
    void shouldWriteNothingForAMapButLetItsFieldsBeNamedOrEntered() {
        assertThat(text("[{{traits.address}}]")).isEqualTo("[]");
        assertThat(text("{{#traits.address}}{{city}}, {{geo.zip}}{{/traits.address}}")).isEqualTo("Berlin, 10115");
        assertThat(text("{{computed.eventCounts30d.Product Viewed}} views")).isEqualTo("41 views");
    }

    @Test
    void shouldNotCallMethodsOfTheValues() {
        assertThat(text("[{{traits.name.length}}|{{traits.name.bytes}}|{{traits.size}}|{{traits.class}}]"))
                .isEqualTo("[|||]");
    }

    @Test
    void shouldNotInterpretMustacheTagsInsideTheUsersData() {
        TemplateScope sneaky = new TemplateScope("u1", null, Map.of("name", "{{user.id}} {{#x}}"), null);

        assertThat(body(BodyFormat.TEXT, "Hi {{traits.name}}", sneaky)).isEqualTo("Hi {{user.id}} {{#x}}");
    }

    @Test
    void shouldEscapeHtmlInAnHtmlBodyOnly() {
        TemplateScope markup = new TemplateScope("u1", null, Map.of("name", "<b>Tom & Jerry</b>"), null);
        CampaignTemplates email = Campaigns.oneLocale(BodyFormat.HTML, "Hi {{traits.name}}",
                "<p>Hi {{traits.name}}, raw: {{{traits.name}}}</p>");

        RenderedMessage message = email.render("en", markup);

        assertThat(message.body()).isEqualTo("<p>Hi &lt;b&gt;Tom &amp; Jerry&lt;/b&gt;, raw: <b>Tom & Jerry</b></p>");
        assertThat(message.subject()).as("a subject is a header, never HTML").isEqualTo("Hi <b>Tom & Jerry</b>");
    }

    @Test
    void shouldEscapeDataThatAlreadyLooksLikeAnEntity() {
        TemplateScope entity = new TemplateScope("u1", null, Map.of("name", "&amp; &lt;"), null);

        assertThat(body(BodyFormat.HTML, "{{traits.name}}", entity)).isEqualTo("&amp;amp; &amp;lt;");
    }

    @ParameterizedTest
    @EnumSource(value = Channel.class, names = {"SMS", "PUSH", "WEBHOOK"})
    void shouldWriteValuesAsTheyAreForTextChannels(Channel channel) {
        TemplateScope markup = new TemplateScope("u1", null, Map.of("name", "<b>Tom & Jerry</b> \"x\""), null);

        assertThat(BodyFormat.forChannel(channel)).isEqualTo(BodyFormat.TEXT);
        assertThat(body(BodyFormat.forChannel(channel), "Hi {{traits.name}}", markup))
                .isEqualTo("Hi <b>Tom & Jerry</b> \"x\"");
    }

    @Test
    void shouldTreatEmailBodiesAsHtml() {
        assertThat(BodyFormat.forChannel(Channel.EMAIL)).isEqualTo(BodyFormat.HTML);
    }

    @Test
    void shouldLeaveTheSubjectNullWhenTheLocaleHasNone() {
        RenderedMessage sms = Campaigns.oneLocale(BodyFormat.TEXT, null, "Code {{user.id}}").render("en", ANA);

        assertThat(sms).isEqualTo(new RenderedMessage("en", null, "Code u-42"));
    }

    @Test
    void shouldRenderTheSameTextFromManyThreadsAtOnce() throws Exception {
        CampaignTemplates templates = Campaigns.oneLocale(BodyFormat.HTML, "Hi {{traits.name}}",
                "{{#traits.interests}}{{.}};{{/traits.interests}}{{traits.address.city}} {{user.id}}");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<RenderedMessage>> renders = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String userId = "u" + i;
                renders.add(pool.submit(() -> templates.render("en", new TemplateScope(userId, null, TRAITS, null))));
            }
            for (int i = 0; i < renders.size(); i++) {
                assertThat(renders.get(i).get().body()).isEqualTo("running;jazz;Berlin u" + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
