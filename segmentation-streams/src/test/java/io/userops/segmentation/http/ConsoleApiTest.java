package io.userops.segmentation.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConsoleApiTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private Javalin server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void shouldServeThePageItsScriptsAndTheChartLibraryItNamesFromThisServiceAlone() throws Exception {
        start(Optional.empty());

        HttpResponse<String> page = get("/console/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        Matcher sources = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(page.body());
        int local = 0;
        while (sources.find()) {
            String source = sources.group(1);
            if (source.startsWith("data:")) {
                continue;
            }
            assertThat(source).as("no other host at run time").startsWith("/");
            HttpResponse<String> asset = get(source);
            assertThat(asset.statusCode()).as(source).isEqualTo(200);
            assertThat(asset.body()).as(source).isNotBlank();
            local++;
        }
        assertThat(local).as("chart.js, the page's script and its style sheet").isEqualTo(3);
        assertThat(page.body()).contains("/webjars/chart.js/");
        assertThat(get("/webjars/chart.js/4.4.7/dist/chart.umd.js").body()).contains("Chart.js v4.4.7");
    }

    @Test
    void shouldRedirectTheRootToTheConsole() throws Exception {
        start(Optional.empty());
        HttpResponse<String> root = get("/");
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("location")).hasValueSatisfying(l -> assertThat(l).endsWith("/console/"));
    }

    @Test
    void shouldAnswer404NamingTheSettingWhenNoTriggerServiceIsConfigured() throws Exception {
        start(Optional.empty());
        HttpResponse<String> answer = get("/v1/console/campaigns");
        assertThat(answer.statusCode()).isEqualTo(404);
        JsonNode error = json.readTree(answer.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("no_trigger_service");
        assertThat(error.path("message").asText()).contains("USEROPS_CONSOLE_TRIGGER_URL");
    }

    @Test
    void shouldAnswer502NamingTheTriggerServiceWhenItDoesNotAnswer() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        URI trigger = URI.create("http://127.0.0.1:" + closed);
        start(Optional.of(trigger));
        HttpResponse<String> answer = get("/v1/console/campaigns");
        assertThat(answer.statusCode()).isEqualTo(502);
        JsonNode error = json.readTree(answer.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("trigger_unreachable");
        assertThat(error.path("message").asText()).contains(trigger.toString());
        assertThat(get("/console/").statusCode()).as("the rest of the console goes on").isEqualTo(200);
    }

    @Test
    void shouldPassOnTheTriggersCampaignsWithTheirStatsFromOneRequest() throws Exception {
        List<String> asked = new CopyOnWriteArrayList<>();
        HttpServer trigger = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        trigger.createContext("/", exchange -> {
            asked.add(exchange.getRequestURI().getPath());
            byte[] body = ("{\"guard\":{\"holding\":false},\"campaigns\":[{\"id\":\"welcome\",\"counts\":{\"sent\":3},"
                    + "\"stats\":{\"campaignId\":\"welcome\",\"sent\":3,\"uplift\":null}}]}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        trigger.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + trigger.getAddress().getPort());
            start(Optional.of(url));

            JsonNode answer = json.readTree(get("/v1/console/campaigns").body());

            assertThat(answer.path("trigger").asText()).isEqualTo(url.toString());
            assertThat(answer.path("guard").path("holding").asBoolean(true)).isFalse();
            assertThat(answer.path("campaigns").get(0).path("stats").path("sent").asLong()).isEqualTo(3);
            assertThat(asked).containsExactly("/v1/campaigns");
        } finally {
            trigger.stop(0);
        }
    }

    private void start(Optional<URI> trigger) {
        server = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = "127.0.0.1";
            config.jetty.port = 0;
            ConsoleApi.routes(config, trigger);
        }).start();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
