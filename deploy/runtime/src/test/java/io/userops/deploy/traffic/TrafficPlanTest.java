package io.userops.deploy.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.userops.ingest.IngestService;
import io.userops.ingest.events.EventNormalizer;
import io.userops.ingest.events.EventTime;
import io.userops.ingest.events.Limits;
import io.userops.ingest.source.Source;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrafficPlanTest {

    static final Instant START = Instant.parse("2026-10-01T00:00:00Z");
    static final Instant END = START.plus(Duration.ofDays(60));
    final ObjectMapper json = new ObjectMapper();

    @Test
    void shouldProduceOnlyEventsTheIngestRulesAccept() {
        EventNormalizer normalizer = new EventNormalizer(IngestService.jsonMapper(), Limits.SEGMENT, EventTime.FUTURE_TOLERANCE);
        EventNormalizer.RequestContext request = new EventNormalizer.RequestContext(Source.client("sim"), END, null, true, null);

        List<ObjectNode> events = play(7, 200).events;

        assertThat(events).hasSizeGreaterThan(2_000);
        assertThat(events).allSatisfy(e -> assertThat(normalizer.normalize(e, null, request))
                .isInstanceOf(EventNormalizer.Accepted.class));
    }

    @Test
    void shouldPlayTheSamePopulationForTheSameSeed() {
        assertThat(play(11, 50).events).isEqualTo(play(11, 50).events);
        assertThat(play(11, 50).events).isNotEqualTo(play(12, 50).events);
    }

    @Test
    void shouldIdentifyBeforeActingAsAKnownUserAndKeepWindowShoppersAnonymous() {
        Played played = play(3, 300);
        Map<String, Boolean> identified = new HashMap<>();

        for (ObjectNode event : played.events) {
            String anonymousId = event.path("anonymousId").asText();
            if (event.path("type").asText().equals("identify")) {
                identified.put(anonymousId, true);
                assertThat(event.path("traits").fieldNames()).toIterable()
                        .contains("age", "gender", "address", "occupation", "income_band", "timezone");
            } else if (event.hasNonNull("userId")) {
                assertThat(identified).as("identify before %s", event.path("event").asText()).containsKey(anonymousId);
            }
        }
        played.users.stream().filter(u -> u.persona == Persona.WINDOW_SHOPPER)
                .forEach(u -> assertThat(identified).doesNotContainKey(u.anonymousId));
    }

    @Test
    void shouldGiveEveryOrderARevenueAndTheUsersCurrency() {
        List<JsonNode> orders = play(5, 300).events.stream()
                .filter(e -> "Order Completed".equals(e.path("event").asText()))
                .map(e -> (JsonNode) e.path("properties")).toList();

        assertThat(orders).hasSizeGreaterThan(50);
        assertThat(orders).allSatisfy(p -> {
            assertThat(p.path("revenue").decimalValue()).isPositive();
            assertThat(p.path("currency").asText()).matches("[A-Z]{3}");
        });
    }

    @Test
    void shouldLetChurnersGoQuietForGoodAndReturnersComeBack() {
        Played played = play(9, 400);
        Map<Persona, List<Duration>> longestGap = new EnumMap<>(Persona.class);
        Map<String, Instant> lastSeen = new HashMap<>();
        Map<String, Duration> gaps = new HashMap<>();
        for (ObjectNode event : played.events) {
            String user = event.path("anonymousId").asText();
            Instant at = Instant.parse(event.path("timestamp").asText());
            Instant before = lastSeen.put(user, at);
            if (before != null) {
                gaps.merge(user, Duration.between(before, at), (a, b) -> a.compareTo(b) >= 0 ? a : b);
            }
        }
        for (SimulatedUser user : played.users) {
            longestGap.computeIfAbsent(user.persona, p -> new ArrayList<>()).add(gaps.getOrDefault(user.anonymousId, Duration.ZERO));
        }
        played.users.stream().filter(u -> u.persona == Persona.CHURNER)
                .forEach(u -> assertThat(lastSeen.get(u.anonymousId)).isBefore(u.firstSeen.plus(Duration.ofDays(12))));
        assertThat(longestGap.get(Persona.RETURNER)).anySatisfy(g -> assertThat(g).isGreaterThan(Duration.ofDays(20)));
    }

    private record Played(List<ObjectNode> events, List<SimulatedUser> users) {
    }

    private Played play(long seed, int population) {
        TrafficPlan plan = new TrafficPlan(json, seed);
        List<SimulatedUser> users = new ArrayList<>();
        for (int i = 0; i < population; i++) {
            users.add(plan.newUser(i, START.plus(Duration.ofHours(i % 240))));
        }
        List<ObjectNode> events = new ArrayList<>();
        java.util.PriorityQueue<SimulatedUser> queue = new java.util.PriorityQueue<>(
                java.util.Comparator.comparing((SimulatedUser u) -> u.nextSessionAt));
        queue.addAll(users);
        while (!queue.isEmpty() && queue.peek().nextSessionAt.isBefore(END)) {
            SimulatedUser user = queue.poll();
            events.addAll(plan.session(user, user.nextSessionAt));
            if (user.nextSessionAt != null) {
                queue.add(user);
            }
        }
        events.sort(java.util.Comparator.comparing(e -> Instant.parse(e.path("timestamp").asText())));
        return new Played(events, users);
    }
}
