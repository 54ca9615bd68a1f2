package io.userops.bench;

import io.userops.avro.TrackedEvent;
import io.userops.schemas.registry.HttpSchemaRegistryClient;
import io.userops.schemas.registry.SchemaRegistryClient;
import io.userops.schemas.registry.SchemaRegistryConfig;
import io.userops.schemas.topics.Topics;
import io.userops.segmentation.lifecycle.LifecycleRules;
import io.userops.streams.DeadLetterHandler;
import io.userops.segmentation.streams.EventTimeExtractor;
import io.userops.segmentation.config.SegmentationConfig;
import io.userops.segmentation.streams.LifecycleSettings;
import io.userops.segmentation.streams.Names;
import io.userops.segmentation.streams.RoutingTopic;
import io.userops.segmentation.streams.SegmentationTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * One Kafka Streams application run over a given range of the events topic, from a fresh
 * {@code application.id} and a fresh state directory, timed from {@code start()} to the end of its input.
 */
final class LifecycleStreamsRun {

    static final String PASS_THROUGH_TOPIC = "bench.lifecycle.pass-through";

    /** What runs. */
    enum Subject {
        /** The segmentation topology as {@code SegmentationService} builds it. */
        LIFECYCLE,
        /** Events topic, the same Avro deserializer and timestamp extractor, straight to a sink with the same serializer. */
        PASS_THROUGH
    }

    /**
     * @param startToRunning   start() until the client was RUNNING
     * @param startToProcessed start() until the thread had processed every input record (process-total metric)
     * @param startToCommitted start() until the group's committed offsets reached the end of the input, NaN if not awaited
     * @param startToClosed    start() until close() returned, close() called at the end (committed, or processed when
     *                         not awaited): everything processed, flushed, committed
     * @param cpu              CPU time of the whole process (broker included) from start() to the end (before close), by thread
     * @param recordsSent      records the application's producer sent (sinks, changelogs, dead letters)
     * @param sentByTopic      the same per topic, the application id taken out of changelog names
     */
    record Result(String label, String applicationId, long records, double startToRunning, double startToProcessed,
            double startToCommitted, double startToClosed, LifecycleCpu.Breakdown cpu, long recordsSent,
            Map<String, Long> sentByTopic) {

        /** The end of the run: committed when awaited, else processed. */
        double seconds() {
            return Double.isNaN(startToCommitted) ? startToProcessed : startToCommitted;
        }

        double eventsPerSecond() {
            return records / seconds();
        }

        /** The same, from the moment the client was RUNNING (startup, group join and topic creation left out). */
        double eventsPerSecondAfterRunning() {
            return records / (seconds() - startToRunning);
        }

        /** Counted until close() returned: the same end for every guarantee and commit interval. */
        double eventsPerSecondToClosed() {
            return records / startToClosed;
        }
    }

    private LifecycleStreamsRun() {
    }

