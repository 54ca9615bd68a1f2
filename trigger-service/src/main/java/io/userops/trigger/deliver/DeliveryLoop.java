package io.userops.trigger.deliver;

import io.micrometer.core.instrument.MeterRegistry;
import io.userops.avro.CampaignEvent;
import io.userops.avro.CampaignEventKind;
import io.userops.avro.Channel;
import io.userops.avro.MessageRequest;
import io.userops.schemas.registry.HttpSchemaRegistryClient;
import io.userops.schemas.registry.SchemaRegistryClient;
import io.userops.schemas.registry.SchemaRegistryException;
import io.userops.schemas.serde.WireFormatException;
import io.userops.schemas.topics.DeadLetterHeaders;
import io.userops.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery stage: reads {@code userops.messages.v1}, delivers each message through the
 * {@link DeliveryDispatcher}, writes a DELIVERED or FAILED {@link CampaignEvent} for it (and the
 * record as read to {@code userops.dead-letter.v1} when it cannot be delivered), and commits.
 *
 * <p>At least once: an offset is committed only when every message before it in its partition is
 * finished, and a message is finished only when its event and dead letter are acknowledged by the
 * broker. A partition with {@code maxPendingPerPartition} unfinished messages is paused until half
 * of them finish. The consumer belongs to one thread ({@code userops-delivery-poll}); the
 * dispatcher and producer callbacks hand their results to it through an inbox.
 */
public final class DeliveryLoop implements AutoCloseable {

    public static final String STAGE = "delivery";
    private static final Logger log = LoggerFactory.getLogger(DeliveryLoop.class);

    private final DeliveryConfig config;
    private final Clock clock;
    private final DeliveryMetrics metrics;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final DeliveryDispatcher dispatcher;
    private final Deserializer<MessageRequest> messages;
    private final Serializer<CampaignEvent> events;
    private final BlockingQueue<Runnable> inbox = new LinkedBlockingQueue<>();
    private final AtomicInteger outputsInFlight = new AtomicInteger();
    private final Thread thread;
    private volatile boolean stopRequested;
    private volatile Throwable failure;

    // Owned by the poll thread.
    private final Map<TopicPartition, PartitionState> partitions = new HashMap<>();
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    private Instant lastCommit = Instant.EPOCH;

    private DeliveryLoop(DeliveryConfig config, SchemaRegistryClient registry, MeterRegistry meters, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.metrics = new DeliveryMetrics(meters);
        this.messages = Topics.MESSAGES.valueSerde(registry).deserializer();
        this.events = Topics.CAMPAIGN_EVENTS.valueSerde(registry).serializer();
        this.producer = new KafkaProducer<>(producerSettings(config), new ByteArraySerializer(),
                new ByteArraySerializer());
        try {
            this.consumer = new KafkaConsumer<>(consumerSettings(config), new ByteArrayDeserializer(),
                    new ByteArrayDeserializer());
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            throw e;
        }
        this.dispatcher = new DeliveryDispatcher(adapters(config, registry, producer, clock), config.retry(),
                config.attemptTimeout(), metrics, clock);
        this.thread = new Thread(this::run, "userops-delivery-poll");
    }

    private static Map<Channel, DeliveryAdapter> adapters(DeliveryConfig config, SchemaRegistryClient registry,
            KafkaProducer<byte[], byte[]> producer, Clock clock) {
        Map<Channel, DeliveryAdapter> adapters = new EnumMap<>(Channel.class);
        adapters.put(Channel.WEBHOOK, new WebhookAdapter(config.webhooks(), clock));
        config.smtp().ifPresent(smtp -> adapters.put(Channel.EMAIL, new EmailAdapter(smtp, clock)));
        KafkaOutboxAdapter outbox = new KafkaOutboxAdapter(producer, registry);
        adapters.put(Channel.PUSH, outbox);
        adapters.put(Channel.SMS, outbox);
        return adapters;
    }

    /** Starts delivering with a registry client built from the config and the system clock. */
    public static DeliveryLoop start(DeliveryConfig config, MeterRegistry meters) {
        return start(config, new HttpSchemaRegistryClient(config.registry()), meters, Clock.systemUTC());
    }

