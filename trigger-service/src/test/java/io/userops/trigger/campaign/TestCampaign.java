package io.userops.trigger.campaign;

import io.userops.rules.segments.SegmentExpression;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Campaigns for tests: an email welcome on ACTIVATED for everyone, changed one setting at a time. */
final class TestCampaign {

    private String id = "welcome";
    private Trigger trigger = Trigger.Transition.to("ACTIVATED");
    private Optional<SegmentExpression> audience = Optional.empty();
    private Duration delay = Duration.ZERO;
    private Optional<SegmentExpression> recheck = Optional.empty();
    private Channel channel = Channel.EMAIL;
    private List<Channel> fallbacks = List.of();
    private Map<String, LocalizedMessage> locales = new LinkedHashMap<>(Map.of("en", english()));
    private String defaultLocale = "en";
    private int priority;
    private ReEligibility reEligibility = ReEligibility.never();
    private Optional<ConversionGoal> conversion = Optional.empty();
    private double holdoutPercent;

    static TestCampaign campaign(String id) {
        TestCampaign c = new TestCampaign();
        c.id = id;
        return c;
    }

    private static LocalizedMessage english() {
        return new LocalizedMessage(Optional.of(new TemplateText("Hello", 0)), new TemplateText("Hello {{name}}", 0));
    }

    TestCampaign trigger(Trigger value) {
        trigger = value;
        return this;
    }

    TestCampaign audience(String expression) {
        audience = Optional.of(SegmentExpression.parse(expression));
        return this;
    }

    TestCampaign delay(Duration value) {
        delay = value;
        return this;
    }

    TestCampaign recheck(String expression) {
        recheck = Optional.of(SegmentExpression.parse(expression));
        return this;
    }

    TestCampaign channel(Channel value, Channel... fallback) {
        channel = value;
        fallbacks = List.of(fallback);
        return this;
    }

    TestCampaign locale(String tag) {
        locales.put(tag, english());
        return this;
    }

    TestCampaign priority(int value) {
        priority = value;
        return this;
    }

    TestCampaign reEligibleAfter(Duration value) {
        reEligibility = ReEligibility.after(value);
        return this;
    }

    TestCampaign conversion(ConversionGoal goal) {
        conversion = Optional.of(goal);
        return this;
    }

    TestCampaign holdout(double percent) {
        holdoutPercent = percent;
        return this;
    }

    Campaign build() {
        return new Campaign(id, "Campaign " + id, trigger, audience, delay, recheck, channel, fallbacks,
                new MessageTemplate(defaultLocale, locales), priority, reEligibility, conversion, holdoutPercent);
    }
}
