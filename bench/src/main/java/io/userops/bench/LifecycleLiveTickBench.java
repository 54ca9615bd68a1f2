package io.userops.bench;

import io.userops.avro.LifecycleStage;
import io.userops.avro.LifecycleTransition;
import io.userops.deploy.EmbeddedStack;
import io.userops.schemas.registry.SchemaRegistryClient;
import io.userops.schemas.topics.Topics;
import io.userops.segmentation.lifecycle.LifecycleRules;
import io.userops.segmentation.streams.LifecycleSettings;
import io.userops.segmentation.streams.Names;
import io.userops.segmentation.streams.RoutingTopic;
import io.userops.segmentation.streams.SegmentationTopology;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * (c) on a running application instead of the TopologyTestDriver, whose capture of every produced record runs
 * inside the call that fires a tick: the real topology under exactly_once_v2 on the embedded broker, one stream
 * thread. The population is processed first; then the users to wake are sent, each last active exactly the AT_RISK
 * silence before a second {@code T0} a little later, so that the first wall-clock tick at or after {@code T0} wakes
 * them all. Measured: the stream thread's CPU time from just before {@code T0} until every transition is
 * committed, less its idle rate measured just before; the producer's network thread apart. Yardstick: full scans of
 * the lifecycle store through interactive queries, in this thread.
 */
final class LifecycleLiveTickBench {

    private static final Duration IDLE_SAMPLE = Duration.ofSeconds(8);

    record Result(int users, int due, long transitions, double tickCpuMillis, double producerCpuMillis,
            double idleCpuMillisPerSecond, double windowSeconds, long[] scanCpuNanos, long scanned) {

        double medianScanMillis() {
            return LifecycleTickBench.median(scanCpuNanos) / 1e6;
        }

        double ratio() {
            return tickCpuMillis / medianScanMillis();
        }
    }

    private LifecycleLiveTickBench() {
    }

    static Result run(int users, EmbeddedStack stack, Admin admin, Path dir, String nonce) throws Exception {
        int due = users / 100;
        Duration silence = LifecycleRules.defaults().atRisk().silentFor();
        LifecycleSettings settings = LifecycleTickBench.settingsForTicks(Math.max(10_000, 2 * due));
        String applicationId = "bench-live-tick-" + nonce + "-" + users;
        Properties props = LifecycleStreamsRun.properties(applicationId, stack.bootstrapServers(),
                dir.resolve("live-tick"), StreamsConfig.EXACTLY_ONCE_V2, Map.of());
        SchemaRegistryClient registry = LifecycleStreamsRun.registry(stack.registryUrl());
        RoutingTopic.ensure(admin, applicationId);

        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // The rest: last active from two hours after the silence before now onwards, so none falls due near T0.
        LifecycleTraffic.Input rest = LifecycleTraffic.produce(admin, stack.bootstrapServers(), stack.registryClient(),
                users - due, LifecycleTraffic.onePerUser("live-" + nonce + "-", users - due,
                        start.minus(silence).plus(Duration.ofHours(2)), start.minusSeconds(1)));
        Map<TopicPartition, OffsetAndMetadata> from = new HashMap<>();
        rest.from().forEach((tp, offset) -> from.put(tp, new OffsetAndMetadata(offset)));
        admin.alterConsumerGroupOffsets(applicationId, from).all().get(30, TimeUnit.SECONDS);

        AtomicReference<Throwable> failure = new AtomicReference<>();
        KafkaStreams streams = new KafkaStreams(SegmentationTopology.build(settings, registry, true, applicationId),
                props);
        LifecycleStreamsRun.watch(streams, new AtomicLong(), failure);
        streams.start();
        try {
            long began = System.nanoTime();
            while (!LifecycleStreamsRun.committedReached(admin, applicationId, rest.to())) {
                check(failure);
                Thread.sleep(250);
            }
            System.out.printf("  (c, live) %,d users processed in %.1f s%n", users - due, (System.nanoTime() - began) / 1e9);

            // The first round warms the wake path up (the events before it never woke anybody); the second is measured.
            Tick tick = null;
            for (int round = 0; round < 2; round++) {
                tick = tick(stack, admin, registry, applicationId, nonce + "-" + round, due, silence, failure);
                System.out.printf("  (c, live) %s: %,d AT_RISK transitions committed of %,d due; stream thread %.1f ms"
                                + " less %.2f ms/s idle over %.2f s = %.1f ms; its producer's network thread %.1f ms%n",
                        round == 0 ? "warm-up round, discarded" : "measured round", tick.transitions(), due,
                        tick.tickCpuMillis() + tick.idlePerSecond() * tick.windowSeconds(), tick.idlePerSecond(),
                        tick.windowSeconds(), tick.tickCpuMillis(), tick.producerCpuMillis());
            }
            ReadOnlyKeyValueStore<String, Object> states = streams.store(StoreQueryParameters.fromNameAndType(
                    Names.LIFECYCLE_STORE, QueryableStoreTypes.keyValueStore()));
            LifecycleTickBench.Scans scans = LifecycleTickBench.scan(states::all);
            return new Result(users, due, tick.transitions(), tick.tickCpuMillis(), tick.producerCpuMillis(),
                    tick.idlePerSecond(), tick.windowSeconds(), scans.cpuNanos(), scans.entries());
        } finally {
            LifecycleStreamsRun.close(streams);
            streams.cleanUp();
        }
    }