    /** Starts the poll thread and returns; delivery begins once the group assigns partitions. */
    public static DeliveryLoop start(DeliveryConfig config, SchemaRegistryClient registry, MeterRegistry meters,
            Clock clock) {
        log.info("delivery starting: {}", config);
        DeliveryLoop loop = new DeliveryLoop(config, registry, meters, clock);
        loop.thread.start();
        return loop;
    }

    static Map<String, Object> consumerSettings(DeliveryConfig config) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // The decision stage writes in transactions: only committed messages are delivered.
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, config.groupId() + "-consumer");
        // A rebalance takes away only the partitions that move, so attempts elsewhere are not abandoned.
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        props.putAll(config.consumerOverrides());
        return props;
    }

    static Map<String, Object> producerSettings(DeliveryConfig config) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, config.groupId() + "-producer");
        props.putAll(config.producerOverrides());
        return props;
    }

    /** Polling and delivering, not stopped and not failed. */
    public boolean isRunning() {
        return thread.isAlive() && failure == null && !stopRequested;
    }

    /** Why the loop stopped by itself (a broker refusing our output, an unreachable schema registry). */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    private void run() {
        try {
            consumer.subscribe(List.of(Topics.MESSAGES.name()), new Rebalance());
            while (!stopRequested && failure == null) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(config.pollTimeout())) {
                    admit(record);
                    if (failure != null) {
                        break;
                    }
                }
                drainInbox();
                adjustPauses();
                if (Duration.between(lastCommit, clock.instant()).compareTo(config.commitInterval()) >= 0) {
                    commitAsync();
                }
            }
        } catch (RuntimeException | Error e) {
            fail(e);
        } finally {
            shutDown();
        }
    }

    private void admit(ConsumerRecord<byte[], byte[]> record) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        PartitionState state = partitions.get(tp);
        if (state == null) {
            return;
        }
        if (record.value() == null) {
            state.progress.started(record.offset());
            deadLetterUnreadable(state, record, FailureReason.EMPTY_VALUE, "record without a value");
            return;
        }
        MessageRequest message;
        try {
            message = messages.deserialize(record.topic(), record.headers(), record.value());
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == SchemaRegistryException.UNREACHABLE) {
                // Not the record's fault: stop rather than dead-letter good messages; a restart resumes here.
                fail(e);
                return;
            }
            state.progress.started(record.offset());
            deadLetterUnreadable(state, record, "schema_" + e.errorCode(), String.valueOf(e.getMessage()));
            return;
        } catch (RuntimeException e) {
            state.progress.started(record.offset());
            String reason = e instanceof WireFormatException wire ? wire.reason().name() : e.getClass().getSimpleName();
            deadLetterUnreadable(state, record, reason, String.valueOf(e.getMessage()));
            return;
        }
        state.progress.started(record.offset());
        DeliveryDispatcher.Submission submission = dispatcher.submit(message);
        state.live.put(record.offset(), submission);
        submission.verdict().thenAccept(verdict -> inbox.add(() -> verdictReached(state, record, message, verdict)));
    }

    private void verdictReached(PartitionState state, ConsumerRecord<byte[], byte[]> record, MessageRequest message,
            Verdict verdict) {
        if (verdict instanceof Verdict.Abandoned) {
            state.live.remove(record.offset());
            return;
        }
        List<ProducerRecord<byte[], byte[]>> outputs = new ArrayList<>(2);
        if (verdict instanceof Verdict.Delivered) {
            log.debug("delivered message {} of campaign {}", message.getMessageId(), message.getCampaignId());
            outputs.add(campaignEvent(message, CampaignEventKind.DELIVERED, null));
        } else if (verdict instanceof Verdict.Failed failed) {
            outputs.add(campaignEvent(message, CampaignEventKind.FAILED, failed.reason()));
            if (failed.deadLetter()) {
                log.warn("dead-lettering message {} ({}-{}@{}): {}", message.getMessageId(), record.topic(),
                        record.partition(), record.offset(), failed.reason());
                outputs.add(deadLetter(record, failed.reason(), failed.detail()));
                metrics.deadLettered(failed.reason());
            } else {
                log.debug("message {} failed: {}", message.getMessageId(), failed.reason());
            }
        }
        send(outputs, () -> finished(state, record.offset()));
    }

    private void deadLetterUnreadable(PartitionState state, ConsumerRecord<byte[], byte[]> record, String reason,
            String detail) {
        log.warn("dead-lettering unreadable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                reason);
        metrics.deadLettered(reason);
        send(List.of(deadLetter(record, reason, detail)), () -> finished(state, record.offset()));
    }

    private ProducerRecord<byte[], byte[]> campaignEvent(MessageRequest message, CampaignEventKind kind, String reason) {
        CampaignEvent event = CampaignEvent.newBuilder()
                .setCampaignId(message.getCampaignId())
                .setUserId(message.getUserId())
                .setKind(kind)
                .setReason(reason)
                .setTriggerId(message.getTriggerId())
                .setMessageId(message.getMessageId())
                .setOccurredAt(clock.instant())
                .build();
        String topic = Topics.CAMPAIGN_EVENTS.name();
        return new ProducerRecord<>(topic, message.getUserId().getBytes(StandardCharsets.UTF_8),
                events.serialize(topic, event));
    }

    private static ProducerRecord<byte[], byte[]> deadLetter(ConsumerRecord<byte[], byte[]> record, String reason,
            String detail) {
        RecordHeaders headers = new RecordHeaders();
        DeadLetterHeaders.put(headers, DeadLetterHeaders.STAGE, STAGE);
        DeadLetterHeaders.put(headers, DeadLetterHeaders.REASON, reason);
        DeadLetterHeaders.put(headers, DeadLetterHeaders.MESSAGE, detail);
        DeadLetterHeaders.put(headers, DeadLetterHeaders.ORIGIN_TOPIC, record.topic());
        DeadLetterHeaders.put(headers, DeadLetterHeaders.ORIGIN_PARTITION, record.partition());
        DeadLetterHeaders.put(headers, DeadLetterHeaders.ORIGIN_OFFSET, record.offset());
        return new ProducerRecord<>(Topics.DEAD_LETTER.name(), null, null, record.key(), record.value(), headers);
    }

    /** Sends the records; once the broker has acknowledged all of them, {@code then} runs on the poll thread. */
    private void send(List<ProducerRecord<byte[], byte[]>> records, Runnable then) {
        AtomicInteger remaining = new AtomicInteger(records.size());
        AtomicBoolean settled = new AtomicBoolean();
        outputsInFlight.incrementAndGet();
        for (ProducerRecord<byte[], byte[]> record : records) {
            try {
                producer.send(record, (metadata, error) -> {
                    if (error != null) {
                        if (settled.compareAndSet(false, true)) {
                            inbox.add(() -> fail(error));
                            outputsInFlight.decrementAndGet();
                        }
                    } else if (remaining.decrementAndGet() == 0 && settled.compareAndSet(false, true)) {
                        inbox.add(then);
                        outputsInFlight.decrementAndGet();
                    }
                });
            } catch (RuntimeException e) {
                if (settled.compareAndSet(false, true)) {
                    outputsInFlight.decrementAndGet();
                }
                fail(e);
                return;
            }
        }
    }

    private void finished(PartitionState state, long offset) {
        state.live.remove(offset);
        if (partitions.get(state.partition) == state) {
            state.progress.finished(offset);
        }
    }

    private void drainInbox() {
        for (Runnable next = inbox.poll(); next != null; next = inbox.poll()) {
            next.run();
        }
    }

    private void adjustPauses() {
        Set<TopicPartition> paused = consumer.paused();
        List<TopicPartition> pause = new ArrayList<>();
        List<TopicPartition> resume = new ArrayList<>();
        int max = config.maxPendingPerPartition();
        for (PartitionState state : partitions.values()) {
            int unfinished = state.progress.unfinishedCount();
            boolean isPaused = paused.contains(state.partition);
            if (!isPaused && unfinished >= max) {
                pause.add(state.partition);
            } else if (isPaused && unfinished <= max / 2) {
                resume.add(state.partition);
            }
        }
        if (!pause.isEmpty()) {
            log.debug("pausing {}: {} or more messages unfinished", pause, max);
            consumer.pause(pause);
        }
        if (!resume.isEmpty()) {
            log.debug("resuming {}", resume);
            consumer.resume(resume);
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> committable(Collection<PartitionState> states) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (PartitionState state : states) {
            OptionalLong next = state.progress.committable();
            if (next.isPresent() && next.getAsLong() > committed.getOrDefault(state.partition, -1L)) {
                offsets.put(state.partition, new OffsetAndMetadata(next.getAsLong()));
            }
        }
        return offsets;
    }

    private void commitAsync() {
        lastCommit = clock.instant();
        Map<TopicPartition, OffsetAndMetadata> offsets = committable(partitions.values());
        if (offsets.isEmpty()) {
            return;
        }
        consumer.commitAsync(offsets, (done, error) -> {
            if (error != null) {
                log.warn("committing delivery offsets failed (the next commit covers them): {}", error.toString());
            } else {
                done.forEach((tp, offset) -> committed.merge(tp, offset.offset(), Math::max));
            }
        });
    }

    private void commitSync(Collection<PartitionState> states) {
        Map<TopicPartition, OffsetAndMetadata> offsets = committable(states);
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets, Duration.ofSeconds(10));
            offsets.forEach((tp, offset) -> committed.merge(tp, offset.offset(), Math::max));
            log.debug("committed {}", offsets);
        } catch (RuntimeException e) {
            log.warn("committing delivery offsets failed; their messages will be delivered again: {}", e.toString());
        }
    }

    private void fail(Throwable error) {
        if (failure == null) {
            failure = error;
            log.error("delivery stopped: {}", error.toString(), error);
        }
    }

    private void shutDown() {
        Instant deadline = clock.instant().plus(config.shutdownTimeout());
        CompletableFuture<Void> drained = dispatcher.drain();
        int unfinished = partitions.values().stream().mapToInt(s -> s.progress.unfinishedCount()).sum();
        log.info("delivery stopping: {} messages unfinished, up to {} for running attempts", unfinished,
                config.shutdownTimeout());
        try {
            while (clock.instant().isBefore(deadline)) {
                Runnable next = inbox.poll(10, TimeUnit.MILLISECONDS);
                if (next != null) {
                    next.run();
                    drainInbox();
                }
                if (drained.isDone() && outputsInFlight.get() == 0 && inbox.isEmpty()) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        commitSync(partitions.values());
        int left = partitions.values().stream().mapToInt(s -> s.progress.unfinishedCount()).sum();
        dispatcher.close();
        try {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        } catch (RuntimeException e) {
            log.warn("closing the delivery consumer failed: {}", e.toString());
        }
        producer.close(Duration.ofSeconds(5));
        log.info("delivery stopped; {} unfinished messages left for the next start", left);
    }

    /** Stops polling, lets running attempts finish within the shutdown timeout, commits what finished. */
    @Override
    public void close() {
        stopRequested = true;
        if (Thread.currentThread() != thread) {
            try {
                thread.join(config.shutdownTimeout().plusSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                log.warn("the delivery poll thread did not stop in time");
            }
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            for (TopicPartition tp : assigned) {
                partitions.put(tp, new PartitionState(tp));
                committed.remove(tp);
            }
            if (!assigned.isEmpty()) {
                log.info("delivery assigned {}", assigned);
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            drainInbox();
            List<PartitionState> leaving = states(revoked);
            commitSync(leaving);
            forget(leaving);
            if (!revoked.isEmpty()) {
                log.info("delivery revoked {}; unfinished messages there are left to the next owner", revoked);
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            forget(states(lost));
            log.info("delivery lost {}; unfinished messages there are left to the next owner", lost);
        }

        private List<PartitionState> states(Collection<TopicPartition> tps) {
            List<PartitionState> states = new ArrayList<>();
            for (TopicPartition tp : tps) {
                PartitionState state = partitions.get(tp);
                if (state != null) {
                    states.add(state);
                }
            }
            return states;
        }

        private void forget(List<PartitionState> states) {
            Set<TopicPartition> gone = new HashSet<>();
            for (PartitionState state : states) {
                state.live.values().forEach(DeliveryDispatcher.Submission::cancel);
                partitions.remove(state.partition);
                committed.remove(state.partition);
                gone.add(state.partition);
            }
            log.debug("forgot {}", gone);
        }
    }

    private static final class PartitionState {
        final TopicPartition partition;
        final PartitionProgress progress = new PartitionProgress();
        final Map<Long, DeliveryDispatcher.Submission> live = new HashMap<>();

        PartitionState(TopicPartition partition) {
            this.partition = partition;
        }
    }
}
