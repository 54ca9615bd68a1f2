package io.userops.deploy.traffic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.UUID;

/**
 * What simulated users do, as the events a tracking SDK would send: anonymous page views, sign-up
 * (identify with traits: age, gender, city, occupation, income band, time zone), key events,
 * orders with revenue and currency, silence, churn and return, each by the user's {@link Persona}.
 * Deterministic for a seed; no I/O and no clock (times are arguments).
 */
public final class TrafficPlan {

    private static final String[] CITIES = {"Shanghai", "Hangzhou", "Beijing", "Shenzhen", "Chengdu", "London",
        "Berlin", "New York", "São Paulo", "Lagos"};
    private static final String[] ZONES = {"Asia/Shanghai", "Asia/Shanghai", "Asia/Shanghai", "Asia/Shanghai",
        "Asia/Shanghai", "Europe/London", "Europe/Berlin", "America/New_York", "America/Sao_Paulo", "Africa/Lagos"};
    private static final String[] LOCALES = {"zh-CN", "zh-CN", "zh-CN", "zh-CN", "zh-CN", "en-GB", "de-DE", "en-US",
        "pt-BR", "en-NG"};
    private static final String[] CURRENCIES = {"CNY", "CNY", "CNY", "CNY", "CNY", "GBP", "EUR", "USD", "BRL", "NGN"};
    private static final String[] OCCUPATIONS = {"engineer", "teacher", "designer", "student", "nurse", "sales",
        "manager", "retired"};
    private static final String[] INCOME_BANDS = {"low", "lower-middle", "middle", "upper-middle", "high"};
    private static final String[] GENDERS = {"female", "male", "female", "male", "non-binary"};
    private static final String[] KEY_EVENTS = {"Project Created", "Report Viewed", "Invite Sent", "Search Performed"};
    private static final String[] PAGES = {"Home", "Pricing", "Features", "Blog", "Docs"};
    private static final String[] PLATFORMS = {"web", "ios", "android"};

    private final ObjectMapper json;
    private final Random random;

    public TrafficPlan(ObjectMapper json, long seed) {
        this.json = json;
        this.random = new Random(seed);
    }

    /**
     * The events of a population played from {@code start} until {@code until} or until {@code maxEvents},
     * in time order: for benchmarks and tests that want realistic events without a running clock.
     */
    public List<ObjectNode> play(int population, Instant start, Instant until, int maxEvents) {
        PriorityQueue<SimulatedUser> queue = new PriorityQueue<>(Comparator.comparing((SimulatedUser u) -> u.nextSessionAt));
        long spreadMillis = Math.max(1, Duration.between(start, until).toMillis() / 4);
        for (int i = 0; i < population; i++) {
            queue.add(newUser(i, start.plusMillis(spreadMillis * i / population)));
        }
        List<ObjectNode> events = new ArrayList<>();
        while (!queue.isEmpty() && queue.peek().nextSessionAt.isBefore(until) && events.size() < maxEvents) {
            SimulatedUser user = queue.poll();
            events.addAll(session(user, user.nextSessionAt));
            if (user.nextSessionAt != null) {
                queue.add(user);
            }
        }
        events.sort(Comparator.comparing(e -> Instant.parse(e.path("timestamp").asText())));
        return events.size() > maxEvents ? new ArrayList<>(events.subList(0, maxEvents)) : events;
    }

    /** A new person, first seen at {@code firstSeen}. */
    SimulatedUser newUser(int index, Instant firstSeen) {
        Persona persona = Persona.at(random.nextDouble());
        int place = random.nextInt(CITIES.length);
        ObjectNode traits = json.createObjectNode();
        traits.put("age", 16 + random.nextInt(55));
        traits.put("gender", GENDERS[random.nextInt(GENDERS.length)]);
        traits.putObject("address").put("city", CITIES[place]);
        traits.put("occupation", OCCUPATIONS[random.nextInt(OCCUPATIONS.length)]);
        traits.put("income_band", INCOME_BANDS[random.nextInt(INCOME_BANDS.length)]);
        traits.put("timezone", ZONES[place]);
        traits.put("locale", LOCALES[place]);
        traits.put("currency", CURRENCIES[place]);
        traits.put("email", "user" + index + "@example.org");
        traits.put("name", "User " + index);
        // Night owls, commuters and office hours: the hour this person tends to show up.
        int[] hours = {8, 12, 13, 19, 21, 23, 1};
        return new SimulatedUser(uuid(), "user-" + index, persona, traits, ZoneId.of(ZONES[place]),
                hours[random.nextInt(hours.length)], PLATFORMS[random.nextInt(PLATFORMS.length)], firstSeen);
    }

