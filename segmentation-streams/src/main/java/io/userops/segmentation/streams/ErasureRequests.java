package io.userops.segmentation.streams;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Puts an erasure command for one id into the topology, on its routing topic keyed by the id, so that the
 * task owning the id's partition erases it inside its own transaction, in order with the id's events.
 */
public final class ErasureRequests implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final RoutedSerde serde = new RoutedSerde(null);

    public ErasureRequests(String bootstrapServers, String applicationId) {
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.CLIENT_ID_CONFIG, applicationId + "-erasures"),
                Serdes.String().serializer(), Serdes.ByteArray().serializer());
        this.topic = Names.routingTopic(applicationId);
    }

    /** Completes when the broker holds the command. */
    public CompletableFuture<Void> request(String id, String requestId, Instant requestedAt, Instant suppressUntil) {
        byte[] command = serde.serializer().serialize(topic, new Routed.Erase(requestId, requestedAt, suppressUntil, null));
        CompletableFuture<Void> sent = new CompletableFuture<>();
        producer.send(new ProducerRecord<>(topic, null, requestedAt.toEpochMilli(), id, command), (metadata, error) -> {
            if (error != null) {
                sent.completeExceptionally(error);
            } else {
                sent.complete(null);
            }
        });
        return sent;
    }

    @Override
    public void close() {
        producer.close();
    }
}
