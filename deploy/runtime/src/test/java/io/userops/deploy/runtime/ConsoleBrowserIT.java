package io.userops.deploy.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.userops.deploy.FreePorts;
import io.userops.deploy.grafana.DashboardMetrics;
import io.userops.deploy.traffic.TrafficSimulator;
import io.userops.schemas.topics.Topics;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The console in a real browser (Debian's Chromium, driven by ChromeDriver) against the demo stack with its
 * traffic: every chart shows data, the page logs no error, and a screenshot lands in
 * {@code target/console/console.png}. The Grafana dashboard's metrics are checked against the same stack's
 * scrapes.
 */
class ConsoleBrowserIT {

    private static final String CHROMIUM = System.getenv().getOrDefault("USEROPS_CHROMIUM", "/usr/bin/chromium");
    private static final String CHROMEDRIVER =
            System.getenv().getOrDefault("USEROPS_CHROMEDRIVER", "/usr/bin/chromedriver");
    private static final List<String> CHARTS = List.of("pipeline", "stage-rates", "partition-lag", "lag-age", "stages",
            "transitions", "segments", "rfm", "tiers", "campaigns", "dead-letters");

    @TempDir
    Path home;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void shouldShowEveryChartWithDataFromTheDemoStackWithoutBrowserErrors() throws Exception {
        assertThat(new File(CHROMEDRIVER).canExecute()).as("ChromeDriver for the console test at " + CHROMEDRIVER
                + ": install Debian's chromium and chromium-driver (README, Tests), or set USEROPS_CHROMEDRIVER").isTrue();
        RuntimeConfig config = demoConfig();
        try (DevRuntime runtime = new DevRuntime(config).start()) {
            TrafficSimulator traffic = DemoTraffic.of(config);
            Thread playing = new Thread(() -> {
                try {
                    traffic.run(Long.MAX_VALUE, Duration.ofDays(1), Duration.ofSeconds(5), p -> { });
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "console-it-traffic");
            playing.setDaemon(true);
            playing.start();
            try {
                produceUnreadableEvent(runtime.bootstrapServers());
                String api = runtime.segmentationUrl();
                // The demo's pace: purchasers get value tiers and campaigns fire within about a minute.
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                    assertThat(get(api + "/v1/lifecycle/stages").path("total").asLong()).isPositive();
                    JsonNode tiers = get(api + "/v1/tags/summary").path("valueTiers");
                    assertThat(tiers.path("key").asLong() + tiers.path("potential").asLong()
                            + tiers.path("general").asLong() + tiers.path("occasional").asLong()).isPositive();
                    assertThat(get(api + "/v1/console/campaigns").path("campaigns").get(0).path("counts")
                            .path("triggered").asLong()).isPositive();
                    assertThat(get(api + "/v1/ops/dead-letters").path("deadLetters").size()).isPositive();
                });

                ChromeDriver browser = browser();
                try {
                    browser.get(runtime.consoleUrl());
                    Map<String, String> states = new LinkedHashMap<>();
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                        CHARTS.forEach(chart -> states.put(chart, state(browser, chart)));
                        assertThat(states).allSatisfy((chart, state) -> assertThat(state).startsWith("ready"));
                    });
                    int refreshes = refreshes(browser);
                    int pointsBefore = points(browser, "stage-rates");
                    await().atMost(Duration.ofSeconds(20)).until(() -> refreshes(browser) >= refreshes + 2);
                    assertThat(points(browser, "stage-rates")).as("the rate chart grows as readings arrive")
                            .isGreaterThan(pointsBefore);
                    assertThat(browser.findElements(By.cssSelector("#pipeline .stage"))).hasSize(4)
                            .extracting(WebElement::getText).anySatisfy(text -> assertThat(text).contains("Delivery"));
                    assertThat(browser.findElement(By.id("uplift")).getText()).contains("Welcome");
                    assertThat(browser.findElement(By.id("status")).getText()).contains("newest transition");

                    Path screenshot = Path.of("target", "console", "console.png");
                    Files.createDirectories(screenshot.getParent());
                    Files.write(screenshot, browser.getScreenshotAs(OutputType.BYTES));
                    List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                            .filter(entry -> entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                            .toList();
                    assertThat(errors).as("errors in the browser's console").isEmpty();
                } finally {
                    browser.quit();
                }

                Set<String> dashboard = DashboardMetrics.metricNames(Path.of("..", "grafana", "userops-dashboard.json"));
                assertThat(DashboardMetrics.missing(dashboard, scrape(runtime.ingestUrl()), scrape(api),
                        scrape(runtime.triggerUrl()))).as("dashboard metrics the running stack does not expose").isEmpty();
            } finally {
                traffic.stop();
            }
        }
    }

    private ChromeDriver browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // Without the background-networking flags Chromium keeps trying hosts this closed network refuses.
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1500,2600",
                "--user-data-dir=" + home.resolve("chromium").toAbsolutePath());
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static String state(ChromeDriver browser, String chart) {
        WebElement section = browser.findElement(By.cssSelector("[data-chart=\"" + chart + "\"]"));
        return section.getDomAttribute("data-state") + " (" + section.getDomAttribute("data-points") + " points: "
                + section.getDomAttribute("data-message") + ")";
    }

    private static int points(ChromeDriver browser, String chart) {
        return Integer.parseInt(browser.findElement(By.cssSelector("[data-chart=\"" + chart + "\"]"))
                .getDomAttribute("data-points"));
    }

    private static int refreshes(ChromeDriver browser) {
        Object count = ((JavascriptExecutor) browser).executeScript("return document.body.dataset.refreshes || '0';");
        return Integer.parseInt(String.valueOf(count));
    }

    /** A record no stage can read: the dead-letter chart has something to show. */
    private static void produceUnreadableEvent(String bootstrap) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.EVENTS.name(), "garbage".getBytes(StandardCharsets.UTF_8),
                    "not avro".getBytes(StandardCharsets.UTF_8))).get();
        }
    }

    private JsonNode get(String url) throws Exception {
        return json.readTree(http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private String scrape(String base) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private RuntimeConfig demoConfig() {
        Map<String, String> env = new HashMap<>();
        env.put("USEROPS_HOME", home.toString());
        for (String port : List.of("KAFKA", "CONTROLLER", "REGISTRY", "INGEST", "SEGMENTATION", "TRIGGER", "SMTP",
                "WEBHOOK")) {
            env.put("USEROPS_" + port + "_PORT", Integer.toString(FreePorts.next()));
        }
        env.put("USEROPS_PARTITIONS", "2");
        return RuntimeConfig.from(env, List.of("demo"));
    }
}