    /** The events of the user's next session, at {@code at}; moves the user's journey on and schedules the next one. */
    List<ObjectNode> session(SimulatedUser user, Instant at) {
        List<ObjectNode> events = new ArrayList<>();
        Instant t = at;
        events.add(view(user, t));
        if (!user.signedUp && user.persona.habits().identifies() && user.sessions >= 1) {
            t = t.plusSeconds(20 + random.nextInt(60));
            ObjectNode identify = base(user, "identify", t, true);
            identify.set("traits", user.traits.deepCopy().put("createdAt", t.toString()));
            events.add(identify);
            t = t.plusSeconds(1);
            events.add(withProperties(track(user, "Signed Up", t, true), json.createObjectNode().put("method", "email")));
            user.signedUp = true;
        } else if (user.signedUp) {
            int keyEvents = 1 + random.nextInt(3);
            for (int i = 0; i < keyEvents; i++) {
                t = t.plusSeconds(10 + random.nextInt(120));
                events.add(track(user, KEY_EVENTS[random.nextInt(KEY_EVENTS.length)], t, true));
            }
            if (random.nextDouble() < user.persona.habits().purchaseChance()) {
                t = t.plusSeconds(30 + random.nextInt(300));
                events.add(order(user, t));
            }
        }
        user.sessions++;
        schedule(user, at);
        return events;
    }

    private void schedule(SimulatedUser user, Instant at) {
        double meanGapHours = 7 * 24 / user.persona.habits().sessionsPerWeek();
        double gapHours = -Math.log(1 - random.nextDouble()) * meanGapHours;
        Instant next = atPreferredHour(user, at.plus(Duration.ofMinutes((long) (gapHours * 60) + 30)));
        Instant activeUntil = user.firstSeen.plus(Duration.ofDays(Math.min(user.persona.habits().activeDays(), 36_500)));
        if (user.phase == SimulatedUser.Phase.ACTIVE && next.isAfter(activeUntil)) {
            if (user.persona.habits().quietDays() == 0) {
                user.phase = SimulatedUser.Phase.QUIET_FOR_GOOD;
                user.nextSessionAt = null;
                return;
            }
            user.phase = SimulatedUser.Phase.BACK;
            next = atPreferredHour(user, at.plus(Duration.ofDays(user.persona.habits().quietDays())));
        }
        user.nextSessionAt = next;
    }

    /** The user's preferred hour (give or take an hour) on the day of {@code notBefore}, or the next day. */
    private Instant atPreferredHour(SimulatedUser user, Instant notBefore) {
        ZonedDateTime preferred = notBefore.atZone(user.zone).withHour(user.preferredHour)
                .withMinute(random.nextInt(60)).plusMinutes(random.nextInt(121) - 60);
        while (!preferred.toInstant().isAfter(notBefore)) {
            preferred = preferred.plusDays(1);
        }
        return preferred.toInstant();
    }

    private ObjectNode view(SimulatedUser user, Instant at) {
        boolean web = user.platform.equals("web");
        ObjectNode event = base(user, web ? "page" : "screen", at, user.signedUp);
        String page = PAGES[random.nextInt(PAGES.length)];
        event.put("name", page);
        ObjectNode properties = json.createObjectNode();
        if (web) {
            properties.put("path", "/" + page.toLowerCase()).put("title", page);
        }
        event.set("properties", properties);
        return event;
    }

    private ObjectNode order(SimulatedUser user, Instant at) {
        double value = Math.max(1, user.persona.habits().averageOrder() * (0.3 + 1.4 * random.nextDouble()));
        ObjectNode properties = json.createObjectNode()
                .put("order_id", "o-" + uuid())
                .put("revenue", BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP))
                .put("currency", user.traits.path("currency").asText())
                .put("products", 1 + random.nextInt(4));
        return withProperties(track(user, "Order Completed", at, true), properties);
    }

    private ObjectNode track(SimulatedUser user, String name, Instant at, boolean identified) {
        ObjectNode event = base(user, "track", at, identified);
        event.put("event", name);
        return event;
    }

    private static ObjectNode withProperties(ObjectNode event, ObjectNode properties) {
        event.set("properties", properties);
        return event;
    }

    private ObjectNode base(SimulatedUser user, String type, Instant at, boolean identified) {
        ObjectNode event = json.createObjectNode();
        event.put("type", type);
        event.put("messageId", "sim-" + uuid());
        event.put("anonymousId", user.anonymousId);
        if (identified) {
            event.put("userId", user.userId);
        }
        event.put("timestamp", at.toString());
        ObjectNode context = event.putObject("context");
        context.putObject("library").put("name", "userops-traffic").put("version", "1");
        context.put("timezone", user.zone.getId());
        context.put("locale", user.traits.path("locale").asText());
        context.putObject("os").put("name", switch (user.platform) {
            case "ios" -> "iOS";
            case "android" -> "Android";
            default -> "Windows";
        });
        context.putObject("device").put("type", user.platform.equals("web") ? "desktop" : "mobile");
        return event;
    }

    private String uuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }
}
