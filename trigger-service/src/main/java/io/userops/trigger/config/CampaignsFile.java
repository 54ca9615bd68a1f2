package io.userops.trigger.config;

import io.userops.rules.segments.InvalidExpressionException;
import io.userops.rules.segments.SegmentExpression;
import io.userops.rules.yaml.HumanDuration;
import io.userops.rules.yaml.InvalidRulesFileException;
import io.userops.rules.yaml.RulesFileText;
import io.userops.rules.yaml.YamlNode.Mapping;
import io.userops.rules.yaml.YamlNode.Scalar;
import io.userops.rules.yaml.YamlTreeReader;
import io.userops.trigger.campaign.Campaign;
import io.userops.trigger.campaign.CampaignSettings;
import io.userops.trigger.campaign.Campaigns;
import io.userops.trigger.campaign.CapPeriod;
import io.userops.trigger.campaign.Channel;
import io.userops.trigger.campaign.ConversionGoal;
import io.userops.trigger.campaign.FrequencyCap;
import io.userops.trigger.campaign.LocalizedMessage;
import io.userops.trigger.campaign.MessageTemplate;
import io.userops.trigger.campaign.QuietHours;
import io.userops.trigger.campaign.ReEligibility;
import io.userops.trigger.campaign.TemplateText;
import io.userops.trigger.campaign.Trigger;
import io.userops.trigger.config.FileNode.Section;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Loads campaigns and their global settings from a YAML file; the format is documented in docs/campaigns.md and
 * shown by {@value #DEFAULTS} on the classpath. Any problem fails the whole file with an
 * {@link InvalidRulesFileException} naming the file, the line, the setting's path (campaigns numbered from 0, as
 * {@code campaigns[1].delay}) and the reason.
 */
public final class CampaignsFile {

    public static final String DEFAULTS = "campaigns-default.yaml";

    private static final List<String> TOP = List.of("settings", "campaigns");
    private static final List<String> SETTINGS = List.of("defaultTimeZone", "quietHours", "frequencyCaps");
    private static final List<String> CAP = List.of("max", "per", "channel");
    private static final List<String> CAMPAIGN = List.of("id", "name", "trigger", "audience", "delay", "recheck",
            "channel", "fallback", "priority", "reEligibleAfter", "conversion", "holdoutPercent", "message");
    private static final List<String> TRIGGER = List.of("transition", "segmentEntered", "segmentExited", "tagAdded");
    private static final List<String> TRANSITION = List.of("from", "to");
    private static final List<String> CONVERSION = List.of("stage", "event", "within");
    private static final List<String> MESSAGE = List.of("defaultLocale", "locales");
    private static final List<String> TEXTS = List.of("subject", "body");
    private static final Pattern BLOCK_SCALAR_START = Pattern.compile(".*:\\s*[|>][-+0-9]*\\s*(#.*)?");
    private static final String CHANNELS = Arrays.stream(Channel.values()).map(Enum::name)
            .collect(Collectors.joining(", "));

    private final String file;
    private final String[] lines;

    private CampaignsFile(String file, String yaml) {
        this.file = file;
        this.lines = yaml.split("\\R", -1);
    }

    /** The example campaigns of {@value #DEFAULTS}, on the classpath. */
    public static Campaigns defaults() {
        return parse(RulesFileText.resource(DEFAULTS), DEFAULTS);
    }

    /**
     * @throws InvalidRulesFileException when the file is missing or unreadable, or as for {@link #parse}
     */
    public static Campaigns load(Path file) {
        return parse(RulesFileText.read(file), file.toString());
    }

    /**
     * @param fileName names the source in error messages
     * @throws InvalidRulesFileException naming the file, line, path and reason of the first problem
     */
    public static Campaigns parse(String yaml, String fileName) {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(fileName, "fileName");
        Mapping root = YamlTreeReader.read(yaml, fileName);
        return new CampaignsFile(fileName, yaml).campaigns(new FileNode(fileName, "", root.line(), root));
    }

