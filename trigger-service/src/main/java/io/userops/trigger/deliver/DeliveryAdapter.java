package io.userops.trigger.deliver;

import io.userops.avro.MessageRequest;
import java.util.concurrent.CompletableFuture;

/**
 * One channel's way of delivering a message: webhook, SMTP, or a Kafka outbox topic. An attempt
 * never blocks the caller; the future completes with an outcome (an exception counts as a transient
 * failure). Retries, backoff and concurrency belong to the {@link DeliveryDispatcher}, not here.
 */
public interface DeliveryAdapter extends AutoCloseable {

    /**
     * The endpoint the message goes to, as a name without secrets or personal data (e.g.
     * {@code webhook:default}, {@code smtp:mail.example.com:587}). Messages of one endpoint share its
     * concurrency bound, and a 410 from it disables all of them.
     */
    String endpointOf(MessageRequest message);

    /** How many attempts may run at once against one endpoint. */
    int concurrencyPerEndpoint();

    /** Tries to deliver once. */
    CompletableFuture<DeliveryOutcome> attempt(MessageRequest message);

    @Override
    default void close() {
    }
}
