package io.userops.trigger.template;

import io.userops.trigger.campaign.TemplateText;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.DefaultMustacheVisitor;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheVisitor;
import com.github.mustachejava.TemplateContext;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.Writer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * mustache.java set up for campaign templates: one factory per escaping, shared (compiled templates are
 * immutable and thread-safe), names resolved through maps only, and no partials: a template is the whole
 * text the campaign file gives, never a file looked up on disk.
 */
final class TemplateCompiler {

    private static final DefaultMustacheFactory HTML = factory(true);
    private static final DefaultMustacheFactory TEXT = factory(false);

    private static final Pattern NOT_CLOSED = Pattern.compile("Failed to close '(.*)' tag");
    private static final Pattern CLOSED_UNOPENED = Pattern.compile("Mismatched start/end tags: null != (.*)");
    private static final Pattern MISMATCHED = Pattern.compile("Mismatched start/end tags: (.*) != (.*)");
    private static final Pattern UNCLOSED_TAG = Pattern.compile("Improperly closed variable(?:: (.*))?");
    private static final Pattern LOCATION = Pattern.compile("( in template:\\d+(@\\d+)?)?( @\\[template:\\d+])?$");

    private TemplateCompiler() {
    }

    /**
     * Compiles one template.
     *
     * @throws InvalidTemplateException naming the campaign, locale, part and file line of the first error
     */
    static Mustache compile(String campaignId, String locale, TemplatePart part, TemplateText template,
            boolean escapeHtml) {
        DefaultMustacheFactory factory = escapeHtml ? HTML : TEXT;
        try {
            // The location in errors is ours to write; mustache.java's own is "template:<line>" and is cut.
            return factory.compile(new StringReader(template.text()), "template");
        } catch (MustacheException e) {
            TemplateContext where = e.getContext();
            int lineInTemplate = where == null ? 1 : Math.max(1, where.line());
            throw new InvalidTemplateException(campaignId, locale, part, Math.max(1, template.line()) + lineInTemplate - 1,
                    reason(e.getMessage()), e);
        }
    }

    /** mustache.java's message without its location, in words a campaign author reads. */
    static String reason(String message) {
        String bare = LOCATION.matcher(message == null ? "" : message).replaceFirst("");
        Matcher m = NOT_CLOSED.matcher(bare);
        if (m.matches()) {
            return "section '" + m.group(1) + "' is never closed";
        }
        m = CLOSED_UNOPENED.matcher(bare);
        if (m.matches()) {
            return "'" + m.group(1) + "' is closed but was never opened";
        }
        m = MISMATCHED.matcher(bare);
        if (m.matches()) {
            return "section '" + m.group(1) + "' is closed by the end tag of '" + m.group(2) + "'";
        }
        m = UNCLOSED_TAG.matcher(bare);
        if (m.matches()) {
            return m.group(1) == null ? "a tag is not closed" : "tag '" + m.group(1) + "' is not closed";
        }
        if (bare.startsWith("Empty mustache")) {
            return "empty tag";
        }
        if (bare.startsWith("Invalid delimiter string")) {
            return "invalid delimiter change (write it as {{=<% %>=}})";
        }
        return bare;
    }

    private static DefaultMustacheFactory factory(boolean escapeHtml) {
        DefaultMustacheFactory factory = new DefaultMustacheFactory() {
            @Override
            public void encode(String value, Writer writer) {
                if (escapeHtml) {
                    super.encode(value, writer);
                    return;
                }
                try {
                    writer.write(value);
                } catch (IOException e) {
                    throw new MustacheException("failed to write a value", e);
                }
            }

            @Override
            public MustacheVisitor createMustacheVisitor() {
                return new SelfContainedVisitor(this);
            }

            @Override
            public Reader getReader(String resourceName) {
                throw new MustacheException("templates are self-contained: nothing is read from '" + resourceName + "'");
            }
        };
        factory.setObjectHandler(new ScopeObjectHandler());
        return factory;
    }

    /** Refuses partials and template inheritance where they are written, so the error has a line. */
    private static final class SelfContainedVisitor extends DefaultMustacheVisitor {

        SelfContainedVisitor(DefaultMustacheFactory factory) {
            super(factory);
        }

        @Override
        public void partial(TemplateContext tc, String variable, String indent) {
            throw refused("partial '{{>" + variable + "}}'", tc);
        }

        @Override
        public void dynamicPartial(TemplateContext tc, String variable, String indent) {
            throw refused("dynamic partial '{{>*" + variable + "}}'", tc);
        }

        @Override
        public void extend(TemplateContext tc, String variable, Mustache mustache) {
            throw refused("parent template '{{<" + variable + "}}'", tc);
        }

        private static MustacheException refused(String what, TemplateContext tc) {
            return new MustacheException(what + ": templates are self-contained and include no other template", tc);
        }
    }
}
