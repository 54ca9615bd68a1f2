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
        String routing = Names.routingTopic(applicationId);
        String rfm = Names.rfmPopulationTopic(applicationId);
        call("cannot create the routing topic " + routing, () -> ensureRouting(admin, routing));
        call("cannot create " + rfm, () -> {
            if (partitions(admin, rfm) < 0) {
                create(admin, new NewTopic(rfm, 1, (short) -1).configs(Map.of("cleanup.policy", "compact")));
            }
        });
        awaitLeaders(admin, routing, METADATA_TIMEOUT);
        awaitLeaders(admin, rfm, METADATA_TIMEOUT);
    }

    static void awaitLeaders(Admin admin, String topic, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        call("cannot describe " + topic, () -> {
            while (!hasLeaders(admin, topic)) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("the topic " + topic + " was created but has no leader for "
                            + "every partition after " + timeout.toSeconds() + " s");
                }
                Thread.sleep(METADATA_POLL_MS);
            }
        });
    }

    private static boolean hasLeaders(Admin admin, String topic) throws ExecutionException, InterruptedException {
        return describe(admin, topic)
                .map(d -> !d.partitions().isEmpty() && d.partitions().stream()
                        .allMatch(p -> p.leader() != null && !p.leader().isEmpty()))
                .orElse(false);
    }

    private static void ensureRouting(Admin admin, String routing) throws ExecutionException, InterruptedException {
        int partitions = partitions(admin, Topics.EVENTS.name());
        if (partitions < 0) {
            throw new IllegalStateException("the events topic " + Topics.EVENTS.name() + " does not exist yet");
        }
        int existing = partitions(admin, routing);
        if (existing < 0) {
            create(admin, new NewTopic(routing, partitions, (short) -1).configs(Map.of(
                    "retention.ms", Topics.EVENTS.configs().getOrDefault("retention.ms", "604800000"))));
        } else if (existing != partitions) {
            throw new IllegalStateException("the routing topic " + routing + " has " + existing
                    + " partitions and the events topic " + partitions + ": they must match (delete the routing "
                    + "topic while the application is stopped to have it recreated)");
        }
    }

    /** Creates the topic; another instance creating it at the same moment is no failure. */
    private static void create(Admin admin, NewTopic topic) throws ExecutionException, InterruptedException {
        try {
            admin.createTopics(List.of(topic)).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private interface AdminCall {
        void run() throws ExecutionException, InterruptedException;
    }

    private static void call(String failure, AdminCall call) {
        try {
            call.run();
        } catch (ExecutionException e) {
            throw new IllegalStateException(failure + ": " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + failure, e);
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