    private Campaigns campaigns(FileNode root) {
        Section top = root.section(TOP, "settings and campaigns");
        CampaignSettings settings = top.optional("settings").map(this::settings).orElse(CampaignSettings.none());
        FileNode list = top.optional("campaigns").orElseThrow(() -> new InvalidRulesFileException(file,
                root.line(), YamlTreeReader.ROOT, "no campaigns: key; list the campaigns under campaigns:", null));
        List<Campaign> campaigns = new ArrayList<>();
        Map<String, Integer> idLines = new HashMap<>();
        for (FileNode item : list.items("a list of campaigns (- id: ...)")) {
            Campaign campaign = campaign(item);
            FileNode id = item.section(CAMPAIGN, "a campaign").required("id", "the campaign");
            Integer first = idLines.putIfAbsent(campaign.id(), id.line());
            if (first != null) {
                throw id.fail("campaign id '" + campaign.id() + "' is used twice (first on line " + first
                        + "); keep one");
            }
            campaigns.add(campaign);
        }
        return new Campaigns(settings, campaigns);
    }

    private CampaignSettings settings(FileNode node) {
        Section settings = node.section(SETTINGS, "a section with " + String.join(", ", SETTINGS));
        ZoneId zone = settings.optional("defaultTimeZone").map(this::zone).orElse(ZoneOffset.UTC);
        Optional<QuietHours> quietHours = settings.optional("quietHours")
                .map(q -> q.build(() -> QuietHours.parse(q.text("quiet hours such as 21:00-08:00"))));
        List<FrequencyCap> caps = new ArrayList<>();
        for (FileNode item : settings.optional("frequencyCaps")
                .map(c -> c.items("a list of caps such as - {max: 2, per: day}")).orElse(List.of())) {
            Section cap = item.section(CAP, "a cap such as {max: 2, per: day, channel: EMAIL}");
            FileNode max = cap.required("max", "the cap");
            int maxMessages = max.wholeNumber("a whole number of messages");
            if (maxMessages < 1) {
                throw max.fail("a cap allows at least 1 message, but is " + maxMessages
                        + "; leave a channel out of its campaigns instead");
            }
            FileNode per = cap.required("per", "the cap");
            CapPeriod period = switch (per.text("day or week")) {
                case "day" -> CapPeriod.DAY;
                case "week" -> CapPeriod.WEEK;
                default -> throw per.fail("unknown period '" + per.text("day or week")
                        + "'; a cap counts per day or per week (calendar days and weeks from Monday, in the user's"
                        + " time zone)");
            };
            caps.add(new FrequencyCap(cap.optional("channel").map(this::channel), maxMessages, period));
        }
        return new CampaignSettings(caps, quietHours, zone);
    }

