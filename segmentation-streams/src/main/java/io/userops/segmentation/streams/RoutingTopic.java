package io.userops.segmentation.streams;

import io.userops.schemas.topics.Topics;
import java.util.List;
import java.util.Map;
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
 */
public final class RoutingTopic {

    private RoutingTopic() {
    }

    public static void ensure(Admin admin, String applicationId) {
        ensureRouting(admin, applicationId);
        ensureRfmPopulation(admin, applicationId);
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
        try {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            return description.partitions().size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return -1;
            }
            throw e;
        }
    }
}
