package io.userops.deploy.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DashboardMetricsTest {

    /** Surefire runs in deploy/runtime. */
    static final Path DASHBOARD = Path.of("..", "grafana", "userops-dashboard.json");

    @Test
    void shouldTakeOnlyMetricNamesFromAnExpression() {
        assertThat(DashboardMetrics.names(
                "sum by (group) (userops_consumer_lag_records{group=~\"$group\", topic!=\"userops.events.v1\"})"))
                .containsExactly("userops_consumer_lag_records");
        assertThat(DashboardMetrics.names(
                "sum(rate(http_requests_total{status=\"500\"}[5m])) by (job) / sum(rate(http_requests_total[5m] offset 1h)) without (instance)"))
                .containsExactly("http_requests_total");
        assertThat(DashboardMetrics.names("histogram_quantile(0.99, sum by (le) (rate(x_bucket[5m])))"))
                .containsExactly("x_bucket");
        assertThat(DashboardMetrics.names(
                "sum(rate(a_total[$__rate_interval])) * 60 + on (job) group_left (stage) b_info * ignoring (x) c"))
                .containsExactly("a_total", "b_info", "c");
        assertThat(DashboardMetrics.names("max_over_time(foo[1h:5m]) > bool 1e3 and topk(${n}, clamp_min(deriv(job:g:rate5m[10m]), 0))"))
                .containsExactly("foo", "job:g:rate5m");
        assertThat(DashboardMetrics.names(
                "sum by (app) (label_replace(up, \"app\", \"$1\", \"thread_id\", \"(.+)-[0-9a-f-]{36}\"))"))
                .containsExactly("up");
        assertThat(DashboardMetrics.names("label_values(userops_consumer_lag_records{topic=\"t\"}, group)"))
                .containsExactly("userops_consumer_lag_records");
        assertThat(DashboardMetrics.names("label_values(group)")).isEmpty();
        assertThat(DashboardMetrics.names("$metric")).isEmpty();
    }

    @Test
    void shouldDescribeEveryPanelOfTheDashboardWithATitleAndAQuery() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        List<JsonNode> panels = new ArrayList<>();
        flatten(dashboard, panels);

        assertThat(dashboard.path("uid").asText()).isEqualTo("userops-overview");
        assertThat(dashboard.path("title").asText()).isEqualTo("UserOps");
        assertThat(dashboard.path("__inputs").findValuesAsText("name")).contains("DS_PROMETHEUS");
        assertThat(panels).filteredOn(p -> p.has("targets")).hasSizeGreaterThanOrEqualTo(15);
        assertThat(panels).allSatisfy(p -> {
            assertThat(p.path("title").asText()).as("panel %s", p.path("id")).isNotBlank();
            if (!p.path("type").asText().equals("row")) {
                assertThat(p.path("datasource").path("uid").asText()).as(p.path("title").asText())
                        .isEqualTo("${DS_PROMETHEUS}");
                assertThat(p.path("targets").findValuesAsText("expr")).as(p.path("title").asText())
                        .anySatisfy(expr -> assertThat(expr).isNotBlank());
            }
        });
    }

    @Test
    void shouldQueryOnlyMetricsTheServicesExpose() throws IOException {
        String[] scrapes = {scrape("ingest"), scrape("segmentation"), scrape("trigger")};
        Set<String> used = DashboardMetrics.metricNames(DASHBOARD);

        assertThat(used).contains("userops_consumer_lag_records", "userops_campaign_outcomes_total",
                "kafka_stream_thread_process_rate");
        assertThat(DashboardMetrics.missing(used, scrapes)).isEmpty();
        JsonNode variables = new ObjectMapper().readTree(DASHBOARD.toFile()).path("templating").path("list");
        for (JsonNode variable : variables) {
            assertThat(DashboardMetrics.missing(DashboardMetrics.names(variable.path("definition").asText()), scrapes))
                    .as(variable.path("name").asText()).isEmpty();
        }
    }

    @Test
    void shouldReportAMetricNoScrapeHasExactly() throws IOException {
        String[] scrapes = {scrape("ingest"), scrape("segmentation"), scrape("trigger")};

        assertThat(DashboardMetrics.missing(
                Set.of("userops_made_up_total", "userops_ingest_requests", "userops_delivery_pending"), scrapes))
                .containsExactly("userops_ingest_requests", "userops_made_up_total");
        assertThat(DashboardMetrics.missing(Set.of("a_total", "b", "c"),
                "# HELP a_total only described\n# TYPE a_total counter\nb{x=\"1\"} 1.0\nc 2.0\n"))
                .containsExactly("a_total");
    }

    private static void flatten(JsonNode parent, List<JsonNode> panels) {
        for (JsonNode panel : parent.path("panels")) {
            panels.add(panel);
            flatten(panel, panels);
        }
    }

    private static String scrape(String service) throws IOException {
        try (InputStream in = DashboardMetricsTest.class.getResourceAsStream("/grafana/scrape-" + service + ".txt")) {
            assertThat(in).as(service).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
