package io.userops.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The lag of consumer groups, read the way an operator would with {@code kafka-consumer-groups}, no agent: the
 * committed offsets (Admin API) against the last stable offsets of the partitions (read_committed, so open and
 * aborted transactions do not count as lag), and the age of the oldest unconsumed record, read by a consumer of
 * its own that belongs to no group and commits nothing. Also the freshness of a topic: how old the newest record
 * is. Not thread-safe: one caller at a time.
 */
public final class LagMonitor implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration PEEK_TIMEOUT = Duration.ofSeconds(2);

    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> peeker;
    private final Clock clock;

    public LagMonitor(String bootstrapServers, Clock clock) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "userops-lag-monitor");
        this.peeker = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.clock = clock;
    }

    /**
     * Every partition the group has committed offsets for, ordered by topic and partition; empty when the group
     * committed nothing yet.
     */
    public List<PartitionLag> lag(String group) {
        Map<TopicPartition, OffsetAndMetadata> committed = get(admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata());
        Map<TopicPartition, Long> ends = endOffsets(committed.keySet());
        Instant now = clock.instant();
        Map<TopicPartition, Long> behind = new HashMap<>();
        committed.forEach((tp, offset) -> {
            if (offset != null && ends.getOrDefault(tp, 0L) > offset.offset()) {
                behind.put(tp, offset.offset());
            }
        });
        Map<TopicPartition, Instant> oldest = oldestUnconsumed(behind);
        List<PartitionLag> lags = new ArrayList<>();
        committed.forEach((tp, offset) -> {
            if (offset == null) {
                return;
            }
            long end = ends.getOrDefault(tp, offset.offset());
            long records = Math.max(0, end - offset.offset());
            Optional<Instant> oldestAt = Optional.ofNullable(oldest.get(tp));
            Duration age = oldestAt.map(at -> Duration.between(at, now)).filter(d -> !d.isNegative()).orElse(Duration.ZERO);
            lags.add(new PartitionLag(group, tp.topic(), tp.partition(), offset.offset(), end, records, oldestAt, age));
        });
        lags.sort(Comparator.comparing(PartitionLag::topic).thenComparingInt(PartitionLag::partition));
        return lags;
    }

    /** The timestamp of the newest committed record of {@code topic}, over all partitions; empty when it has none. */
    public Optional<Instant> newestRecordAt(String topic) {
        List<TopicPartition> partitions = new ArrayList<>();
        peeker.partitionsFor(topic, TIMEOUT).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        Map<TopicPartition, Long> ends = endOffsets(partitions);
        Map<TopicPartition, Long> from = new HashMap<>();
        // The last records of a partition may be transaction markers: a few offsets back finds a data record.
        ends.forEach((tp, end) -> {
            if (end > 0) {
                from.put(tp, Math.max(0, end - 10));
            }
        });
        Instant newest = null;
        for (ConsumerRecord<byte[], byte[]> r : read(from, ends)) {
            Instant at = Instant.ofEpochMilli(r.timestamp());
            newest = newest == null || at.isAfter(newest) ? at : newest;
        }
        return Optional.ofNullable(newest);
    }

    private Map<TopicPartition, Instant> oldestUnconsumed(Map<TopicPartition, Long> from) {
        Map<TopicPartition, Instant> oldest = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : readFirst(from)) {
            TopicPartition tp = new TopicPartition(r.topic(), r.partition());
            oldest.putIfAbsent(tp, Instant.ofEpochMilli(r.timestamp()));
        }
        return oldest;
    }

    /** The first data record at or after each offset (a transaction marker is skipped by the consumer). */
    private List<ConsumerRecord<byte[], byte[]>> readFirst(Map<TopicPartition, Long> from) {
        List<ConsumerRecord<byte[], byte[]>> first = new ArrayList<>();
        if (from.isEmpty()) {
            return first;
        }
        peeker.assign(from.keySet());
        from.forEach(peeker::seek);
        Map<TopicPartition, Boolean> found = new HashMap<>();
        long deadline = System.nanoTime() + PEEK_TIMEOUT.toNanos();
        while (found.size() < from.size() && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : peeker.poll(Duration.ofMillis(100))) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                if (found.putIfAbsent(tp, true) == null) {
                    first.add(r);
                    peeker.pause(List.of(tp));
                }
            }
        }
        peeker.resume(peeker.paused());
        peeker.assign(List.of());
        return first;
    }

    private List<ConsumerRecord<byte[], byte[]>> read(Map<TopicPartition, Long> from, Map<TopicPartition, Long> until) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        if (from.isEmpty()) {
            return records;
        }
        peeker.assign(from.keySet());
        from.forEach(peeker::seek);
        List<TopicPartition> open = new ArrayList<>(from.keySet());
        long deadline = System.nanoTime() + PEEK_TIMEOUT.toNanos();
        while (!open.isEmpty() && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : peeker.poll(Duration.ofMillis(100))) {
                records.add(r);
            }
            open.removeIf(tp -> peeker.position(tp) >= until.get(tp));
        }
        peeker.assign(List.of());
        return records;
    }

    private Map<TopicPartition, Long> endOffsets(Iterable<TopicPartition> partitions) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        if (request.isEmpty()) {
            return ends;
        }
        get(admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all())
                .forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the cluster", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the cluster did not answer: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        peeker.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }
}