    private record Tick(long transitions, double tickCpuMillis, double producerCpuMillis, double idlePerSecond,
            double windowSeconds) {
    }

    /**
     * Sends {@code due} users last active exactly the AT_RISK silence before a second {@code T0} 45 s ahead (live
     * mode follows stream time while events older than the catch-up lag, 30 s, keep arriving), then measures the
     * stream thread from just before {@code T0} until all their transitions are committed.
     */
    private static Tick tick(EmbeddedStack stack, Admin admin, SchemaRegistryClient registry, String applicationId,
            String prefix, int due, Duration silence, AtomicReference<Throwable> failure) throws Exception {
        Instant t0 = Instant.now().plusSeconds(45).truncatedTo(ChronoUnit.SECONDS);
        LifecycleTraffic.produce(admin, stack.bootstrapServers(),
                stack.registryClient(), due, LifecycleTraffic.onePerUser("live-due-" + prefix + "-", due,
                        t0.minus(silence).minusMillis(999), t0.minus(silence)));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long streamThread = thread(applicationId, "StreamThread-1", false);
        long producerThread = thread(applicationId, "StreamThread-1-producer", true);
        sleepUntil(t0.minus(IDLE_SAMPLE).minusSeconds(2));
        long idle0 = threads.getThreadCpuTime(streamThread);
        long idleWall0 = System.nanoTime();
        sleepUntil(t0.minusSeconds(2));
        long idleNanos = threads.getThreadCpuTime(streamThread) - idle0;
        double idleSeconds = (System.nanoTime() - idleWall0) / 1e9;

        long cpu0 = threads.getThreadCpuTime(streamThread);
        long producer0 = threads.getThreadCpuTime(producerThread);
        long wall0 = System.nanoTime();
        long transitions = awaitTransitions(stack, registry, "live-due-" + prefix + "-", due, t0.plusSeconds(60),
                failure);
        // The commit that made them visible has happened; a little longer for the thread's own bookkeeping.
        Thread.sleep(500);
        long tickNanos = threads.getThreadCpuTime(streamThread) - cpu0;
        long producerNanos = threads.getThreadCpuTime(producerThread) - producer0;
        double windowSeconds = (System.nanoTime() - wall0) / 1e9;
        double idlePerSecond = idleNanos / 1e6 / idleSeconds;
        return new Tick(transitions, tickNanos / 1e6 - idlePerSecond * windowSeconds, producerNanos / 1e6,
                idlePerSecond, windowSeconds);
    }

    /** AT_RISK transitions of the due users, read committed, once all {@code due} are there or at the deadline. */
    private static long awaitTransitions(EmbeddedStack stack, SchemaRegistryClient registry, String keyPrefix, int due,
            Instant deadline, AtomicReference<Throwable> failure)
            throws Exception {
        Deserializer<LifecycleTransition> values = Topics.LIFECYCLE_TRANSITIONS.valueSerde(registry).deserializer();
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, LifecycleTransition> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                values)) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(Topics.LIFECYCLE_TRANSITIONS.name())
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            long found = 0;
            while (found < due && Instant.now().isBefore(deadline)) {
                check(failure);
                for (ConsumerRecord<String, LifecycleTransition> r : consumer.poll(Duration.ofMillis(20))) {
                    if (r.value().getTo() == LifecycleStage.AT_RISK && r.key().startsWith(keyPrefix)) {
                        found++;
                    }
                }
            }
            return found;
        }
    }

    private static long thread(String applicationId, String suffix, boolean producer) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            String name = t.getName();
            if (name.contains(applicationId) && name.endsWith(suffix)
                    && producer == name.startsWith("kafka-producer-network-thread")) {
                return t.getId();
            }
        }
        throw new IllegalStateException("no thread named ..." + suffix + " of " + applicationId);
    }

    private static void sleepUntil(Instant at) throws InterruptedException {
        long millis = Duration.between(Instant.now(), at).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    private static void check(AtomicReference<Throwable> failure) {
        if (failure.get() != null) {
            throw new IllegalStateException("the application failed", failure.get());
        }
    }
}
