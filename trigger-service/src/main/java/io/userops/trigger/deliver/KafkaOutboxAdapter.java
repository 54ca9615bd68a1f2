package io.userops.trigger.deliver;

import io.userops.avro.Channel;
import io.userops.avro.MessageRequest;
import io.userops.schemas.registry.SchemaRegistryClient;
import io.userops.schemas.registry.SchemaRegistryException;
import io.userops.schemas.topics.TopicSpec;
import io.userops.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Push and SMS: the message goes, as it is, to {@code userops.push-outbox.v1} or
 * {@code userops.sms-outbox.v1} keyed by messageId, for a downstream gateway. Delivered means the
 * broker acknowledged the record (the producer is idempotent with acks=all).
 */
public final class KafkaOutboxAdapter implements DeliveryAdapter {

    /** Sends are cheap and pipelined, so the bound is high; it only caps memory. */
    public static final int CONCURRENCY = 1_000;

    private final Producer<byte[], byte[]> producer;
    private final Map<Channel, TopicSpec<MessageRequest>> topics = Map.of(
            Channel.PUSH, Topics.PUSH_OUTBOX, Channel.SMS, Topics.SMS_OUTBOX);
    private final Map<Channel, Serializer<MessageRequest>> serializers;

    /** Sends with {@code producer}, which the caller owns and closes. */
    public KafkaOutboxAdapter(Producer<byte[], byte[]> producer, SchemaRegistryClient registry) {
        this.producer = producer;
        this.serializers = Map.of(
                Channel.PUSH, Topics.PUSH_OUTBOX.valueSerde(registry).serializer(),
                Channel.SMS, Topics.SMS_OUTBOX.valueSerde(registry).serializer());
    }

    @Override
    public String endpointOf(MessageRequest message) {
        TopicSpec<MessageRequest> topic = topics.get(message.getChannel());
        return "kafka:" + (topic == null ? "none" : topic.name());
    }

    @Override
    public int concurrencyPerEndpoint() {
        return CONCURRENCY;
    }

    @Override
    public CompletableFuture<DeliveryOutcome> attempt(MessageRequest message) {
        TopicSpec<MessageRequest> topic = topics.get(message.getChannel());
        if (topic == null) {
            return CompletableFuture.completedFuture(DeliveryOutcome.permanent(FailureReason.UNSUPPORTED_CHANNEL));
        }
        if (message.getRecipient() == null || message.getRecipient().isBlank()) {
            return CompletableFuture.completedFuture(DeliveryOutcome.permanent(FailureReason.MISSING_RECIPIENT));
        }
        CompletableFuture<DeliveryOutcome> outcome = new CompletableFuture<>();
        try {
            byte[] value = serializers.get(message.getChannel()).serialize(topic.name(), message);
            producer.send(new ProducerRecord<>(topic.name(), message.getMessageId().getBytes(StandardCharsets.UTF_8),
                    value), (metadata, error) -> outcome.complete(error == null ? DeliveryOutcome.delivered()
                    : outcomeOf(error)));
        } catch (RuntimeException e) {
            outcome.complete(outcomeOf(e));
        }
        return outcome;
    }

    /** Broker-side retriable errors and an unreachable schema registry are transient; the rest is not. */
    static DeliveryOutcome outcomeOf(Exception error) {
        if (error instanceof RetriableException) {
            return DeliveryOutcome.retryLater("kafka_unavailable");
        }
        if (error instanceof SchemaRegistryException registry && registry.errorCode() == SchemaRegistryException.UNREACHABLE) {
            return DeliveryOutcome.retryLater("schema_registry_unavailable");
        }
        return DeliveryOutcome.permanent(FailureReason.OUTBOX_REJECTED);
    }
}
