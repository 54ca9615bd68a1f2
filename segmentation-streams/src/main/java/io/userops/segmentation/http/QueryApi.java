package io.userops.segmentation.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.userops.segmentation.identity.UserIdentities;
import io.userops.segmentation.lifecycle.Stage;
import io.userops.segmentation.lifecycle.Transition;
import io.userops.segmentation.lifecycle.UserLifecycle;
import io.userops.segmentation.profile.ProfileBuilder;
import io.userops.rules.segments.SegmentDefinition;
import io.userops.segmentation.streams.ErasureRequests;
import io.userops.segmentation.streams.LifecycleSettings;
import io.userops.segmentation.streams.MembershipCounts;
import io.userops.segmentation.tags.RfmPopulation;
import io.userops.streams.ServiceHttp;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The lifecycle query API. Any instance answers for any user: a lookup is forwarded to the instance
 * that owns the user's partition ({@code application.server}); counts are summed over all instances.
 */
public final class QueryApi {

    /** Set on forwarded requests, so that an instance answers from its own stores and never forwards again. */
    static final String FORWARDED = io.userops.streams.ServiceHttp.FORWARDED_HEADER;
    private static final Duration FORWARD_TIMEOUT = Duration.ofSeconds(5);

    private final Supplier<KafkaStreams> streams;
    private final Supplier<HostInfo> self;
    private final ObjectMapper json;
    private final LifecycleSettings.Memberships memberships;
    private final ProfileBuilder profiles;
    private final ErasureRequests erasures;
    private final Duration erasureSuppression;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(FORWARD_TIMEOUT).build();

    private QueryApi(Supplier<KafkaStreams> streams, Supplier<HostInfo> self, ObjectMapper json,
            LifecycleSettings.Memberships memberships, ErasureRequests erasures, Duration erasureSuppression) {
        this.erasures = erasures;
        this.erasureSuppression = erasureSuppression;
        this.streams = streams;
        this.self = self;
        this.json = json;
        this.memberships = memberships;
        this.profiles = new ProfileBuilder(memberships.profile());
    }

    /**
     * The routes, on a server not yet started, bound to {@code host:port}. {@code streams} may be empty
     * until Kafka Streams is created; {@code self} is this instance's {@code application.server};
     * {@code moreRoutes} adds the routes of the other APIs this server carries (ops, console).
     */
    public static Javalin create(Supplier<KafkaStreams> streams, String host, int port, Supplier<HostInfo> self,
                                 PrometheusMeterRegistry metrics, LifecycleSettings.Memberships memberships,
                                 ErasureRequests erasures, Duration erasureSuppression,
                                 Consumer<JavalinConfig> moreRoutes) {
        ObjectMapper json = new ObjectMapper();
        QueryApi api = new QueryApi(streams, self, json, memberships, erasures, erasureSuppression);
        return Javalin.create(config -> {
            ServiceHttp.base(config, host, port, api::ready, metrics);
            config.routes.get("/v1/users/{userId}", api::user);
            config.routes.delete("/v1/users/{userId}", api::erase);
            config.routes.get("/v1/lifecycle/stages", api::stages);
            config.routes.get("/v1/lifecycle/transitions", api::transitions);
            config.routes.get("/v1/lifecycle/transitions/per-minute", api::transitionsPerMinute);
            config.routes.get("/v1/segments", api::segments);
            config.routes.get("/v1/segments/{name}/users", api::segmentUsers);
            config.routes.get("/v1/tags/summary", api::tagSummary);
            moreRoutes.accept(config);
            config.routes.exception(InvalidStateStoreException.class, (e, ctx) -> api.error(ctx, 503, "not_ready",
                    "the lifecycle state is moving between instances (rebalance); retry shortly"));
            config.routes.exception(RemoteInstanceException.class, (e, ctx) -> api.error(ctx, 503,
                    "instance_unreachable", e.getMessage()));
        });
    }

    private void ready(Context ctx) {
        KafkaStreams current = streams.get();
        KafkaStreams.State state = current == null ? KafkaStreams.State.CREATED : current.state();
        ctx.status(state == KafkaStreams.State.RUNNING ? 200 : 503).json(Map.of("status", state.name()));
    }

