package io.userops.deploy.kafka;

import io.userops.schemas.topics.TopicSpec;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the catalog's topics that a cluster lacks; existing topics are left as they are. */
public final class TopicInstaller {

    private static final Logger log = LoggerFactory.getLogger(TopicInstaller.class);

    private TopicInstaller() {
    }

    /** @return the names of the topics it created */
    public static List<String> ensure(Admin admin, List<TopicSpec<?>> topics, int partitions)
            throws ExecutionException, InterruptedException, TimeoutException {
        Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        List<NewTopic> missing = topics.stream()
                .filter(t -> !existing.contains(t.name()))
                .map(t -> t.newTopic(partitions))
                .toList();
        if (!missing.isEmpty()) {
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        }
        List<String> created = missing.stream().map(NewTopic::name).toList();
        log.info("topics: {} created, {} already there", created.size(), topics.size() - created.size());
        return created;
    }
}
