package io.userops.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.userops.trigger.measure.CampaignStats;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.junit.jupiter.api.Test;

class CampaignOutcomeMetersTest {

    @Test
    void shouldScrapeEachCampaignsOutcomesFromItsStatsAtEachScrape() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        AtomicReference<CampaignStats> welcome = new AtomicReference<>(CampaignStats.EMPTY);
        CampaignOutcomeMeters.bindTo(registry, List.of("welcome", "win_back"),
                id -> id.equals("welcome") ? welcome.get() : CampaignStats.EMPTY);
        welcome.set(new CampaignStats(20, 2, new TreeMap<>(Map.of("cap", 3L)), 15, 14,
                new TreeMap<>(Map.of("bounced", 1L)), 6, 5, 1));

        String scrape = registry.scrape();

        assertThat(scrape).contains(
                "userops_campaign_outcomes_total{campaign=\"welcome\",outcome=\"triggered\"} 20",
                "userops_campaign_outcomes_total{campaign=\"welcome\",outcome=\"held_out\"} 2",
                "userops_campaign_outcomes_total{campaign=\"welcome\",outcome=\"sent\"} 15",
                "userops_campaign_outcomes_total{campaign=\"welcome\",outcome=\"delivered\"} 14",
                "userops_campaign_outcomes_total{campaign=\"welcome\",outcome=\"converted\"} 7",
                "userops_campaign_outcomes_total{campaign=\"welcome\",outcome=\"failed\"} 1",
                "userops_campaign_outcomes_total{campaign=\"welcome\",outcome=\"skipped\"} 3",
                "userops_campaign_outcomes_total{campaign=\"win_back\",outcome=\"sent\"} 0");
    }

    @Test
    void shouldKeepScrapingWhenTheStatsAreNotQueryableYet() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        CampaignOutcomeMeters.bindTo(registry, List.of("welcome"), id -> {
            throw new InvalidStateStoreException("rebalancing");
        });

        assertThat(registry.scrape()).contains("userops_campaign_outcomes_total{campaign=\"welcome\",outcome=\"sent\"} NaN");
    }
}