    private void user(Context ctx) throws IOException, InterruptedException {
        String userId = ctx.pathParam("userId");
        LifecycleQueries queries = queries(ctx);
        Optional<KeyQueryMetadata> location = queries == null ? Optional.empty() : ownedHere(ctx, queries, userId, "GET");
        if (location.isEmpty()) {
            return;
        }
        Optional<LifecycleQueries.UserView> user = queries.user(userId, location.get());
        if (user.isEmpty()) {
            Optional<String> linked = queries.linkedTo(userId, location.get());
            if (linked.isPresent()) {
                error(ctx, 404, "identity_merged", "'" + userId + "' was linked to user '" + linked.get()
                        + "' and its profile merged there: ask for that user");
            } else {
                error(ctx, 404, "unknown_user", "no lifecycle state for user '" + userId + "'");
            }
            return;
        }
        ctx.json(userJson(user.get()));
    }

    private void stages(Context ctx) throws IOException, InterruptedException {
        LifecycleQueries queries = queries(ctx);
        if (queries == null) {
            return;
        }
        Map<String, Long> counts = new TreeMap<>();
        queries.stageCounts().forEach((stage, n) -> counts.put(stage.name(), n));
        int instances = 1;
        if (ctx.header(FORWARDED) == null) {
            for (HostInfo other : otherInstances()) {
                JsonNode remote = json.readTree(get(other, "/v1/lifecycle/stages").body()).path("stages");
                remote.fields().forEachRemaining(e -> counts.merge(e.getKey(), e.getValue().asLong(), Long::sum));
                instances++;
            }
        }
        ObjectNode body = json.createObjectNode();
        ObjectNode stages = body.putObject("stages");
        for (Stage stage : Stage.values()) {
            stages.put(stage.name(), counts.getOrDefault(stage.name(), 0L));
        }
        body.put("total", counts.values().stream().mapToLong(Long::longValue).sum());
        body.put("instances", instances);
        ctx.json(body);
    }

    private void transitions(Context ctx) throws IOException, InterruptedException {
        countsSince(ctx, "/v1/lifecycle/transitions", "transitions", LifecycleQueries::transitionCounts);
    }

    /** Transitions decided per minute (of processing time), summed over instances: the console's rate chart. */
    private void transitionsPerMinute(Context ctx) throws IOException, InterruptedException {
        countsSince(ctx, "/v1/lifecycle/transitions/per-minute", "minutes", LifecycleQueries::transitionsPerMinute);
    }

    private void countsSince(Context ctx, String path, String field,
            java.util.function.BiFunction<LifecycleQueries, Instant, Map<String, Long>> local)
            throws IOException, InterruptedException {
        Instant since;
        String sinceText = ctx.queryParam("since");
        try {
            since = sinceText == null ? Instant.now().minus(Duration.ofDays(1)) : parseInstant(sinceText);
        } catch (DateTimeParseException | NumberFormatException e) {
            error(ctx, 400, "invalid_since", "since must be an ISO-8601 instant (2026-03-01T00:00:00Z) or epoch "
                    + "milliseconds, was '" + sinceText + "'");
            return;
        }
        LifecycleQueries queries = queries(ctx);
        if (queries == null) {
            return;
        }
        Map<String, Long> counts = new TreeMap<>(local.apply(queries, since));
        if (ctx.header(FORWARDED) == null) {
            for (HostInfo other : otherInstances()) {
                JsonNode remote = json.readTree(get(other, path + "?since=" + since.toEpochMilli()).body()).path(field);
                remote.fields().forEachRemaining(e -> counts.merge(e.getKey(), e.getValue().asLong(), Long::sum));
            }
        }
        ObjectNode body = json.createObjectNode();
        body.put("since", since.toString());
        ObjectNode pairs = body.putObject(field);
        counts.forEach(pairs::put);
        ctx.json(body);
    }

