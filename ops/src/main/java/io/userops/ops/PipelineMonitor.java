package io.userops.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the lag of the pipeline's consumer groups and the freshness of its output every few seconds on a thread
 * of its own, keeps the latest reading for the API, and publishes it as metrics:
 * {@code userops.consumer.lag.records} and {@code userops.consumer.lag.seconds} per group, topic and partition,
 * {@code userops.consumer.records.per.second} per group, {@code userops.dead.letters} per stage and reason, and
 * {@code userops.pipeline.freshness.seconds}.
 */
public final class PipelineMonitor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PipelineMonitor.class);
    /** How far back {@link #history()} reaches: the console's lag charts show the last hour. */
    public static final Duration HISTORY_WINDOW = Duration.ofHours(1);

    /**
     * One reading.
     *
     * @param lag       per group, every partition it committed offsets for
     * @param freshness now minus the timestamp of the newest record of the freshness topic; empty before the first
     * @param recordsPerSecond per group, the records it committed per second since the previous reading
     * @param deadLetters "stage/reason" to the dead letters counted so far
     */
    public record Snapshot(Instant takenAt, Map<String, List<PartitionLag>> lag, Optional<Duration> freshness,
                           Map<String, Double> recordsPerSecond, Map<String, Long> deadLetters,
                           Optional<String> error) {

        static Snapshot none() {
            return new Snapshot(Instant.EPOCH, Map.of(), Optional.empty(), Map.of(), Map.of(),
                    Optional.of("no reading yet"));
        }

        /** The oldest waiting record of the group, over its partitions; zero when it is caught up. */
        public Duration maxAge(String group) {
            return lag.getOrDefault(group, List.of()).stream().map(PartitionLag::age).max(Duration::compareTo)
                    .orElse(Duration.ZERO);
        }

        public long records(String group) {
            return lag.getOrDefault(group, List.of()).stream().mapToLong(PartitionLag::records).sum();
        }
    }

    private final LagMonitor monitor;
    private final DeadLetterCounter deadLetters;
    private final Map<String, Long> previousCommitted = new LinkedHashMap<>();
    private final List<String> groups;
    private final String freshnessTopic;
    private final Clock clock;
    private final AtomicReference<Snapshot> latest = new AtomicReference<>(Snapshot.none());
    private final PipelineHistory history = new PipelineHistory(HISTORY_WINDOW);
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "userops-pipeline-monitor");
        t.setDaemon(true);
        return t;
    });
    private MultiGauge records;
    private MultiGauge seconds;
    private MultiGauge rate;
    private MultiGauge dead;

    /** @param freshnessTopic the topic whose newest record tells how fresh the pipeline's output is */
    public PipelineMonitor(String bootstrapServers, List<String> groups, String freshnessTopic,
            String deadLetterTopic, Clock clock) {
        this.monitor = new LagMonitor(bootstrapServers, clock);
        this.deadLetters = new DeadLetterCounter(bootstrapServers, deadLetterTopic);
        this.groups = List.copyOf(groups);
        this.freshnessTopic = freshnessTopic;
        this.clock = clock;
    }

    public PipelineMonitor start(Duration every, MeterRegistry registry) {
        records = MultiGauge.builder("userops.consumer.lag.records")
                .description("records not yet consumed by the group on the partition").register(registry);
        seconds = MultiGauge.builder("userops.consumer.lag.seconds").baseUnit("seconds")
                .description("age of the oldest record the group has not consumed on the partition").register(registry);
        rate = MultiGauge.builder("userops.consumer.records.per.second")
                .description("records the group committed per second between the last two readings").register(registry);
        dead = MultiGauge.builder("userops.dead.letters")
                .description("records on the dead-letter topic by the stage that wrote them and the reason")
                .register(registry);
        Gauge.builder("userops.pipeline.freshness.seconds", latest,
                        s -> s.get().freshness().map(d -> d.toMillis() / 1000.0).orElse(Double.NaN))
                .description("now minus the event time of the newest lifecycle transition").register(registry);
        thread.scheduleWithFixedDelay(this::read, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    public Snapshot latest() {
        return latest.get();
    }

    /** The readings of the last {@link #HISTORY_WINDOW}. */
    public PipelineHistory history() {
        return history;
    }

    public List<String> groups() {
        return groups;
    }

    /** Takes one reading now, on the calling thread; what {@link #start} does every period. */
    public Snapshot read() {
        Snapshot snapshot;
        try {
            Map<String, List<PartitionLag>> lag = new LinkedHashMap<>();
            for (String group : groups) {
                lag.put(group, monitor.lag(group));
            }
            Instant now = clock.instant();
            Optional<Duration> freshness = monitor.newestRecordAt(freshnessTopic).map(at -> Duration.between(at, now));
            snapshot = new Snapshot(now, lag, freshness, rates(lag, now), deadLetters.count(), Optional.empty());
            history.add(snapshot);
        } catch (RuntimeException e) {
            log.warn("reading the pipeline's lag failed: {}", e.getMessage());
            Snapshot previous = latest.get();
            snapshot = new Snapshot(previous.takenAt(), previous.lag(), previous.freshness(), previous.recordsPerSecond(),
                    previous.deadLetters(), Optional.of(e.getMessage()));
        }
        latest.set(snapshot);
        publish(snapshot);
        return snapshot;
    }

    private Map<String, Double> rates(Map<String, List<PartitionLag>> lag, Instant now) {
        Instant before = latest.get().takenAt();
        double seconds = Duration.between(before, now).toMillis() / 1000.0;
        Map<String, Double> rates = new LinkedHashMap<>();
        lag.forEach((group, partitions) -> {
            long committed = partitions.stream().mapToLong(PartitionLag::committed).sum();
            Long previous = previousCommitted.put(group, committed);
            if (previous != null && seconds > 0 && !before.equals(Instant.EPOCH)) {
                rates.put(group, Math.max(0, committed - previous) / seconds);
            }
        });
        return rates;
    }

    private void publish(Snapshot snapshot) {
        if (records == null) {
            return;
        }
        List<MultiGauge.Row<?>> recordRows = new ArrayList<>();
        List<MultiGauge.Row<?>> secondRows = new ArrayList<>();
        snapshot.lag().forEach((group, partitions) -> partitions.forEach(p -> {
            Tags tags = Tags.of("group", group, "topic", p.topic(), "partition", Integer.toString(p.partition()));
            recordRows.add(MultiGauge.Row.of(tags, p.records()));
            secondRows.add(MultiGauge.Row.of(tags, p.age().toMillis() / 1000.0));
        }));
        records.register(recordRows, true);
        seconds.register(secondRows, true);
        List<MultiGauge.Row<?>> rateRows = new ArrayList<>();
        snapshot.recordsPerSecond().forEach((group, rate) -> rateRows.add(MultiGauge.Row.of(Tags.of("group", group), rate)));
        rate.register(rateRows, true);
        List<MultiGauge.Row<?>> deadRows = new ArrayList<>();
        snapshot.deadLetters().forEach((key, count) -> {
            String[] stageAndReason = key.split("/", 2);
            deadRows.add(MultiGauge.Row.of(Tags.of("stage", stageAndReason[0], "reason", stageAndReason[1]), count));
        });
        dead.register(deadRows, true);
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        monitor.close();
        deadLetters.close();
    }
}
