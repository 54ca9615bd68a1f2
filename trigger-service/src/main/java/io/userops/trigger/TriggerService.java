package io.userops.trigger;

import io.javalin.Javalin;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.userops.ops.LagMonitor;
import io.userops.ops.PartitionLag;
import io.userops.schemas.registry.HttpSchemaRegistryClient;
import io.userops.schemas.topics.Topics;
import io.userops.streams.BoundedThreadReplacement;
import io.userops.streams.PipelineStreamsSettings;
import io.userops.trigger.config.TriggerConfig;
import io.userops.trigger.decide.CampaignMessages;
import io.userops.trigger.decide.DecisionSettings;
import io.userops.trigger.decide.FreshnessGuard;
import io.userops.trigger.decide.TriggerNames;
import io.userops.trigger.decide.TriggerTopology;
import io.userops.trigger.deliver.DeliveryLoop;
import io.userops.trigger.http.CampaignApi;
import io.userops.trigger.http.ClusterStats;
import io.userops.trigger.measure.CampaignStats;
import io.userops.trigger.measure.CampaignStatsCodec;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The trigger service: the decision stage (Kafka Streams), the delivery stage and the campaigns API. */
public final class TriggerService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TriggerService.class);
    private static final Duration GUARD_READ_EVERY = Duration.ofSeconds(5);

    private final ScheduledExecutorService guardReader = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "userops-trigger-guard");
        t.setDaemon(true);
        return t;
    });

    private final TriggerConfig config;
    private KafkaStreams streams;
    private KafkaStreamsMetrics streamsMetrics;
    private DeliveryLoop delivery;
    private Javalin http;
    private HostInfo self;
    private LagMonitor segmentationLag;
    private FreshnessGuard guard;

    public TriggerService(TriggerConfig config) {
        this.config = config;
    }

    public TriggerService start() {
        // Templates compile before anything starts: a bad one fails start-up at its line in the campaigns file.
        CampaignMessages messages = CampaignMessages.compile(config.campaigns(), config.campaignsFile());
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        guard = new FreshnessGuard(config.freshnessBound());
        segmentationLag = new LagMonitor(config.bootstrapServers(), Clock.systemUTC());
        Gauge.builder("userops.trigger.guard.holding", guard, g -> g.staleBecause().isPresent() ? 1 : 0)
                .description("1 while sends that depend on silence are held because segmentation lags").register(metrics);
        FunctionCounter.builder("userops.trigger.guard.held", guard, FreshnessGuard::held)
                .description("sends held by the freshness guard, counted at each tick they waited").register(metrics);
        guardReader.scheduleWithFixedDelay(this::observeSegmentationLag, 0, GUARD_READ_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
        // The API starts first: its port is this instance's application.server, where the others ask for counts.
        ClusterStats stats = new ClusterStats(this::stats, this::otherInstances);
        http = CampaignApi.create(config.host(), config.port(), config.campaigns(), stats,
                () -> streams != null && streams.state() == KafkaStreams.State.RUNNING
                        && delivery != null && delivery.isRunning(), guard, metrics).start();
        self = new HostInfo(config.advertisedHost(), http.port());
        streams = new KafkaStreams(TriggerTopology.build(config.campaigns(), messages,
                DecisionSettings.defaults(), guard, new HttpSchemaRegistryClient(config.registry()),
                config.registry().autoRegister()), streamsProperties());
        streams.setUncaughtExceptionHandler(new BoundedThreadReplacement(3, Duration.ofMinutes(10), Clock.systemUTC()));
        streams.setStateListener((next, previous) -> log.info("trigger streams {} -> {}", previous, next));
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(metrics);
        CampaignOutcomeMeters.bindTo(metrics, config.campaigns().campaigns().stream().map(c -> c.id()).toList(),
                this::stats);
        streams.start();
        delivery = DeliveryLoop.start(config.delivery(), metrics);
        log.info("trigger started: {} campaigns, API on http://{}:{}", config.campaigns().campaigns().size(),
                config.host(), http.port());
        return this;
    }

    /** The guard's input: how old the oldest event the segmentation service has not consumed is. */
    private void observeSegmentationLag() {
        List<PartitionLag> lag;
        try {
            lag = segmentationLag.lag(config.guardGroup());
        } catch (RuntimeException e) {
            log.warn("the freshness guard could not read the segmentation lag, keeps its last reading: {}", e.getMessage());
            return;
        }
        Duration age = lag.stream().filter(p -> p.topic().equals(Topics.EVENTS.name())).map(PartitionLag::age)
                .max(Duration::compareTo).orElse(Duration.ZERO);
        boolean wasHolding = guard.staleBecause().isPresent();
        guard.observe(age, "segmentation (group " + config.guardGroup() + ") on " + Topics.EVENTS.name());
        if (guard.staleBecause().isPresent() != wasHolding) {
            log.info(wasHolding ? "freshness guard releases sends: segmentation caught up"
                    : "freshness guard holds sends that depend on silence: {}", guard.staleBecause().orElse(""));
        }
    }

    public FreshnessGuard guard() {
        return guard;
    }

    Properties streamsProperties() {
        return PipelineStreamsSettings.of(config.applicationId(), config.bootstrapServers(), config.stateDir(), self,
                "trigger", config.streamsOverrides());
    }

    /** A campaign's counts over the partitions of the campaign events this instance holds. */
    CampaignStats stats(String campaignId) {
        if (streams == null) {
            throw new InvalidStateStoreException("the decision stage is starting");
        }
        CampaignStats total = CampaignStats.EMPTY;
        for (int partition : localStatsPartitions()) {
            ReadOnlyKeyValueStore<String, byte[]> store = streams.store(StoreQueryParameters
                    .fromNameAndType(TriggerNames.STATS_STORE, QueryableStoreTypes.<String, byte[]>keyValueStore())
                    .withPartition(partition));
            byte[] stored = store.get(campaignId);
            if (stored != null) {
                total = total.merge(CampaignStatsCodec.read(stored));
            }
        }
        return total;
    }

    /** The other instances holding campaign-event partitions, whose counts {@code /v1/campaigns} adds. */
    private java.util.Collection<HostInfo> otherInstances() {
        Set<HostInfo> others = new java.util.LinkedHashSet<>();
        for (StreamsMetadata instance : streams.streamsMetadataForStore(TriggerNames.STATS_STORE)) {
            if (!instance.hostInfo().equals(self)) {
                others.add(instance.hostInfo());
            }
        }
        return others;
    }

    private Set<Integer> localStatsPartitions() {
        Set<Integer> partitions = new TreeSet<>();
        for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
            for (TaskMetadata task : thread.activeTasks()) {
                for (TopicPartition tp : task.topicPartitions()) {
                    if (tp.topic().equals(Topics.CAMPAIGN_EVENTS.name())) {
                        partitions.add(tp.partition());
                    }
                }
            }
        }
        return partitions;
    }

    public int port() {
        return http.port();
    }

    public KafkaStreams streams() {
        return streams;
    }

    @Override
    public void close() {
        // Each part is stopped even if one before it fails: a Streams instance left running holds its state dir.
        stop("API", () -> http.stop(), http != null);
        guardReader.shutdownNow();
        try {
            // The guard's consumer belongs to its thread: closed only once that thread has stopped.
            guardReader.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stop("freshness guard", () -> segmentationLag.close(), segmentationLag != null);
        stop("delivery", () -> delivery.close(), delivery != null);
        stop("decision stage", () -> streams.close(CloseOptions.timeout(Duration.ofSeconds(30))
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)), streams != null);
        stop("streams metrics", () -> streamsMetrics.close(), streamsMetrics != null);
        log.info("trigger stopped");
    }

    private static void stop(String part, Runnable close, boolean started) {
        if (!started) {
            return;
        }
        try {
            close.run();
        } catch (RuntimeException e) {
            log.warn("stopping the trigger's {} failed", part, e);
        }
    }
}