    /**
     * Where the user's partition is, when this instance owns it; otherwise the request was answered here: 503
     * while no instance owns it, else forwarded to the owner (once) with the same method and its answer relayed.
     */
    private Optional<KeyQueryMetadata> ownedHere(Context ctx, LifecycleQueries queries, String userId, String method)
            throws IOException, InterruptedException {
        Optional<KeyQueryMetadata> location = queries.locate(userId);
        if (location.isEmpty()) {
            error(ctx, 503, "not_ready", "no instance owns the user's partition yet (starting or rebalancing); retry shortly");
            return Optional.empty();
        }
        HostInfo owner = location.get().activeHost();
        if (owner.equals(self.get())) {
            return location;
        }
        if (ctx.header(FORWARDED) != null) {
            error(ctx, 503, "not_ready", "ownership of the user moved while the request was forwarded; retry");
            return Optional.empty();
        }
        HttpResponse<String> answer = send(owner, method, "/v1/users/"
                + URLEncoder.encode(userId, StandardCharsets.UTF_8).replace("+", "%20"));
        ctx.status(answer.statusCode()).contentType("application/json").result(answer.body());
        return Optional.empty();
    }

    /**
     * Erases a user (or any id) from every store and compacted topic, through the topology, and answers with a
     * receipt: what the owning instance held before, once it holds nothing (200), or after 15 s with the
     * erasure still under way (202). The id's events are dropped for the suppression period.
     */
    private void erase(Context ctx) throws Exception {
        String userId = ctx.pathParam("userId");
        LifecycleQueries queries = queries(ctx);
        Optional<KeyQueryMetadata> location = queries == null ? Optional.empty() : ownedHere(ctx, queries, userId, "DELETE");
        if (location.isEmpty()) {
            return;
        }
        LifecycleQueries.Holdings before = queries.holdings(userId, location.get());
        String requestId = java.util.UUID.randomUUID().toString();
        Instant requestedAt = Instant.now();
        Instant suppressUntil = requestedAt.plus(erasureSuppression);
        erasures.request(userId, requestId, requestedAt, suppressUntil).get(10, java.util.concurrent.TimeUnit.SECONDS);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        boolean done = before.isEmpty();
        while (!done && System.nanoTime() < deadline) {
            Thread.sleep(100);
            done = queries.holdings(userId, location.get()).isEmpty();
        }
        ObjectNode receipt = json.createObjectNode();
        receipt.put("requestId", requestId);
        receipt.put("userId", userId);
        receipt.put("status", done ? "erased" : "pending");
        receipt.put("requestedAt", requestedAt.toString());
        ObjectNode erased = receipt.putObject("erased");
        erased.put("lifecycle", before.lifecycle());
        erased.put("profile", before.profile());
        before.linkedIdentifiers().forEach(erased.putArray("linkedIdentifiers")::add);
        before.tags().forEach(erased.putArray("tags")::add);
        before.segments().forEach(erased.putArray("segments")::add);
        erased.put("linkedTo", before.linkedTo());
        receipt.putArray("tombstones").add(io.userops.schemas.topics.Topics.PROFILES.name());
        receipt.put("eventsDroppedUntil", suppressUntil.toString());
        receipt.put("notErasedHere", "records already in delete-policy topics (events, transitions, tag changes, "
                + "the routing topic) expire with their retention; dedup ids hold no user id and expire with the window");
        ctx.status(done ? 200 : 202).json(receipt);
    }

    /** Every defined segment with its size, summed over the instances. */
    private void segments(Context ctx) throws IOException, InterruptedException {
        Map<String, Long> sizes = summed(ctx, MembershipCounts.SEGMENT, "/v1/segments", "sizes");
        if (sizes == null) {
            return;
        }
        ObjectNode body = json.createObjectNode();
        ArrayNode list = body.putArray("segments");
        ObjectNode raw = body.putObject("sizes");
        for (SegmentDefinition segment : memberships.segments()) {
            long size = sizes.getOrDefault(segment.name(), 0L);
            list.addObject().put("name", segment.name()).put("description", segment.description())
                    .put("expression", segment.source()).put("size", size);
            raw.put(segment.name(), size);
        }
        ctx.json(body);
    }

