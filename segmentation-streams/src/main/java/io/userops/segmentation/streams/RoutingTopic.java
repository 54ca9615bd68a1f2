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
 * Creates the topology's routing topic with as many partitions as the events topic, as Streams does for
 * its internal topics: the two are read by the same tasks, so partition {@code p} of both must hold the
 * same keys. An existing one with another partition count stops the start-up with the reason.
 */
public final class RoutingTopic {

    private RoutingTopic() {
    }

    public static void ensure(Admin admin, String applicationId) {
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
