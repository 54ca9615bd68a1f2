package io.userops.deploy.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a Grafana dashboard's PromQL queries use, and which of them a set of Prometheus scrapes lacks:
 * a dashboard that names a metric no service exposes shows "No data" without any error.
 */
public final class DashboardMetrics {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** PromQL functions, aggregations and keywords, and the Grafana query functions: identifiers that are not metrics. */
    private static final Set<String> NOT_METRICS = Set.of(
            // aggregations
            "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk",
            "quantile", "limitk", "limit_ratio",
            // keywords and binary operators
            "by", "without", "on", "ignoring", "group_left", "group_right", "offset", "bool", "and", "or", "unless",
            "atan2", "start", "end", "inf", "nan",
            // functions
            "abs", "absent", "absent_over_time", "ceil", "changes", "clamp", "clamp_max", "clamp_min",
            "day_of_month", "day_of_week", "day_of_year", "days_in_month", "delta", "deriv", "exp", "floor",
            "histogram_avg", "histogram_count", "histogram_fraction", "histogram_quantile", "histogram_stddev",
            "histogram_stdvar", "histogram_sum", "double_exponential_smoothing", "holt_winters", "hour", "idelta",
            "increase", "info", "irate", "label_join", "label_replace", "ln", "log2", "log10", "minute", "month",
            "predict_linear", "rate", "resets", "round", "scalar", "sgn", "sort", "sort_desc", "sort_by_label",
            "sort_by_label_desc", "sqrt", "time", "timestamp", "vector", "year",
            "avg_over_time", "min_over_time", "max_over_time", "sum_over_time", "count_over_time",
            "quantile_over_time", "stddev_over_time", "stdvar_over_time", "last_over_time", "present_over_time",
            "mad_over_time", "acos", "acosh", "asin", "asinh", "atan", "atanh", "cos", "cosh", "sin", "sinh", "tan",
            "tanh", "deg", "rad", "pi",
            // Grafana template variable queries
            "label_values", "label_names", "metrics", "query_result");

    /** String literals: label values, label_replace's arguments, regular expressions. */
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    /** Grafana variables: $name, ${name} or ${name:format}, [[name]]. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{[^}]*}|\\$\\w+|\\[\\[[^\\]]*]]");
    /** Label matchers {...} and ranges, subqueries [5m], [1h:1m]. */
    private static final Pattern MATCHERS_AND_RANGES = Pattern.compile("\\{[^}]*}|\\[[^\\]]*]");
    /** The label lists of by (...), without (...), on (...), ignoring (...), group_left (...), group_right (...). */
    private static final Pattern LABEL_LIST =
            Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    /** label_values(metric, label) keeps its metric; label_values(label) has none. */
    private static final Pattern LABEL_VALUES = Pattern.compile("\\blabel_values\\s*\\(([^(),]*)(,[^()]*)?\\)");
    /** A number or duration (0.99, 1e3, 5m, 0x1f) as one token, or an identifier. */
    private static final Pattern TOKEN = Pattern.compile("[0-9][0-9a-zA-Z_.]*|[a-zA-Z_:][a-zA-Z0-9_:]*");
    /** The name of a sample line of the Prometheus text format. */
    private static final Pattern SAMPLE_NAME = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ \\t]");

    private DashboardMetrics() {
    }

    /** Every metric name the expr of a target of any panel, rows' nested panels included, refers to. */
    public static Set<String> metricNames(Path dashboardJson) {
        try {
            Set<String> names = new TreeSet<>();
            collect(JSON.readTree(dashboardJson.toFile()), names);
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void collect(JsonNode parent, Set<String> names) {
        for (JsonNode panel : parent.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                names.addAll(names(target.path("expr").asText("")));
            }
            collect(panel, names);
        }
    }

    /** The metric names one PromQL expression refers to. */
    static Set<String> names(String expr) {
        String rest = STRING.matcher(expr).replaceAll(" ");
        rest = VARIABLE.matcher(rest).replaceAll(" ");
        rest = MATCHERS_AND_RANGES.matcher(rest).replaceAll(" ");
        rest = LABEL_LIST.matcher(rest).replaceAll("$1 ");
        rest = LABEL_VALUES.matcher(rest)
                .replaceAll(m -> m.group(2) == null ? " " : Matcher.quoteReplacement(" (" + m.group(1) + ") "));
        Set<String> names = new TreeSet<>();
        Matcher token = TOKEN.matcher(rest);
        while (token.find()) {
            String t = token.group();
            if (!Character.isDigit(t.charAt(0)) && !NOT_METRICS.contains(t)) {
                names.add(t);
            }
        }
        return names;
    }

    /** The names no sample of any of the scrapes (Prometheus text format) has exactly. */
    public static Set<String> missing(Set<String> names, String... prometheusScrapes) {
        Set<String> exposed = new TreeSet<>();
        for (String scrape : prometheusScrapes) {
            for (String line : scrape.split("\\R")) {
                Matcher sample = SAMPLE_NAME.matcher(line);
                if (sample.find()) {
                    exposed.add(sample.group(1));
                }
            }
        }
        Set<String> missing = new TreeSet<>(names);
        missing.removeAll(exposed);
        return missing;
    }
}