    /** A page of a segment's members in user-id order: {@code ?limit=} (1-1000, 100) and {@code ?after=} a user id. */
    private void segmentUsers(Context ctx) throws IOException, InterruptedException {
        String name = ctx.pathParam("name");
        if (memberships.segments().stream().noneMatch(s -> s.name().equals(name))) {
            error(ctx, 404, "unknown_segment", "no segment named '" + name + "'; GET /v1/segments lists them");
            return;
        }
        int limit;
        try {
            limit = Integer.parseInt(Optional.ofNullable(ctx.queryParam("limit")).orElse("100"));
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > 1000) {
            error(ctx, 400, "invalid_limit", "limit must be a whole number from 1 to 1000, was '"
                    + ctx.queryParam("limit") + "'");
            return;
        }
        String after = ctx.queryParam("after");
        LifecycleQueries queries = queries(ctx);
        if (queries == null) {
            return;
        }
        java.util.TreeSet<String> users = new java.util.TreeSet<>(queries.segmentMembers(name, after, limit));
        if (ctx.header(FORWARDED) == null) {
            String query = "?limit=" + limit + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
            for (HostInfo other : otherInstances()) {
                json.readTree(get(other, "/v1/segments/" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "/users"
                        + query).body()).path("users").forEach(user -> users.add(user.asText()));
            }
        }
        List<String> page = users.stream().limit(limit).toList();
        ObjectNode body = json.createObjectNode();
        body.put("segment", name);
        page.forEach(body.putArray("users")::add);
        body.put("next", page.size() == limit ? page.get(page.size() - 1) : null);
        ctx.json(body);
    }

    /** Users per tag, the RFM grid, the value tiers (over every instance) and the Pareto figure (global). */
    private void tagSummary(Context ctx) throws IOException, InterruptedException {
        Map<String, Long> tags = summed(ctx, MembershipCounts.TAG, "/v1/tags/summary", "tags");
        if (tags == null) {
            return;
        }
        Map<String, Long> rfm = summed(ctx, MembershipCounts.RFM, "/v1/tags/summary", "rfm");
        LifecycleQueries queries = queries(ctx);
        if (rfm == null || queries == null) {
            return;
        }
        ObjectNode body = json.createObjectNode();
        ObjectNode tagCounts = body.putObject("tags");
        tags.forEach(tagCounts::put);
        ObjectNode grid = body.putObject("rfm");
        rfm.forEach(grid::put);
        ObjectNode tiers = body.putObject("valueTiers");
        for (String tier : List.of("key", "potential", "general", "occasional")) {
            tiers.put(tier, tags.getOrDefault("tier_" + tier, 0L));
        }
        RfmPopulation population = queries.rfmPopulation();
        ObjectNode pareto = body.putObject("pareto");
        pareto.put("purchasers", population.purchasers());
        pareto.put("totalRevenue", population.totalRevenue());
        double share = population.purchasers() == 0 ? Double.NaN : population.topShareOfRevenue(0.2);
        if (Double.isNaN(share)) {
            pareto.putNull("top20PercentShareOfRevenue");
        } else {
            pareto.put("top20PercentShareOfRevenue", share);
        }
        ctx.json(body);
    }

    /**
     * Local counts under {@code prefix}, plus, unless this request was forwarded, those of every other
     * instance (read from {@code field} of the same path there); null when an error was answered.
     */
    private Map<String, Long> summed(Context ctx, String prefix, String path, String field)
            throws IOException, InterruptedException {
        LifecycleQueries queries = queries(ctx);
        if (queries == null) {
            return null;
        }
        Map<String, Long> counts = new TreeMap<>(queries.membershipCounts(prefix));
        if (ctx.header(FORWARDED) == null) {
            for (HostInfo other : otherInstances()) {
                json.readTree(get(other, path).body()).path(field).fields()
                        .forEachRemaining(e -> counts.merge(e.getKey(), e.getValue().asLong(), Long::sum));
            }
        }
        return counts;
    }

    private static Instant parseInstant(String text) {
        return text.chars().allMatch(Character::isDigit) ? Instant.ofEpochMilli(Long.parseLong(text)) : Instant.parse(text);
    }

