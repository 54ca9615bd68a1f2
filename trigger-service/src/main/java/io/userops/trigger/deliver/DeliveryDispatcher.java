package io.userops.trigger.deliver;

import io.userops.avro.Channel;
import io.userops.avro.MessageRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers messages through the adapters, retrying transient failures, and reports one
 * {@link Verdict} per message. Knows nothing of Kafka.
 *
 * <p>Each endpoint has a lane: a FIFO of waiting messages and at most
 * {@link DeliveryAdapter#concurrencyPerEndpoint()} attempts running. A slow or failing endpoint
 * fills only its own lane; no thread waits for an attempt or a retry (retries are timers). All of
 * the dispatcher's state belongs to one thread ({@code userops-delivery-dispatch}); adapters and
 * timers hand their results to it.
 */
public final class DeliveryDispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);

    private final Map<Channel, DeliveryAdapter> adapters;
    private final RetryPolicy retry;
    private final Duration attemptTimeout;
    private final DeliveryMetrics metrics;
    private final Clock clock;
    private final RandomGenerator random;
    private final ScheduledThreadPoolExecutor loop;

    // Owned by the dispatch thread.
    private final Map<String, Lane> lanes = new HashMap<>();
    private final Set<String> disabled = new HashSet<>();
    private final Set<Task> running = new LinkedHashSet<>();
    private final Set<Task> awaitingRetry = new LinkedHashSet<>();
    private boolean draining;
    private final CompletableFuture<Void> drained = new CompletableFuture<>();

    public DeliveryDispatcher(Map<Channel, DeliveryAdapter> adapters, RetryPolicy retry, Duration attemptTimeout,
            DeliveryMetrics metrics, Clock clock) {
        this(adapters, retry, attemptTimeout, metrics, clock, RandomGenerator.of("L64X128MixRandom"));
    }

    DeliveryDispatcher(Map<Channel, DeliveryAdapter> adapters, RetryPolicy retry, Duration attemptTimeout,
            DeliveryMetrics metrics, Clock clock, RandomGenerator random) {
        this.adapters = adapters.isEmpty() ? Map.of() : new EnumMap<>(adapters);
        this.retry = retry;
        this.attemptTimeout = attemptTimeout;
        this.metrics = metrics;
        this.clock = clock;
        this.random = random;
        this.loop = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "userops-delivery-dispatch");
            thread.setDaemon(true);
            return thread;
        });
        this.loop.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.loop.setRemoveOnCancelPolicy(true);
    }

    /** One message handed over for delivery. */
    public static final class Submission {
        private final Task task;

        private Submission(Task task) {
            this.task = task;
        }

        /** Completes once, on the dispatch thread, when the message is delivered, failed or abandoned. */
        public CompletableFuture<Verdict> verdict() {
            return task.verdict;
        }

        /** Stop trying: the message is abandoned unless an attempt is already running (its outcome counts). */
        public void cancel() {
            task.cancelled = true;
        }
    }

    /** Accepts a message; its verdict follows on {@link Submission#verdict()}. */
    public Submission submit(MessageRequest message) {
        Task task = new Task(message);
        metrics.pending().incrementAndGet();
        if (!post(() -> admit(task))) {
            abandon(task);
        }
        return new Submission(task);
    }

    /**
     * Stops starting attempts: waiting messages and pending retries are abandoned, running attempts
     * finish (transient failures among them are abandoned too). The future completes when no attempt
     * is running.
     */
    public CompletableFuture<Void> drain() {
        if (!post(this::startDraining)) {
            drained.complete(null);
        }
        return drained;
    }

    /** The endpoints disabled by a 410 Gone so far. */
    public CompletableFuture<Set<String>> disabledEndpoints() {
        CompletableFuture<Set<String>> answer = new CompletableFuture<>();
        if (!post(() -> answer.complete(Set.copyOf(disabled)))) {
            answer.complete(Set.of());
        }
        return answer;
    }

    private void admit(Task task) {
        if (draining || task.cancelled) {
            abandon(task);
            return;
        }
        if (expired(task, clock.instant())) {
            fail(task, FailureReason.EXPIRED, "past notAfter on arrival", false);
            return;
        }
        Channel channel = task.message.getChannel();
        DeliveryAdapter adapter = adapters.get(channel);
        if (adapter == null) {
            String reason = channel == Channel.UNKNOWN ? FailureReason.UNSUPPORTED_CHANNEL
                    : FailureReason.CHANNEL_NOT_CONFIGURED;
            fail(task, reason, "channel " + channel, true);
            return;
        }
        String endpoint = adapter.endpointOf(task.message);
        task.lane = lanes.computeIfAbsent(endpoint, name -> new Lane(name, adapter));
        task.lane.waiting.add(task);
        pump(task.lane);
    }

    private void pump(Lane lane) {
        while (lane.running < lane.adapter.concurrencyPerEndpoint() && !lane.waiting.isEmpty()) {
            start(lane.waiting.poll());
        }
    }

    private void start(Task task) {
        if (draining || task.cancelled) {
            abandon(task);
            return;
        }
        if (disabled.contains(task.lane.endpoint)) {
            fail(task, FailureReason.ENDPOINT_DISABLED, task.lane.endpoint + " answered 410 Gone earlier", true);
            return;
        }
        if (expired(task, clock.instant())) {
            fail(task, FailureReason.EXPIRED, "past notAfter while waiting; last: " + task.lastReason, false);
            return;
        }
        task.attempts++;
        task.lane.running++;
        running.add(task);
        metrics.inFlight().incrementAndGet();
        CompletableFuture<DeliveryOutcome> attempt;
        try {
            attempt = task.lane.adapter.attempt(task.message);
        } catch (RuntimeException e) {
            attempt = CompletableFuture.failedFuture(e);
        }
        attempt.orTimeout(attemptTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((outcome, error) -> post(() -> attemptEnded(task, outcome, error)));
    }

    private void attemptEnded(Task task, DeliveryOutcome outcome, Throwable error) {
        if (!running.remove(task)) {
            return;
        }
        task.lane.running--;
        metrics.inFlight().decrementAndGet();
        DeliveryOutcome result = error == null ? outcome : outcomeOf(error);
        log.debug("attempt {} of message {} to {}: {}", task.attempts, task.message.getMessageId(),
                task.lane.endpoint, result);
        if (result instanceof DeliveryOutcome.Delivered) {
            metrics.delivered(task.message.getChannel());
            complete(task, new Verdict.Delivered(task.attempts));
        } else if (result instanceof DeliveryOutcome.EndpointGone) {
            disable(task.lane.endpoint);
            fail(task, FailureReason.ENDPOINT_GONE, task.lane.endpoint + " answered 410 Gone", true);
        } else if (result instanceof DeliveryOutcome.PermanentFailure permanent) {
            fail(task, permanent.reason(), "attempt " + task.attempts + ": " + permanent.reason(), true);
        } else if (result instanceof DeliveryOutcome.RetryLater later) {
            retryLater(task, later);
        }
        pump(task.lane);
        if (draining && running.isEmpty()) {
            drained.complete(null);
        }
    }

    private void retryLater(Task task, DeliveryOutcome.RetryLater later) {
        task.lastReason = later.reason();
        if (draining || task.cancelled) {
            abandon(task);
            return;
        }
        if (!retry.mayRetryAfter(task.attempts)) {
            fail(task, FailureReason.RETRIES_EXHAUSTED, task.attempts + " attempts; last: " + later.reason(), true);
            return;
        }
        Duration delay = retry.delayAfter(task.attempts, later.retryAfter(), random);
        if (expired(task, clock.instant().plus(delay))) {
            fail(task, FailureReason.EXPIRED, "next attempt would be past notAfter; last: " + later.reason(), false);
            return;
        }
        metrics.retried(task.message.getChannel());
        awaitingRetry.add(task);
        task.retryTimer = loop.schedule(() -> retryDue(task), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void retryDue(Task task) {
        if (!awaitingRetry.remove(task)) {
            return;
        }
        task.retryTimer = null;
        if (draining || task.cancelled) {
            abandon(task);
            return;
        }
        task.lane.waiting.add(task);
        pump(task.lane);
    }

    private void disable(String endpoint) {
        if (disabled.add(endpoint)) {
            metrics.endpointDisabled();
            log.warn("endpoint {} answered 410 Gone: disabled until restart; its messages now fail as {}",
                    endpoint, FailureReason.ENDPOINT_DISABLED);
        }
    }

    private void startDraining() {
        draining = true;
        for (Lane lane : lanes.values()) {
            lane.waiting.forEach(this::abandon);
            lane.waiting.clear();
        }
        for (Task task : new ArrayList<>(awaitingRetry)) {
            if (task.retryTimer != null) {
                task.retryTimer.cancel(false);
            }
            abandon(task);
        }
        awaitingRetry.clear();
        if (running.isEmpty()) {
            drained.complete(null);
        }
    }

    private static DeliveryOutcome outcomeOf(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        if (cause instanceof TimeoutException) {
            return DeliveryOutcome.retryLater("timeout");
        }
        log.debug("a delivery attempt failed unexpectedly", cause);
        return DeliveryOutcome.retryLater("unexpected_error");
    }

    private static boolean expired(Task task, Instant at) {
        Instant notAfter = task.message.getNotAfter();
        return notAfter != null && at.isAfter(notAfter);
    }

    // Meters move before the verdict completes, so whoever waits on the verdict sees them.
    private void fail(Task task, String reason, String detail, boolean deadLetter) {
        if (!task.verdict.isDone()) {
            metrics.failed(task.message.getChannel(), reason);
            complete(task, new Verdict.Failed(reason, detail, deadLetter, task.attempts));
        }
    }

    private void abandon(Task task) {
        complete(task, new Verdict.Abandoned());
    }

    private void complete(Task task, Verdict verdict) {
        if (!task.verdict.isDone()) {
            metrics.pending().decrementAndGet();
            task.verdict.complete(verdict);
        }
    }

    private boolean post(Runnable action) {
        try {
            loop.execute(action);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Abandons whatever is unfinished (running attempts included) and stops the dispatch thread and adapters. */
    @Override
    public void close() {
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        if (post(() -> {
            startDraining();
            new ArrayList<>(running).forEach(this::abandon);
            metrics.inFlight().addAndGet(-running.size());
            running.clear();
            stopped.complete(null);
        })) {
            stopped.orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
        loop.shutdownNow();
        try {
            loop.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (DeliveryAdapter adapter : new LinkedHashSet<>(adapters.values())) {
            adapter.close();
        }
    }

    private static final class Lane {
        final String endpoint;
        final DeliveryAdapter adapter;
        final ArrayDeque<Task> waiting = new ArrayDeque<>();
        int running;

        Lane(String endpoint, DeliveryAdapter adapter) {
            this.endpoint = endpoint;
            this.adapter = adapter;
        }
    }

    private static final class Task {
        final MessageRequest message;
        final CompletableFuture<Verdict> verdict = new CompletableFuture<>();
        volatile boolean cancelled;
        Lane lane;
        int attempts;
        String lastReason = "none";
        ScheduledFuture<?> retryTimer;

        Task(MessageRequest message) {
            this.message = message;
        }
    }
}
