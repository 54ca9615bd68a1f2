package io.userops.trigger.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.userops.rules.yaml.InvalidRulesFileException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One case per kind of problem: each names the file, the line, the setting's path and the reason. */
class CampaignsFileErrorsTest {

    static final String FILE = "campaigns.yaml";

    /** A valid file; the cases change a line, or add campaign keys from line 12 on. */
    static final String VALID = """
            campaigns:
              - id: nudge
                name: Nudge
                trigger:
                  transition:
                    to: AT_RISK
                channel: PUSH
                message:
                  locales:
                    en:
                      body: Hi
            """;

    static String with(String campaignLines) {
        return VALID + campaignLines.stripIndent().lines().map(l -> "    " + l + "\n").reduce("", String::concat);
    }

    static String replacing(String line, String by) {
        if (!VALID.contains(line)) {
            throw new IllegalArgumentException(line);
        }
        return VALID.replace(line, by);
    }

    static String settings(String settingsLines) {
        return "settings:\n" + settingsLines.stripIndent().lines().map(l -> "  " + l + "\n")
                .reduce("", String::concat) + VALID;
    }

    static Stream<Arguments> problems() {
        return Stream.of(
                arguments("invalid YAML", replacing("    name: Nudge", "   name: Nudge"), 3, "campaigns.id",
                        "invalid YAML"),
                arguments("unknown top-level key", "campaign: []\n", 1, "campaign",
                        "unknown key 'campaign'; the file holds settings, campaigns"),
                arguments("no campaigns", "settings:\n  quietHours: 21:00-08:00\n", 1, "(root)",
                        "no campaigns: key; list the campaigns under campaigns:"),
                arguments("campaigns not a list", "campaigns: welcome\n", 1, "campaigns",
                        "expected a list of campaigns (- id: ...), but got 'welcome'"),
                arguments("a campaign not a section", "campaigns:\n  - welcome\n", 2, "campaigns[0]",
                        "expected a campaign with id, name, trigger, channel and message, but got 'welcome'"),
                arguments("unknown campaign key", with("dealy: 2d"), 12, "campaigns[0].dealy",
                        "unknown key 'dealy'; campaigns[0] holds id, name, trigger, audience, delay, recheck,"
                                + " channel, fallback, priority, reEligibleAfter, conversion, holdoutPercent, message"),
                arguments("key without a value", with("delay:"), 12, "campaigns[0].delay",
                        "has no value; set one, or leave the key out"),
                arguments("missing id", replacing("  - id: nudge\n    name: Nudge", "  - name: Nudge"), 2,
                        "campaigns[0]", "the campaign has no id"),
                arguments("missing channel", replacing("    channel: PUSH\n", ""), 2, "campaigns[0]",
                        "the campaign has no channel"),
                arguments("missing message", VALID.substring(0, VALID.indexOf("    message:")), 2, "campaigns[0]",
                        "the campaign has no message"),
                arguments("invalid id", replacing("id: nudge", "id: Nudge Users"), 2, "campaigns[0].id",
                        "campaign id 'Nudge Users' must be 1-64 characters of a-z, 0-9, _ and -"),
                arguments("duplicate id", VALID + VALID.substring("campaigns:\n".length()), 12, "campaigns[1].id",
                        "campaign id 'nudge' is used twice (first on line 2); keep one"),
                arguments("no trigger kind", replacing("      transition:\n        to: AT_RISK", "      {}"), 4,
                        "campaigns[0].trigger",
                        "no trigger; set one of transition, segmentEntered, segmentExited, tagAdded"),
                arguments("two trigger kinds", replacing("        to: AT_RISK", "        to: AT_RISK\n"
                        + "      segmentEntered: key_users"), 4, "campaigns[0].trigger",
                        "more than one trigger (transition, segmentEntered); set one of transition,"
                                + " segmentEntered, segmentExited, tagAdded"),
                arguments("unknown trigger kind", replacing("      transition:\n        to: AT_RISK",
                        "      signedUp: true"), 5, "campaigns[0].trigger.signedUp",
                        "unknown key 'signedUp'; campaigns[0].trigger holds transition, segmentEntered,"
                                + " segmentExited, tagAdded"),
                arguments("unknown stage", replacing("to: AT_RISK", "to: AT_RSK"), 6,
                        "campaigns[0].trigger.transition.to", "unknown stage 'AT_RSK'; the stages are NEW,"
                                + " ACTIVATED, ENGAGED, AT_RISK, DORMANT, CHURNED, RESURRECTED"),
                arguments("transition to itself", replacing("        to: AT_RISK",
                        "        from: AT_RISK\n        to: AT_RISK"), 5, "campaigns[0].trigger.transition",
                        "a transition from AT_RISK to itself never happens"),
                arguments("transition without stages", replacing("      transition:\n        to: AT_RISK",
                        "      transition: {}"), 5, "campaigns[0].trigger.transition",
                        "a transition trigger needs from, to or both"),
                arguments("segment name with spaces", replacing("      transition:\n        to: AT_RISK",
                        "      segmentEntered: key users"), 5, "campaigns[0].trigger.segmentEntered",
                        "a segment name is 1-128 characters without spaces, but is 'key users'"),
                arguments("invalid audience expression", with("audience: stage == AT_RSK"), 12,
                        "campaigns[0].audience", "invalid expression, column 10: unknown stage 'AT_RSK'"),
                arguments("invalid expression in a block", with("""
                        recheck: |
                          stage == AT_RISK
                            && tags has big_spender
                        """), 14, "campaigns[0].recheck", "invalid expression, line 2, column 15: expected a tag name in double quotes"),
                arguments("invalid delay", with("delay: 2 days"), 12, "campaigns[0].delay",
                        "'2 days' is not a valid duration (unexpected ' ' at position 2)"),
                arguments("zero delay", with("delay: 0s"), 12, "campaigns[0].delay",
                        "'0s' is not a valid duration (it is zero)"),
                arguments("unknown channel", replacing("channel: PUSH", "channel: MAIL"), 7, "campaigns[0].channel",
                        "unknown channel 'MAIL'; the channels are EMAIL, WEBHOOK, PUSH, SMS"),
                arguments("fallback is the main channel", with("fallback: [EMAIL, PUSH]"), 12,
                        "campaigns[0].fallback[1]", "fallback channel PUSH is the main channel; list other channels"),
                arguments("fallback twice", with("fallback: [SMS, SMS]"), 12, "campaigns[0].fallback[1]",
                        "fallback channel SMS is listed twice"),
                arguments("fallback not a list", with("fallback: EMAIL"), 12, "campaigns[0].fallback",
                        "expected a list of channels such as [EMAIL], but got 'EMAIL'"),
                arguments("priority not a whole number", with("priority: high"), 12, "campaigns[0].priority",
                        "expected a whole number; higher decides first, but got 'high'"),
                arguments("invalid re-eligibility", with("reEligibleAfter: sometimes"), 12,
                        "campaigns[0].reEligibleAfter",
                        "expected never, or a duration: 'sometimes' is not a valid duration"),
                arguments("holdout over 50%", with("holdoutPercent: 60"), 12, "campaigns[0].holdoutPercent",
                        "the holdout is 0 to 50 percent, but is 60"),
                arguments("negative holdout", with("holdoutPercent: -0.5"), 12, "campaigns[0].holdoutPercent",
                        "the holdout is 0 to 50 percent, but is -0.5"),
                arguments("holdout not a number", with("holdoutPercent: 10%"), 12, "campaigns[0].holdoutPercent",
                        "expected a percentage from 0 to 50, such as 10 or 2.5, but got '10%'"),
                arguments("conversion window over 90 days", with("""
                        conversion:
                          stage: ENGAGED
                          within: 120d
                        """), 14, "campaigns[0].conversion.within",
                        "a conversion window is at most 90d, but is 120d"),
                arguments("conversion with two goals", with("""
                        conversion:
                          stage: ENGAGED
                          event: Order Completed
                          within: 14d
                        """), 12, "campaigns[0].conversion",
                        "set one goal: stage (a lifecycle stage to reach) or event (an event name to perform)"),
                arguments("conversion to an unknown stage", with("""
                        conversion:
                          stage: ENGAGD
                          within: 14d
                        """), 13, "campaigns[0].conversion.stage", "unknown stage 'ENGAGD'"),
                arguments("conversion without a window", with("""
                        conversion:
                          event: Order Completed
                        """), 13, "campaigns[0].conversion", "the conversion goal has no within"),
                arguments("email without a subject", replacing("channel: PUSH", "channel: EMAIL"), 10,
                        "campaigns[0].message.locales.en",
                        "the campaign may send email, so each locale needs a subject"),
                arguments("email fallback without a subject", with("fallback: [EMAIL]"), 10,
                        "campaigns[0].message.locales.en",
                        "the campaign may send email, so each locale needs a subject"),
                arguments("locale that is no language tag", replacing("        en:", "        en_GB:"), 10,
                        "campaigns[0].message.locales.en_GB", "'en_GB' is not a language tag such as en or de-DE"),
                arguments("default locale without texts", replacing("      locales:",
                        "      defaultLocale: fr\n      locales:"), 9, "campaigns[0].message.defaultLocale",
                        "the default locale 'fr' has no texts; the locales are en"),
                arguments("locale without a body", replacing("          body: Hi", "          subject: Hi"), 11,
                        "campaigns[0].message.locales.en", "locale en has no body"),
                arguments("no locales", replacing("      locales:\n        en:\n          body: Hi",
                        "      locales: {}"), 9, "campaigns[0].message.locales",
                        "no locales; give the texts in at least one locale"),
                arguments("unknown setting", settings("quietHour: 21:00-08:00"), 2, "settings.quietHour",
                        "unknown key 'quietHour'; settings holds defaultTimeZone, quietHours, frequencyCaps"),
                arguments("unknown time zone", settings("defaultTimeZone: Europe/Berlim"), 2,
                        "settings.defaultTimeZone", "unknown time zone 'Europe/Berlim'; use an IANA time zone id"),
                arguments("invalid quiet hours", settings("quietHours: 9pm-8am"), 2, "settings.quietHours",
                        "'9pm-8am' is not quiet hours such as 21:00-08:00 (HH:mm-HH:mm)"),
                arguments("empty quiet hours", settings("quietHours: 21:00-21:00"), 2, "settings.quietHours",
                        "quiet hours from 21:00 to 21:00 are empty"),
                arguments("unknown cap period", settings("frequencyCaps:\n  - {max: 2, per: month}"), 3,
                        "settings.frequencyCaps[0].per", "unknown period 'month'; a cap counts per day or per week"),
                arguments("cap of zero", settings("frequencyCaps:\n  - {max: 0, per: day}"), 3,
                        "settings.frequencyCaps[0].max", "a cap allows at least 1 message, but is 0"),
                arguments("cap on an unknown channel", settings("frequencyCaps:\n  - {max: 1, per: day,"
                        + " channel: FAX}"), 3, "settings.frequencyCaps[0].channel",
                        "unknown channel 'FAX'; the channels are EMAIL, WEBHOOK, PUSH, SMS"),
                arguments("cap without a period", settings("frequencyCaps:\n  - max: 1"), 3,
                        "settings.frequencyCaps[0]", "the cap has no per"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("problems")
    void shouldRejectAProblemNamingFileLinePathAndReason(String problem, String yaml, int line, String path,
                                                        String reason) {
        Throwable thrown = catchThrowable(() -> CampaignsFile.parse(yaml, FILE));

        assertThat(thrown).as(problem).isInstanceOf(InvalidRulesFileException.class);
        InvalidRulesFileException e = (InvalidRulesFileException) thrown;
        assertThat(e.file()).isEqualTo(FILE);
        assertThat(e.reason()).as("reason").startsWith(reason);
        assertThat(e.path()).as("path").isEqualTo(path);
        assertThat(e.line()).as("line").isEqualTo(line);
        assertThat(e).hasMessage(FILE + ":" + line + ": " + path + ": " + e.reason());
    }
}