    private ZoneId zone(FileNode node) {
        String id = node.text("a time zone such as Europe/Berlin");
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw node.fail("unknown time zone '" + id + "'; use an IANA time zone id such as Europe/Berlin or UTC");
        }
    }

    private Campaign campaign(FileNode node) {
        Section campaign = node.section(CAMPAIGN, "a campaign with id, name, trigger, channel and message");
        FileNode idNode = campaign.required("id", "the campaign");
        String id = idNode.text("an id such as at_risk_nudge");
        if (!Campaign.ID.matcher(id).matches()) {
            throw idNode.fail("campaign id '" + id + "' must be 1-64 characters of a-z, 0-9, _ and -");
        }
        String name = campaign.required("name", "the campaign").text("a name");
        Trigger trigger = trigger(campaign.required("trigger", "the campaign"));
        Optional<SegmentExpression> audience = campaign.optional("audience").map(this::expression);
        Duration delay = campaign.optional("delay").map(FileNode::duration).orElse(Duration.ZERO);
        Optional<SegmentExpression> recheck = campaign.optional("recheck").map(this::expression);
        FileNode channelNode = campaign.required("channel", "the campaign");
        Channel channel = channel(channelNode);
        List<Channel> fallbacks = new ArrayList<>();
        for (FileNode item : campaign.optional("fallback").map(f -> f.items("a list of channels such as [EMAIL]"))
                .orElse(List.of())) {
            Channel fallback = channel(item);
            if (fallback == channel) {
                throw item.fail("fallback channel " + fallback + " is the main channel; list other channels");
            }
            if (fallbacks.contains(fallback)) {
                throw item.fail("fallback channel " + fallback + " is listed twice");
            }
            fallbacks.add(fallback);
        }
        int priority = campaign.optional("priority").map(p -> p.wholeNumber("a whole number; higher decides first"))
                .orElse(0);
        ReEligibility reEligibility = campaign.optional("reEligibleAfter").map(this::reEligibility)
                .orElse(ReEligibility.never());
        Optional<ConversionGoal> conversion = campaign.optional("conversion").map(this::conversion);
        double holdout = campaign.optional("holdoutPercent").map(this::holdout).orElse(0.0);
        boolean mayEmail = channel == Channel.EMAIL || fallbacks.contains(Channel.EMAIL);
        MessageTemplate template = message(campaign.required("message", "the campaign"), mayEmail);
        return node.build(() -> new Campaign(id, name, trigger, audience, delay, recheck, channel, fallbacks,
                template, priority, reEligibility, conversion, holdout));
    }

    private Trigger trigger(FileNode node) {
        Section trigger = node.section(TRIGGER, "a trigger: one of " + String.join(", ", TRIGGER));
        List<String> kinds = TRIGGER.stream().filter(trigger::has).toList();
        if (kinds.size() != 1) {
            throw node.fail((kinds.isEmpty() ? "no trigger" : "more than one trigger (" + String.join(", ", kinds)
                    + ")") + "; set one of " + String.join(", ", TRIGGER));
        }
        String kind = kinds.get(0);
        FileNode value = trigger.required(kind, "the trigger");
        switch (kind) {
            case "transition": {
                Section transition = value.section(TRANSITION, "a section with from, to or both");
                Optional<String> from = transition.optional("from").map(this::stage);
                Optional<String> to = transition.optional("to").map(this::stage);
                return value.build(() -> new Trigger.Transition(from, to));
            }
            case "segmentEntered":
                return value.build(() -> new Trigger.SegmentEntered(value.text("a segment name")));
            case "segmentExited":
                return value.build(() -> new Trigger.SegmentExited(value.text("a segment name")));
            default:
                return value.build(() -> new Trigger.TagAdded(value.text("a tag name")));
        }
    }

    private String stage(FileNode node) {
        String stage = node.text("a lifecycle stage such as AT_RISK");
        if (!SegmentExpression.STAGES.contains(stage)) {
            throw node.fail("unknown stage '" + stage + "'; the stages are "
                    + String.join(", ", SegmentExpression.STAGES));
        }
        return stage;
    }

    private Channel channel(FileNode node) {
        String name = node.text("a channel: " + CHANNELS);
        try {
            return Channel.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw node.fail("unknown channel '" + name + "'; the channels are " + CHANNELS);
        }
    }

    private ReEligibility reEligibility(FileNode node) {
        String text = node.text("never, or a duration such as 30d");
        if (text.equals("never")) {
            return ReEligibility.never();
        }
        try {
            return ReEligibility.after(HumanDuration.parse(text));
        } catch (IllegalArgumentException e) {
            throw node.fail("expected never, or a duration: " + e.getMessage());
        }
    }

    private ConversionGoal conversion(FileNode node) {
        Section conversion = node.section(CONVERSION, "a goal such as {stage: ENGAGED, within: 14d}");
        if (conversion.has("stage") == conversion.has("event")) {
            throw node.fail("set one goal: stage (a lifecycle stage to reach) or event (an event name to perform)");
        }
        FileNode within = conversion.required("within", "the conversion goal");
        Duration window = within.duration();
        if (window.compareTo(ConversionGoal.MAX_WINDOW) > 0) {
            throw within.fail("a conversion window is at most 90d, but is " + HumanDuration.format(window));
        }
        if (conversion.has("stage")) {
            return new ConversionGoal.ReachStage(stage(conversion.required("stage", "the goal")), window);
        }
        FileNode event = conversion.required("event", "the goal");
        String name = event.text("an event name such as Order Completed");
        return event.build(() -> new ConversionGoal.PerformEvent(name, window));
    }

    private double holdout(FileNode node) {
        double percent = node.number("a percentage from 0 to 50, such as 10 or 2.5");
        if (!(percent >= 0 && percent <= Campaign.MAX_HOLDOUT_PERCENT)) {
            throw node.fail("the holdout is 0 to 50 percent, but is " + node.text("a number"));
        }
        return percent;
    }

    private MessageTemplate message(FileNode node, boolean mayEmail) {
        Section message = node.section(MESSAGE, "a section with defaultLocale and locales");
        FileNode localesNode = message.required("locales", "the message");
        Map<String, LocalizedMessage> locales = new LinkedHashMap<>();
        for (FileNode locale : localesNode.entries("a section of locales such as en: {subject: ..., body: ...}")) {
            String tag = locale.key();
            if (!MessageTemplate.isLanguageTag(tag)) {
                throw locale.fail("'" + tag + "' is not a language tag such as en or de-DE");
            }
            Section texts = locale.section(TEXTS, "a section with subject and body");
            Optional<TemplateText> subject = texts.optional("subject").map(this::templateText);
            if (subject.isEmpty() && mayEmail) {
                throw locale.fail("the campaign may send email, so each locale needs a subject");
            }
            locales.put(tag, new LocalizedMessage(subject, templateText(texts.required("body", "locale " + tag))));
        }
        if (locales.isEmpty()) {
            throw localesNode.fail("no locales; give the texts in at least one locale");
        }
        Optional<FileNode> defaultNode = message.optional("defaultLocale");
        String defaultLocale = defaultNode.map(d -> d.text("a locale such as en"))
                .orElse(locales.keySet().iterator().next());
        if (!locales.containsKey(defaultLocale)) {
            throw defaultNode.orElseThrow().fail("the default locale '" + defaultLocale + "' has no texts; the"
                    + " locales are " + String.join(", ", locales.keySet()));
        }
        return new MessageTemplate(defaultLocale, locales);
    }

    private TemplateText templateText(FileNode node) {
        Scalar scalar = node.scalar("text");
        String text = node.text("text");
        return new TemplateText(text, isBlockScalar(scalar) ? scalar.line() + 1 : scalar.line());
    }

    private SegmentExpression expression(FileNode node) {
        Scalar scalar = node.scalar("an expression such as stage == AT_RISK");
        String source = node.text("an expression such as stage == AT_RISK");
        try {
            return SegmentExpression.parse(source);
        } catch (InvalidExpressionException e) {
            int line = scalar.line() + (isBlockScalar(scalar) ? e.line() : e.line() - 1);
            String where = source.strip().indexOf('\n') >= 0
                    ? "line " + e.line() + ", column " + e.column()
                    : "column " + e.column();
            throw new InvalidRulesFileException(file, line, node.path(), "invalid expression, " + where + ": "
                    + e.reason(), e);
        }
    }

    /** A {@code |} or {@code >} block keeps its text from the next line on; the scalar's line is the key's. */
    private boolean isBlockScalar(Scalar scalar) {
        return scalar.line() <= lines.length
                && BLOCK_SCALAR_START.matcher(lines[scalar.line() - 1].toLowerCase(Locale.ROOT)).matches();
    }
}
