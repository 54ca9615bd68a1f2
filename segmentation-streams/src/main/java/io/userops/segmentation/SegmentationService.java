package io.userops.segmentation;

import io.javalin.Javalin;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.userops.ops.PipelineMonitor;
import io.userops.schemas.registry.HttpSchemaRegistryClient;
import io.userops.schemas.topics.Topics;
import io.userops.segmentation.config.SegmentationConfig;
import io.userops.segmentation.http.ConsoleApi;
import io.userops.segmentation.http.OpsApi;
import io.userops.segmentation.http.QueryApi;
import io.userops.streams.BoundedThreadReplacement;
import io.userops.streams.PipelineStreamsSettings;
import io.userops.segmentation.streams.ErasureRequests;
import io.userops.segmentation.streams.RoutingTopic;
import io.userops.segmentation.streams.SegmentationTopology;
import java.time.Clock;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The segmentation service: the Kafka Streams topology and its query API. */
public final class SegmentationService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SegmentationService.class);
    private static final Duration PIPELINE_READ_EVERY = Duration.ofSeconds(5);

    private final SegmentationConfig config;
    private final AtomicReference<KafkaStreams> streams = new AtomicReference<>();
    private Javalin http;
    private KafkaStreamsMetrics streamsMetrics;
    private ErasureRequests erasures;
    private PipelineMonitor pipeline;
    private List<String> pipelineGroups;
    private Optional<URI> consoleTrigger = Optional.empty();

    public SegmentationService(SegmentationConfig config) {
        this.config = config;
        this.pipelineGroups = List.of(config.applicationId());
    }

    /** The consumer groups whose lag {@code /v1/ops/lag} and the metrics show; this application's alone by default. */
    public SegmentationService withPipelineGroups(List<String> groups) {
        this.pipelineGroups = List.copyOf(groups);
        return this;
    }

    /** The trigger service whose campaigns the console shows; none by default. */
    public SegmentationService withConsoleTrigger(URI triggerUrl) {
        this.consoleTrigger = Optional.of(triggerUrl);
        return this;
    }

    public SegmentationService start() {
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // The query API starts first: its port is this instance's application.server.
        AtomicReference<HostInfo> self = new AtomicReference<>();
        erasures = new ErasureRequests(config.bootstrapServers(), config.applicationId());
        pipeline = new PipelineMonitor(config.bootstrapServers(), pipelineGroups, Topics.LIFECYCLE_TRANSITIONS.name(),
                Topics.DEAD_LETTER.name(), Clock.systemUTC()).start(PIPELINE_READ_EVERY, metrics);
        http = QueryApi.create(streams::get, config.host(), config.port(), self::get, metrics,
                config.lifecycle().memberships(), erasures, config.erasureSuppression(), routes -> {
                    OpsApi.routes(routes, pipeline);
                    ConsoleApi.routes(routes, consoleTrigger);
                }).start();
        HostInfo advertised = new HostInfo(config.advertisedHost(), http.port());
        self.set(advertised);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers()))) {
            RoutingTopic.ensure(admin, config.applicationId());
        }
        Topology topology = SegmentationTopology.build(config.lifecycle(),
                new HttpSchemaRegistryClient(config.registry()), config.registry().autoRegister(), config.applicationId());
        KafkaStreams kafkaStreams = new KafkaStreams(topology, streamsProperties(advertised));
        kafkaStreams.setUncaughtExceptionHandler(new BoundedThreadReplacement(3, Duration.ofMinutes(10), Clock.systemUTC()));
        kafkaStreams.setStateListener((next, previous) -> log.info("streams {} -> {}", previous, next));
        streamsMetrics = new KafkaStreamsMetrics(kafkaStreams);
        streamsMetrics.bindTo(metrics);
        LifecycleMetrics.bindTo(metrics, streams);
        streams.set(kafkaStreams);
        kafkaStreams.start();
        log.info("segmentation started: query API on http://{}:{}, mode {}", config.host(), http.port(),
                config.lifecycle().mode());
        return this;
    }

    Properties streamsProperties(HostInfo advertised) {
        Properties props = PipelineStreamsSettings.of(config.applicationId(), config.bootstrapServers(),
                config.stateDir(), advertised, "segmentation", Map.of());
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.standbyReplicas());
        props.putAll(config.streamsOverrides());
        return props;
    }

    public int port() {
        return http.port();
    }

    public KafkaStreams streams() {
        return streams.get();
    }

    @Override
    public void close() {
        KafkaStreams current = streams.get();
        if (current != null) {
            // Leaving the group lets a restarted instance take its partitions at once, not after the session timeout.
            current.close(CloseOptions.timeout(Duration.ofSeconds(30))
                    .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        }
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
        if (http != null) {
            http.stop();
        }
        if (erasures != null) {
            erasures.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
        log.info("segmentation stopped");
    }
}
