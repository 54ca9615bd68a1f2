package io.userops.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * (d) Restoring the lifecycle state from its changelogs after the state directory was wiped, against
 * reading the same changelog topics start to end with a plain consumer.
 */
final class LifecycleRestoreBench {

    /**
     * @param toRunning       start() until the client was RUNNING again
     * @param toLastRestored  start() until the last store partition reported the end of its restoration
     * @param restoredByStore records restored per store, summed over partitions
     */
    record Restore(double toRunning, double toLastRestored, Map<String, Long> restoredByStore) {
        long restored() {
            return restoredByStore.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** One read of topics start to end. */
    record Read(List<String> topics, long records, long bytes, double seconds) {
    }

    private LifecycleRestoreBench() {
    }

    /** Starts the application on a wiped state directory and times it until it is RUNNING. */
    static Restore restore(Topology topology, Properties props) throws Exception {
        Map<String, AtomicLong> restored = new ConcurrentHashMap<>();
        AtomicLong lastEnd = new AtomicLong();
        AtomicLong runningAt = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        KafkaStreams streams = new KafkaStreams(topology, props);
        streams.cleanUp();
        streams.setGlobalStateRestoreListener(new StateRestoreListener() {
            @Override
            public void onRestoreStart(TopicPartition partition, String store, long start, long end) {
            }

            @Override
            public void onBatchRestored(TopicPartition partition, String store, long batchEnd, long count) {
            }

            @Override
            public void onRestoreEnd(TopicPartition partition, String store, long total) {
                restored.computeIfAbsent(store, s -> new AtomicLong()).addAndGet(total);
                lastEnd.set(System.nanoTime());
            }
        });
        LifecycleStreamsRun.watch(streams, runningAt, failure);
        long started = System.nanoTime();
        streams.start();
        try {
            long deadline = started + TimeUnit.MINUTES.toNanos(10);
            while (runningAt.get() == 0) {
                if (failure.get() != null) {
                    throw new IllegalStateException("restore failed", failure.get());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("not RUNNING after 10 minutes: " + streams.state());
                }
                Thread.sleep(2);
            }
            Map<String, Long> byStore = new TreeMap<>();
            restored.forEach((store, n) -> byStore.put(store, n.get()));
            return new Restore((runningAt.get() - started) / 1e9,
                    lastEnd.get() == 0 ? Double.NaN : (lastEnd.get() - started) / 1e9, byStore);
        } finally {
            LifecycleStreamsRun.close(streams);
        }
    }

    /** The application's changelog topics, the lifecycle state's first. */
    static List<String> changelogs(Admin admin, String applicationId) throws Exception {
        List<String> topics = new ArrayList<>(admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                .filter(t -> t.startsWith(applicationId + "-") && t.endsWith("-changelog")).toList());
        topics.sort(Comparator.comparing((String t) -> !t.contains("-lifecycle-state-")).thenComparing(t -> t));
        return topics;
    }

    /**
     * Reads {@code topics} from start to end with a plain consumer, byte-array deserializers,
     * {@code read_committed} as Streams' restore consumer under exactly-once; timed from creating the consumer.
     */
    static Read read(Admin admin, String bootstrap, List<String> topics) throws Exception {
        return read(admin, bootstrap, topics, r -> { });
    }

    /** As {@link #read(Admin, String, List)}, handing every record to {@code each}. */
    static Read read(Admin admin, String bootstrap, List<String> topics,
            java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> each) throws Exception {
        Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
        List<TopicPartition> partitions = new ArrayList<>();
        descriptions.values().forEach(d -> d.partitions().forEach(p -> partitions.add(new TopicPartition(d.name(), p.partition()))));
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        long records = 0;
        long bytes = 0;
        long started = System.nanoTime();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<TopicPartition> open = new ArrayList<>(partitions);
            long deadline = started + TimeUnit.MINUTES.toNanos(5);
            while (!open.isEmpty()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    each.accept(r);
                    records++;
                    bytes += (r.key() == null ? 0 : r.key().length) + (r.value() == null ? 0 : r.value().length);
                }
                open.removeIf(tp -> consumer.position(tp) >= end.get(tp));
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + topics + " took more than 5 minutes");
                }
            }
        }
        return new Read(topics, records, bytes, (System.nanoTime() - started) / 1e9);
    }

    static Path stateDir(Properties props) {
        return Path.of(props.getProperty(org.apache.kafka.streams.StreamsConfig.STATE_DIR_CONFIG));
    }
}