    private LifecycleQueries queries(Context ctx) {
        KafkaStreams current = streams.get();
        if (current == null || (current.state() != KafkaStreams.State.RUNNING
                && current.state() != KafkaStreams.State.REBALANCING)) {
            error(ctx, 503, "not_ready", "the segmentation service is "
                    + (current == null ? "starting" : current.state().name().toLowerCase()) + "; retry shortly");
            return null;
        }
        return new LifecycleQueries(current);
    }

    private List<HostInfo> otherInstances() {
        List<HostInfo> others = new ArrayList<>();
        for (StreamsMetadata metadata : streams.get().metadataForAllStreamsClients()) {
            if (!metadata.hostInfo().equals(self.get()) && metadata.hostInfo().port() > 0) {
                others.add(metadata.hostInfo());
            }
        }
        return others;
    }

    private HttpResponse<String> get(HostInfo host, String path) throws IOException, InterruptedException {
        return send(host, "GET", path);
    }

    private HttpResponse<String> send(HostInfo host, String method, String path) throws IOException, InterruptedException {
        URI uri = URI.create("http://" + host.host() + ":" + host.port() + path);
        Duration timeout = method.equals("DELETE") ? Duration.ofSeconds(30) : FORWARD_TIMEOUT;
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(timeout).header(FORWARDED, "1")
                            .method(method, HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new RemoteInstanceException("instance " + host.host() + ":" + host.port() + " did not answer: "
                    + e.getClass().getSimpleName());
        }
    }

    private ObjectNode userJson(LifecycleQueries.UserView view) {
        UserLifecycle user = view.lifecycle();
        ObjectNode body = json.createObjectNode();
        body.put("userId", user.userId());
        body.put("stage", user.stage().name());
        body.put("since", user.stageSince().toString());
        body.put("firstSeenAt", user.firstSeenAt().toString());
        body.put("lastActiveAt", user.lastActiveAt().toString());
        body.put("nextCheckAt", user.wakeAt() == null ? null : user.wakeAt().toString());
        ObjectNode counters = body.putObject("counters");
        counters.put("activityEvents", user.eventCount());
        counters.put("keyEventsCounted", user.earliestKeyEvents().size());
        counters.put("activeIntervalsRemembered", Long.bitCount(user.activeIntervals()));
        ArrayNode last = body.putArray("lastTransitions");
        for (Transition t : view.recentTransitions()) {
            ObjectNode item = last.addObject();
            item.put("transitionId", t.transitionId());
            item.put("from", t.from() == null ? null : t.from().name());
            item.put("to", t.to().name());
            item.put("reason", t.reason().code());
            item.put("at", t.at().toString());
            item.put("causeEventId", t.causeEventId());
            item.put("causeTimerAt", t.causeTimerAt() == null ? null : t.causeTimerAt().toString());
            item.put("correction", t.correction());
        }
        view.profile().ifPresent(stored -> {
            ObjectNode traits = body.putObject("traits");
            new TreeMap<>(stored.profile().traits()).forEach((name, trait) -> traits.set(name, json.valueToTree(trait.value())));
            ObjectNode computed = body.putObject("computedTraits");
            profiles.computed(stored.profile(), Instant.now()).asMap().forEach((name, value) ->
                    computed.set(name, json.valueToTree(value instanceof Instant at ? at.toString() : value)));
            stored.tags().forEach(body.putArray("tags")::add);
            stored.segments().forEach(body.putArray("segments")::add);
        });
        ObjectNode identities = body.putObject("identities");
        ArrayNode linked = identities.putArray("linked");
        view.identities().identifiers().forEach(linked::add);
        ArrayNode refused = identities.putArray("refused");
        for (UserIdentities.Refusal refusal : view.identities().refusals()) {
            refused.addObject().put("identifier", refusal.identifier()).put("reason", refusal.reason().code())
                    .put("at", refusal.at().toString());
        }
        return body;
    }

    private void error(Context ctx, int status, String code, String message) {
        ctx.status(status).json(new ApiError(code, message).toJson(json));
    }

    static final class RemoteInstanceException extends RuntimeException {
        RemoteInstanceException(String message) {
            super(message, null, false, false);
        }
    }
}
