package io.userops.segmentation.streams;

import io.userops.schemas.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates the topology's own topics, as Streams does for its internal ones: the routing topic with as many
 * partitions as the events topic (the two are read by the same tasks, so partition {@code p} of both must
 * hold the same keys; an existing one with another partition count stops the start-up with the reason),
 * and the compacted topic of the partitions' RFM population sketches.
 *
 * <p>A topic just created is not yet in every broker's metadata when the creation returns, and the global
 * store's consumer fails its start-up on a topic without partitions; so {@link #ensure} returns only once
 * both topics are described with a leader for every partition.
 */
public final class RoutingTopic {

    static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);
    private static final long METADATA_POLL_MS = 50;

    private RoutingTopic() {
    }

    public static void ensure(Admin admin, String applicationId) {
        ensureRouting(admin, applicationId);
        ensureRfmPopulation(admin, applicationId);
        awaitLeaders(admin, Names.routingTopic(applicationId), METADATA_TIMEOUT);
        awaitLeaders(admin, Names.rfmPopulationTopic(applicationId), METADATA_TIMEOUT);
    }

    static void awaitLeaders(Admin admin, String topic, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!hasLeaders(admin, topic)) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("the topic " + topic + " was created but has no leader for "
                            + "every partition after " + timeout.toSeconds() + " s");
                }
                Thread.sleep(METADATA_POLL_MS);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot describe " + topic + ": " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + topic, e);
        }
    }

    private static boolean hasLeaders(Admin admin, String topic) throws ExecutionException, InterruptedException {
        return describe(admin, topic)
                .map(d -> !d.partitions().isEmpty() && d.partitions().stream()
                        .allMatch(p -> p.leader() != null && !p.leader().isEmpty()))
                .orElse(false);
    }

    /** One partition, compacted: the latest sketch of each task's partition, read whole by every instance. */
    private static void ensureRfmPopulation(Admin admin, String applicationId) {
        String topic = Names.rfmPopulationTopic(applicationId);
        try {
            if (partitions(admin, topic) < 0) {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) -1)
                        .configs(Map.of("cleanup.policy", "compact")))).all().get();
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create " + topic + ": " + e.getCause(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + topic, e);
        }
    }

    private static void ensureRouting(Admin admin, String applicationId) {
        String routing = Names.routingTopic(applicationId);
        try {
            int partitions = partitions(admin, Topics.EVENTS.name());
            if (partitions < 0) {
                throw new IllegalStateException("the events topic " + Topics.EVENTS.name() + " does not exist yet");
            }
            int existing = partitions(admin, routing);
            if (existing < 0) {
                try {
                    admin.createTopics(List.of(new NewTopic(routing, partitions, (short) -1).configs(Map.of(
                            "retention.ms", Topics.EVENTS.configs().getOrDefault("retention.ms", "604800000")))))
                            .all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            } else if (existing != partitions) {
                throw new IllegalStateException("the routing topic " + routing + " has " + existing
                        + " partitions and the events topic " + partitions + ": they must match (delete the routing "
                        + "topic while the application is stopped to have it recreated)");
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create the routing topic " + routing + ": " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + routing, e);
        }
    }

    private static int partitions(Admin admin, String topic) throws ExecutionException, InterruptedException {
        return describe(admin, topic).map(d -> d.partitions().size()).orElse(-1);
    }

    private static Optional<TopicDescription> describe(Admin admin, String topic)
            throws ExecutionException, InterruptedException {
        try {
            return Optional.of(admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
