package io.userops.ingest.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the cluster, every {@code interval}, whether it answers, and the producer whether it can
 * write (it holds the topic's metadata). Ingest is ready only while both hold, and answers 503 at
 * once instead of queueing events for a cluster it knows is gone.
 */
public final class ClusterHealth implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClusterHealth.class);

    private final Admin admin;
    private final Duration interval;
    private final ScheduledExecutorService checker;
    private volatile boolean reachable;
    private volatile String lastProblem = "not checked yet";

    private final Runnable producerProbe;

    /**
     * @param producerProbe throws when the producer cannot write now (e.g. fetching the topic's
     *                      partitions fails); runs on the checker's thread, never on a request's
     */
    public ClusterHealth(String bootstrapServers, Duration interval, Runnable producerProbe) {
        this.interval = interval;
        this.producerProbe = producerProbe;
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) interval.multipliedBy(2).toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) interval.multipliedBy(2).toMillis(),
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500));
        this.checker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "ingest-cluster-health");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Checks once now (so the first answer is real), then every interval. */
    public ClusterHealth start() {
        check();
        checker.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    public boolean reachable() {
        return reachable;
    }

    public String lastProblem() {
        return lastProblem;
    }

    private void check() {
        boolean before = reachable;
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) interval.multipliedBy(2).toMillis()))
                    .nodes().get(interval.multipliedBy(3).toMillis(), TimeUnit.MILLISECONDS);
            producerProbe.run();
            reachable = true;
            lastProblem = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            reachable = false;
            lastProblem = "Kafka cannot take writes: " + (e.getCause() != null ? e.getCause() : e);
        }
        if (before != reachable) {
            log.info("Kafka cluster is {}", reachable ? "reachable" : "unreachable (" + lastProblem + ")");
        }
    }

    @Override
    public void close() {
        checker.shutdownNow();
        admin.close(Duration.ofSeconds(2));
    }
}
