package io.userops.trigger.template;

import com.github.mustachejava.Mustache;
import java.io.StringWriter;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A campaign's templates, compiled once at start-up and rendered for each user. Immutable and safe to
 * share between stream threads; rendering reads nothing from disk.
 *
 * <p>The locale is chosen from the user's locale: the exact tag ({@code de-DE}), else its language and
 * script or region alone ({@code zh-Hant}, {@code de-AT}), else its language ({@code de}), else the
 * campaign's default locale.
 */
public final class CampaignTemplates {

    private final String campaignId;
    private final String defaultLocale;
    private final Map<String, CompiledLocale> byLocale;
    private final Map<String, Object> campaignScope;

    private record CompiledLocale(String locale, Mustache subject, Mustache body) {
    }

    private CampaignTemplates(String campaignId, String defaultLocale, Map<String, CompiledLocale> byLocale,
            Map<String, Object> campaignScope) {
        this.campaignId = campaignId;
        this.defaultLocale = defaultLocale;
        this.byLocale = byLocale;
        this.campaignScope = campaignScope;
    }

    /**
     * Compiles every template of the campaign.
     *
     * @throws InvalidTemplateException on the first template that does not compile (naming campaign,
     *     locale, subject or body and the line of the campaign file), on a locale that is not a language
     *     tag or is listed twice, and when the default locale has no templates
     */
    public static CampaignTemplates compile(CampaignTemplateSource source) {
        String campaignId = source.campaignId();
        if (source.locales().isEmpty()) {
            throw new InvalidTemplateException(campaignId, null, null, 0, "the campaign has no templates", null);
        }
        Map<String, CompiledLocale> byLocale = new LinkedHashMap<>();
        for (LocaleTemplates templates : source.locales()) {
            String locale = LocaleTags.normalise(templates.locale());
            if (locale == null) {
                throw new InvalidTemplateException(campaignId, templates.locale(), null, 0,
                        "'" + templates.locale() + "' is not a language tag such as en, de-DE or pt_BR", null);
            }
            if (byLocale.containsKey(locale)) {
                throw new InvalidTemplateException(campaignId, templates.locale(), null, 0,
                        "locale " + locale + " has templates twice", null);
            }
            Mustache subject = templates.subject() == null ? null
                    : TemplateCompiler.compile(campaignId, templates.locale(), TemplatePart.SUBJECT,
                            templates.subject(), false);
            Mustache body = TemplateCompiler.compile(campaignId, templates.locale(), TemplatePart.BODY,
                    templates.body(), source.bodyFormat() == BodyFormat.HTML);
            byLocale.put(locale, new CompiledLocale(locale, subject, body));
        }
        String defaultLocale = LocaleTags.normalise(source.defaultLocale());
        if (defaultLocale == null || !byLocale.containsKey(defaultLocale)) {
            throw new InvalidTemplateException(campaignId, source.defaultLocale(), null, 0,
                    "the default locale '" + source.defaultLocale() + "' has no templates (locales: "
                            + String.join(", ", new TreeSet<>(byLocale.keySet())) + ")", null);
        }
        Map<String, Object> campaignScope = new HashMap<>();
        campaignScope.put("id", campaignId);
        campaignScope.put("name", source.campaignName());
        return new CampaignTemplates(campaignId, defaultLocale, Map.copyOf(byLocale),
                Collections.unmodifiableMap(campaignScope));
    }

    public String campaignId() {
        return campaignId;
    }

    /** The default locale, normalised ({@code en-GB}). */
    public String defaultLocale() {
        return defaultLocale;
    }

    /** The campaign's locales, normalised and sorted. */
    public Set<String> locales() {
        return Collections.unmodifiableSet(new TreeSet<>(byLocale.keySet()));
    }

    /**
     * The campaign locale for a user's locale ({@code de-DE}, {@code de_DE}, {@code DE-de}...): the exact
     * tag, else language and script, else language and region, else language, else the default. Null, blank and ill-formed user
     * locales get the default.
     */
    public String chooseLocale(String userLocale) {
        for (String candidate : LocaleTags.fallbacks(userLocale)) {
            if (byLocale.containsKey(candidate)) {
                return candidate;
            }
        }
        return defaultLocale;
    }

    /**
     * Renders the subject (when the locale has one) and the body for one user. A name the scope lacks
     * renders as empty text; rendering does not fail on the user's data.
     */
    public RenderedMessage render(String userLocale, TemplateScope user) {
        CompiledLocale templates = byLocale.get(chooseLocale(userLocale));
        Map<String, Object> scope = scope(user);
        String subject = templates.subject() == null ? null : run(templates.subject(), scope);
        return new RenderedMessage(templates.locale(), subject, run(templates.body(), scope));
    }

    private Map<String, Object> scope(TemplateScope user) {
        Map<String, Object> userScope = new HashMap<>(4);
        userScope.put("id", user.userId());
        userScope.put("stage", user.stage());
        Map<String, Object> scope = new HashMap<>(8);
        scope.put("user", userScope);
        scope.put("campaign", campaignScope);
        scope.put("traits", user.traits());
        scope.put("computed", user.computed());
        return scope;
    }

    private static String run(Mustache template, Map<String, Object> scope) {
        StringWriter out = new StringWriter(256);
        template.execute(out, scope);
        return out.toString();
    }
}
