package io.userops.deploy.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Plays a population through the tracking API as SDKs would: events batched to {@code /v1/batch}
 * with the write key, {@code sentAt} on the sender's clock, retries on 429 and 5xx. The last
 * {@code history} is replayed {@code timeScale} times faster than real time, then traffic goes on
 * live until stopped.
 */
public final class TrafficSimulator {

    /**
     * @param ingest          base URL of the ingest service
     * @param writeKey        the source's write key
     * @param users           population size
     * @param eventsPerSecond highest send rate
     * @param history         how far back the population's history starts
     * @param timeScale       simulated seconds per real second while replaying history
     * @param batchSize       events per request
     * @param seed            the same seed plays the same population
     */
    public record Config(URI ingest, String writeKey, int users, double eventsPerSecond, Duration history,
            double timeScale, int batchSize, long seed, Pace pace) {
        public Config {
            if (users < 1 || eventsPerSecond <= 0 || timeScale < 1 || batchSize < 1 || batchSize > 2_500
                    || history.isNegative()) {
                throw new IllegalArgumentException("traffic needs users >= 1, a positive rate, timeScale >= 1,"
                        + " 1-2500 events a batch and a history >= 0: " + this);
            }
        }
    }

    /** How simulated time relates to the real clock. */
    public enum Pace {
        /**
         * The users join over {@code history} before now; that history is played {@code timeScale} times
         * faster with its own (past) timestamps, then the simulation goes on live, in real time.
         */
        REPLAY_THEN_LIVE,
        /**
         * Simulated time runs {@code timeScale} times faster than real time, for ever, from now; users join
         * over the first {@code history} of simulated time. Every event is stamped with the real time it is
         * due at, so that services see a population whose days last seconds.
         */
        FAST_FORWARD
    }

    /** Counts so far, and how far the simulated clock has come. */
    public record Progress(long requests, long eventsSent, long eventsAccepted, long eventsRejected,
            long requestsFailed, Instant simulatedNow, boolean live) {
    }

    private static final int MAX_IN_FLIGHT = 4;
    private static final int MAX_ATTEMPTS = 5;

    private final Config config;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean running = true;
    private Instant realStart;
    private Instant simStart;

    public TrafficSimulator(Config config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Stops {@link #run} after the requests in flight. */
    public void stop() {
        running = false;
    }

    /**
     * Sends until {@code maxEvents} were sent, {@code maxDuration} passed, or {@link #stop}.
     *
     * @return the counts once every request sent has been answered
     */
    public Progress run(long maxEvents, Duration maxDuration, Duration progressEvery, Consumer<Progress> onProgress)
            throws InterruptedException {
        boolean fastForward = config.pace() == Pace.FAST_FORWARD;
        realStart = clock.instant();
        simStart = fastForward ? realStart : realStart.minus(config.history());
        TrafficPlan plan = new TrafficPlan(json, config.seed());
        PriorityQueue<SimulatedUser> users = new PriorityQueue<>(Comparator.comparing(u -> u.nextSessionAt));
        long historyMillis = Math.max(1, config.history().toMillis());
        for (int i = 0; i < config.users(); i++) {
            users.add(plan.newUser(i, simStart.plusMillis((long) ((double) i / config.users() * historyMillis))));
        }
        PriorityQueue<ObjectNode> due = new PriorityQueue<>(Comparator.comparing(e -> Instant.parse(e.get("timestamp").asText())));
        Instant nextProgress = realStart.plus(progressEvery);
        Instant simNow = simStart;
        while (running && sent.get() < maxEvents && clock.instant().isBefore(realStart.plus(maxDuration))) {
            Instant realNow = clock.instant();
            long elapsed = Duration.between(realStart, realNow).toMillis();
            Instant replayed = simStart.plusMillis((long) (elapsed * config.timeScale()));
            simNow = fastForward || replayed.isBefore(realNow) ? replayed : realNow;
            while (!users.isEmpty() && !users.peek().nextSessionAt.isAfter(simNow) && due.size() < 10 * config.batchSize()) {
                SimulatedUser user = users.poll();
                due.addAll(plan.session(user, user.nextSessionAt));
                if (user.nextSessionAt != null) {
                    users.add(user);
                }
            }
            List<ObjectNode> batch = new ArrayList<>(config.batchSize());
            while (!due.isEmpty() && batch.size() < config.batchSize() && sent.get() + batch.size() < maxEvents
                    && !Instant.parse(due.peek().get("timestamp").asText()).isAfter(simNow)) {
                batch.add(due.poll());
            }
            if (batch.isEmpty()) {
                TimeUnit.MILLISECONDS.sleep(20);
            } else {
                send(batch);
                pace(realStart);
            }
            if (!realNow.isBefore(nextProgress)) {
                onProgress.accept(progress(simNow, !fastForward && !replayed.isBefore(realNow)));
                nextProgress = realNow.plus(progressEvery);
            }
        }
        inFlight.acquire(MAX_IN_FLIGHT);
        inFlight.release(MAX_IN_FLIGHT);
        return progress(simNow, simNow.equals(clock.instant()));
    }

    private Progress progress(Instant simNow, boolean live) {
        return new Progress(requests.get(), sent.get(), accepted.get(), rejected.get(), failed.get(), simNow, live);
    }

    private void pace(Instant realStart) throws InterruptedException {
        double elapsedSeconds = Duration.between(realStart, clock.instant()).toMillis() / 1000.0;
        double ahead = sent.get() / config.eventsPerSecond() - elapsedSeconds;
        if (ahead > 0) {
            TimeUnit.MILLISECONDS.sleep((long) (ahead * 1000));
        }
    }

    private void send(List<ObjectNode> events) throws InterruptedException {
        ObjectNode body = json.createObjectNode();
        ArrayNode batch = body.putArray("batch");
        events.forEach(event -> batch.add(config.pace() == Pace.FAST_FORWARD ? onRealClock(event) : event));
        body.put("sentAt", clock.instant().toString());
        body.put("writeKey", config.writeKey());
        inFlight.acquire();
        sent.addAndGet(events.size());
        attempt(body.toString(), events.size(), 1);
    }

    private ObjectNode onRealClock(ObjectNode event) {
        Duration simulated = Duration.between(simStart, Instant.parse(event.path("timestamp").asText()));
        return event.put("timestamp", realStart.plusMillis((long) (simulated.toMillis() / config.timeScale())).toString());
    }

    private void attempt(String body, int events, int attempt) {
        requests.incrementAndGet();
        HttpRequest request = HttpRequest.newBuilder(URI.create(config.ingest() + "/v1/batch"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            int status = error != null ? 0 : response.statusCode();
            if (status == 200) {
                int refused = rejectedCount(response.body());
                rejected.addAndGet(refused);
                accepted.addAndGet(events - refused);
                inFlight.release();
            } else if ((status == 0 || status == 429 || status >= 500) && attempt < MAX_ATTEMPTS && running) {
                long wait = response == null ? 1 : response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
                java.util.concurrent.CompletableFuture.delayedExecutor(Math.min(wait, 5), TimeUnit.SECONDS)
                        .execute(() -> attempt(body, events, attempt + 1));
            } else {
                failed.incrementAndGet();
                rejected.addAndGet(status == 400 ? events : 0);
                inFlight.release();
            }
        });
    }

    private int rejectedCount(String body) {
        try {
            JsonNode answer = json.readTree(body);
            return answer.path("rejected").size();
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
