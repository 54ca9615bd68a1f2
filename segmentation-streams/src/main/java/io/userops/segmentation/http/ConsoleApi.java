package io.userops.segmentation.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The operations console: a static page under {@code /console/} (Chart.js from its webjar under
 * {@code /webjars/}), and {@code GET /v1/console/campaigns}, the trigger service's campaigns with their stats,
 * fetched here so that the browser talks to one origin. Everything else the page shows it reads from this
 * service's own API.
 */
public final class ConsoleApi {

    public static final String PAGE = "/console/";
    private static final Duration TRIGGER_TIMEOUT = Duration.ofSeconds(3);

    private final Optional<URI> trigger;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TRIGGER_TIMEOUT).build();

    private ConsoleApi(Optional<URI> trigger) {
        this.trigger = trigger;
    }

    /** @param trigger the trigger service's base URL; empty when there is none to show campaigns from */
    public static void routes(JavalinConfig config, Optional<URI> trigger) {
        ConsoleApi api = new ConsoleApi(trigger);
        config.staticFiles.add(files -> {
            files.hostedPath = "/console";
            files.directory = "/console";
            files.location = Location.CLASSPATH;
        });
        config.staticFiles.enableWebjars();
        config.routes.get("/", ctx -> ctx.redirect(PAGE));
        config.routes.get("/v1/console/campaigns", api::campaigns);
    }

    private void campaigns(Context ctx) throws InterruptedException {
        if (trigger.isEmpty()) {
            ctx.status(404).json(new ApiError("no_trigger_service", "this segmentation service was started without "
                    + "a trigger service to show campaigns from (USEROPS_CONSOLE_TRIGGER_URL)").toJson(json));
            return;
        }
        try {
            JsonNode listed = get("/v1/campaigns");
            ObjectNode body = json.createObjectNode().put("trigger", trigger.get().toString());
            body.set("guard", listed.path("guard"));
            ArrayNode campaigns = body.putArray("campaigns");
            // The trigger's list carries each campaign's stats, summed over its instances: one request per refresh.
            listed.path("campaigns").forEach(campaigns::add);
            ctx.json(body);
        } catch (IOException e) {
            ctx.status(502).json(new ApiError("trigger_unreachable", "the trigger service at " + trigger.get()
                    + " did not answer: " + e.getMessage()).toJson(json));
        }
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(trigger.get().resolve(path))
                .timeout(TRIGGER_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + answer.statusCode());
        }
        return json.readTree(answer.body());
    }
}