    /** The Streams settings of {@code SegmentationService.streamsProperties}, with the guarantee and overrides given. */
    static Properties properties(String applicationId, String bootstrap, Path stateDir, String guarantee,
            Map<String, String> overrides) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        // The service advertises its query API here; nothing listens in the benchmark, the setting only travels in metadata.
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, "127.0.0.1:8081");
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 0);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        props.putAll(overrides);
        return props;
    }

    /** What the service runs with by default: the default lifecycle rules, tag rules, behaviour tags and segments. */
    static LifecycleSettings serviceSettings() {
        return SegmentationConfig.fromEnvironment(Map.of()).lifecycle();
    }

    /** The subject's topology for {@code applicationId}; the lifecycle's routing topic is created first. */
    static Topology topology(Subject subject, SchemaRegistryClient registry, Admin admin, String applicationId) {
        return switch (subject) {
            case LIFECYCLE -> {
                RoutingTopic.ensure(admin, applicationId);
                yield SegmentationTopology.build(serviceSettings(), registry, true,
                        applicationId);
            }
            case PASS_THROUGH -> {
                Serde<TrackedEvent> events = Topics.EVENTS.valueSerde(registry, true);
                Topology topology = new Topology();
                topology.addSource(AutoOffsetReset.earliest(), "events-source", new EventTimeExtractor(),
                        Serdes.String().deserializer(), events.deserializer(), Topics.EVENTS.name());
                topology.addSink("pass-through-sink", PASS_THROUGH_TOPIC, Serdes.String().serializer(),
                        events.serializer(), "events-source");
                yield topology;
            }
        };
    }

    /** A registry client of its own, as a freshly started service has. */
    static SchemaRegistryClient registry(String registryUrl) {
        return new HttpSchemaRegistryClient(SchemaRegistryConfig.of(registryUrl));
    }

    /**
     * Runs {@code topology} from offsets {@code from} (committed for the fresh group before it starts)
     * until {@code to}: until the committed offsets reach {@code to} when {@code awaitCommit}, else until
     * the thread has processed every record in between.
     */
    static Result run(String label, Topology topology, Properties props, Admin admin, Map<TopicPartition, Long> from,
            Map<TopicPartition, Long> to, boolean awaitCommit, StateRestoreListener restoreListener) throws Exception {
        return run(label, topology, props, admin, from, to, awaitCommit, restoreListener, false);
    }

    /** As above; {@code keepState} leaves the state directory in place for a restart that should find it. */
    static Result run(String label, Topology topology, Properties props, Admin admin, Map<TopicPartition, Long> from,
            Map<TopicPartition, Long> to, boolean awaitCommit, StateRestoreListener restoreListener, boolean keepState)
            throws Exception {
        String applicationId = props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        long expected = to.entrySet().stream().mapToLong(e -> e.getValue() - from.getOrDefault(e.getKey(), 0L)).sum();
        if (from.values().stream().anyMatch(offset -> offset > 0)) {
            Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
            from.forEach((tp, offset) -> start.put(tp, new OffsetAndMetadata(offset)));
            admin.alterConsumerGroupOffsets(applicationId, start).all().get(30, TimeUnit.SECONDS);
        }
        AtomicLong runningAt = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        KafkaStreams streams = new KafkaStreams(topology, props);
        watch(streams, runningAt, failure);
        if (restoreListener != null) {
            streams.setGlobalStateRestoreListener(restoreListener);
        }
        LifecycleCpu.Snapshot cpuBefore = LifecycleCpu.snapshot();
        long started = System.nanoTime();
        long processedAt = 0;
        long committedAt = 0;
        long lastCommitCheck = 0;
        // Ten minutes, or longer for inputs that take longer at 1,000 events/s.
        long deadline = started + TimeUnit.SECONDS.toNanos(Math.max(600, expected / 1_000));
        List<Metric> processedMetrics = List.of();
        // process-total counts every source topic's records: the routing topic's too, which the application writes
        // to itself. Every input record is processed once process-total reaches the input plus what was sent there.
        String routing = Names.routingTopic(applicationId);
        List<Metric> routedMetrics = List.of();
        long lastRoutedLookup = 0;
        streams.start();
        try {
            while (true) {
                // Polled every 10 ms from metric objects found once: building streams.metrics() is not cheap.
                Thread.sleep(10);
                long now = System.nanoTime();
                if (failure.get() != null) {
                    throw new IllegalStateException(label + ": stream thread failed", failure.get());
                }
                if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING) {
                    throw new IllegalStateException(label + ": streams " + streams.state());
                }
                if (now > deadline) {
                    throw new IllegalStateException(label + ": not done in time, processed "
                            + sum(processedMetrics) + " of " + expected);
                }
                if (processedMetrics.isEmpty() && runningAt.get() != 0) {
                    processedMetrics = metrics(streams,
                            m -> m.group().equals("stream-thread-metrics") && m.name().equals("process-total"));
                }
                if (routedMetrics.isEmpty() && runningAt.get() != 0
                        && now - lastRoutedLookup >= TimeUnit.MILLISECONDS.toNanos(250)) {
                    lastRoutedLookup = now;
                    routedMetrics = metrics(streams, m -> m.group().equals("producer-topic-metrics")
                            && m.name().equals("record-send-total") && routing.equals(m.tags().get("topic")));
                }
                if (processedAt == 0 && sum(processedMetrics) >= expected + sum(routedMetrics)) {
                    processedAt = now;
                    if (!awaitCommit) {
                        break;
                    }
                }
                // The committed offsets are asked for every 250 ms, and every 10 ms once all is processed.
                long every = TimeUnit.MILLISECONDS.toNanos(processedAt == 0 ? 250 : 10);
                if (awaitCommit && now - lastCommitCheck >= every) {
                    lastCommitCheck = now;
                    if (committedReached(admin, applicationId, to)) {
                        committedAt = System.nanoTime();
                        if (processedAt == 0) {
                            processedAt = committedAt;
                        }
                        break;
                    }
                }
            }
            List<Metric> sent = metrics(streams, m -> m.group().equals("producer-metrics") && m.name().equals("record-send-total"));
            Map<String, Metric> byTopic = new java.util.TreeMap<>();
            streams.metrics().forEach((name, metric) -> {
                if (name.group().equals("producer-topic-metrics") && name.name().equals("record-send-total")) {
                    byTopic.put(name.tags().get("topic").replace(applicationId + "-", ""), metric);
                }
            });
            // Per thread before close(), while the application's threads still live.
            LifecycleCpu.Breakdown cpu = LifecycleCpu.since(cpuBefore, applicationId);
            close(streams);
            long closedAt = System.nanoTime();
            return new Result(label, applicationId, expected, seconds(started, runningAt.get()),
                    seconds(started, processedAt), awaitCommit ? seconds(started, committedAt) : Double.NaN,
                    seconds(started, closedAt), cpu, (long) sum(sent), sentByTopic(byTopic));
        } finally {
            close(streams);
            if (!keepState) {
                streams.cleanUp();
            }
        }
    }

    /** Closes and leaves the group, so that a restart with the same application.id does not wait for a session timeout. */
    static void close(KafkaStreams streams) {
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(60)));
    }

    private static Map<String, Long> sentByTopic(Map<String, Metric> byTopic) {
        Map<String, Long> sent = new java.util.TreeMap<>();
        byTopic.forEach((topic, metric) -> sent.put(topic, (long) ((Number) metric.metricValue()).doubleValue()));
        return sent;
    }

    private static double sum(List<Metric> metrics) {
        double total = 0;
        for (Metric m : metrics) {
            if (m.metricValue() instanceof Number n) {
                total += n.doubleValue();
            }
        }
        return total;
    }

    private static List<Metric> metrics(KafkaStreams streams, Function<MetricName, Boolean> which) {
        List<Metric> found = new ArrayList<>();
        for (Map.Entry<MetricName, ? extends Metric> e : streams.metrics().entrySet()) {
            if (which.apply(e.getKey())) {
                found.add(e.getValue());
            }
        }
        return found;
    }

    static boolean committedReached(Admin admin, String group, Map<TopicPartition, Long> to) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        for (Map.Entry<TopicPartition, Long> end : to.entrySet()) {
            OffsetAndMetadata offset = committed.get(end.getKey());
            if (offset == null || offset.offset() < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static double seconds(long from, long to) {
        return to == 0 ? Double.NaN : (to - from) / 1e9;
    }

    /** Notes when the application first reaches RUNNING, and stops it on the first uncaught error. */
    static void watch(KafkaStreams streams, AtomicLong runningAt, AtomicReference<Throwable> failure) {
        streams.setStateListener((next, previous) -> {
            if (next == KafkaStreams.State.RUNNING) {
                runningAt.compareAndSet(0, System.nanoTime());
            }
        });
        streams.setUncaughtExceptionHandler(e -> {
            failure.set(e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    }
}
