package io.userops.deploy.runtime;

import io.userops.deploy.kafka.EmbeddedKafka;
import io.userops.deploy.kafka.TopicInstaller;
import io.userops.deploy.registry.DevSchemaRegistry;
import io.userops.ingest.IngestService;
import io.userops.ingest.config.IngestConfig;
import io.userops.ingest.source.SourceRegistry;
import io.userops.schemas.registry.HttpSchemaRegistryClient;
import io.userops.schemas.registry.SchemaRegistryClient;
import io.userops.schemas.registry.SchemaRegistryConfig;
import io.userops.schemas.topics.Topics;
import io.userops.segmentation.SegmentationService;
import io.userops.segmentation.config.LifecycleRulesFile;
import io.userops.segmentation.config.SegmentationConfig;
import io.userops.segmentation.lifecycle.LifecycleRules;
import io.userops.segmentation.streams.LifecycleSettings;
import io.userops.trigger.TriggerService;
import io.userops.trigger.campaign.Campaigns;
import io.userops.trigger.config.CampaignsFile;
import io.userops.trigger.config.TriggerConfig;
import io.userops.trigger.deliver.DeliveryConfig;
import io.userops.trigger.deliver.SmtpSettings;
import io.userops.trigger.deliver.WebhookSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything {@code ./userops up} runs in one process: the embedded KRaft broker and development
 * registry (or an existing cluster and registry), the catalog's topics and schemas, and the
 * services. Stops in reverse start order.
 */
public final class DevRuntime implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DevRuntime.class);

    private final RuntimeConfig config;
    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final Map<String, String> endpoints = new LinkedHashMap<>();
    private String bootstrapServers;
    private String registryUrl;
    private SchemaRegistryClient registryClient;
    private IngestService ingest;
    private SegmentationService segmentation;
    private TriggerService trigger;
    private LocalInbox inbox;
    private Map<String, Integer> schemaIds = Map.of();

    public DevRuntime(RuntimeConfig config) {
        this.config = config;
    }

    /** Starts every part; if one fails, stops those already started and rethrows. */
    public DevRuntime start() throws Exception {
        Ports.requireFree(config.portsToBind());
        try {
            startKafka();
            startRegistry();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
                TopicInstaller.ensure(admin, Topics.ALL, config.partitions());
            }
            schemaIds = Topics.registerSchemas(registryClient);
            log.info("registered {} contract schemas", schemaIds.size());
            startServices();
            awaitStreamsRunning(STREAMS_START_WAIT);
            return this;
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    private static final java.time.Duration STREAMS_START_WAIT = java.time.Duration.ofSeconds(60);

    /**
     * Ready means the query APIs answer: waits until both Streams applications run (a first start creates
     * their internal topics and joins their groups, a few seconds), logging instead of failing after
     * {@code atMost}.
     */
    private void awaitStreamsRunning(java.time.Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (segmentation.streams().state() != org.apache.kafka.streams.KafkaStreams.State.RUNNING
                || trigger.streams().state() != org.apache.kafka.streams.KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline) {
                log.warn("the Streams applications are not running after {} s (segmentation {}, trigger {}); "
                        + "their APIs answer 503 until they are", atMost.toSeconds(), segmentation.streams().state(),
                        trigger.streams().state());
                return;
            }
            Thread.sleep(100);
        }
    }

    private void startKafka() {
        if (config.embeddedKafka()) {
            EmbeddedKafka kafka = new EmbeddedKafka(new EmbeddedKafka.Config(config.home().resolve("kafka"),
                    config.kafkaPort(), config.controllerPort()));
            running.push(kafka);
            kafka.start();
            bootstrapServers = kafka.bootstrapServers();
            endpoints.put("kafka", bootstrapServers + " (embedded KRaft, data in " + config.home().resolve("kafka") + ")");
        } else {
            bootstrapServers = config.bootstrapServers().orElseThrow();
            endpoints.put("kafka", bootstrapServers + " (existing cluster)");
        }
    }

    private void startRegistry() {
        String url;
        if (config.embeddedRegistry()) {
            DevSchemaRegistry registry = new DevSchemaRegistry(bootstrapServers);
            running.push(registry);
            registry.start(config.registryPort());
            url = registry.url();
            endpoints.put("schema registry", url + " (development registry, schemas in topic "
                    + DevSchemaRegistry.DEFAULT_TOPIC + ")");
        } else {
            url = config.schemaRegistry().orElseThrow().toString();
            endpoints.put("schema registry", url + " (existing registry)");
        }
        registryUrl = url;
        registryClient = new HttpSchemaRegistryClient(SchemaRegistryConfig.of(url));
    }

    private void startServices() {
        SourceRegistry sources = SourceRegistry.parse(config.writeKeys());
        ingest = new IngestService(IngestConfig.development(config.ingestPort(), bootstrapServers, registryUrl, sources));
        running.push(ingest);
        ingest.start();
        String keys = config.writeKeys().equals(IngestConfig.DEV_WRITE_KEYS)
                ? "write key: " + IngestConfig.DEV_WRITE_KEY
                : sources.size() + " write keys from USEROPS_INGEST_WRITE_KEYS";
        endpoints.put("ingest", ingest.url() + " (Segment tracking API, " + keys + ")");

        boolean demo = config.command() == RuntimeConfig.Command.DEMO;
        String rulesName = config.lifecycleRules().map(Path::toString)
                .orElse(demo ? "demo rules (a day lasts 5 s)" : "default rules");
        LifecycleRules rules = config.lifecycleRules().map(LifecycleRulesFile::load)
                .orElseGet(() -> demo ? demoRules() : LifecycleRules.defaults());
        String applicationId = applicationId(SegmentationConfig.DEFAULT_APPLICATION_ID, demo);
        segmentation = new SegmentationService(SegmentationConfig.development(config.segmentationPort(),
                bootstrapServers, registryUrl, config.home().resolve("segmentation").resolve(applicationId),
                LifecycleSettings.live(rules).withMemberships(demo ? demoMemberships() : config.memberships()))
                .withApplicationId(applicationId));
        String triggerId = applicationId(TriggerConfig.DEFAULT_APPLICATION_ID, demo);
        segmentation.withPipelineGroups(List.of(applicationId, triggerId, TriggerConfig.deliveryGroup(triggerId)))
                .withConsoleTrigger(java.net.URI.create("http://127.0.0.1:" + config.triggerPort()));
        running.push(segmentation);
        segmentation.start();
        endpoints.put("segmentation", segmentationUrl() + " (/v1/users/{id}, /v1/lifecycle/stages, /v1/segments, "
                + "/v1/tags/summary; " + rulesName + ")");
        endpoints.put("console", consoleUrl() + " (lag, stages, segments, campaigns: open in a browser)");
        startTrigger(demo, triggerId, applicationId);
    }

    private void startTrigger(boolean demo, String applicationId, String segmentationId) {
        inbox = new LocalInbox();
        running.push(inbox);
        try {
            inbox.start(config.smtpPort(), config.webhookPort());
        } catch (IOException e) {
            throw new UncheckedIOException("the local inbox could not start", e);
        }
        endpoints.put("local SMTP", "127.0.0.1:" + inbox.smtpPort() + " (email lands here)");
        endpoints.put("local webhooks", inbox.webhookUrl() + " (webhooks land here, signatures checked)");
        String campaignsName = config.campaigns().map(Path::toString)
                .orElse(demo ? DEMO_CAMPAIGNS + " (a day lasts 5 s)" : CampaignsFile.DEFAULTS);
        Campaigns campaigns = config.campaigns().map(CampaignsFile::load)
                .orElseGet(() -> demo ? demoCampaigns() : CampaignsFile.defaults());
        DeliveryConfig delivery = DeliveryConfig.development(bootstrapServers, registryUrl)
                .withWebhooks(WebhookSettings.to(inbox.webhookUrl(), LocalInbox.WEBHOOK_SECRET))
                .withSmtp(SmtpSettings.plain("127.0.0.1", inbox.smtpPort(), LocalInbox.FROM));
        trigger = new TriggerService(TriggerConfig.development(config.triggerPort(), bootstrapServers, registryUrl,
                config.home().resolve("trigger").resolve(applicationId), campaigns, campaignsName, delivery)
                .withApplicationId(applicationId).withGuard(segmentationId, TriggerConfig.DEFAULT_FRESHNESS_BOUND));
        running.push(trigger);
        trigger.start();
        endpoints.put("trigger", triggerUrl() + " (/v1/campaigns, /v1/campaigns/{id}/stats; " + campaignsName + ")");
    }

    private static final String DEMO_CAMPAIGNS = "campaigns-demo.yaml";

    /** The demo keeps its state apart: its applications have their own ids (and so their own groups and state). */
    private static String applicationId(String defaultId, boolean demo) {
        return demo ? defaultId + "-demo" : defaultId;
    }

    /**
     * At the demo's pace a sweep a minute is a simulated fortnight: RFM scores and value tiers would lag the
     * first purchases by a minute. Every 15 s keeps the console's RFM grid moving with the traffic.
     */
    private LifecycleSettings.Memberships demoMemberships() {
        return config.memberships().withMinSweepPeriod(DEMO_SWEEP_PERIOD);
    }

    private static final java.time.Duration DEMO_SWEEP_PERIOD = java.time.Duration.ofSeconds(15);

    /** The bundled campaigns with their delays and windows compressed to the demo's pace. */
    public static Campaigns demoCampaigns() {
        try (InputStream in = DevRuntime.class.getResourceAsStream("/" + DEMO_CAMPAIGNS)) {
            return CampaignsFile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), DEMO_CAMPAIGNS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String triggerUrl() {
        return "http://127.0.0.1:" + trigger.port();
    }

    /** Where the messages of the development runtime land. */
    public LocalInbox inbox() {
        return inbox;
    }

    /** The defaults with a day compressed to 5 seconds, the pace of the demo's simulated users. */
    public static LifecycleRules demoRules() {
        try (InputStream in = DevRuntime.class.getResourceAsStream("/lifecycle-demo.yaml")) {
            return LifecycleRulesFile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "lifecycle-demo.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The operations console, served by the segmentation service. */
    public String consoleUrl() {
        return segmentationUrl() + io.userops.segmentation.http.ConsoleApi.PAGE;
    }

    public String segmentationUrl() {
        return "http://127.0.0.1:" + segmentation.port();
    }

    /** The ingest service's base URL. */
    public String ingestUrl() {
        return ingest.url();
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public SchemaRegistryClient registryClient() {
        return registryClient;
    }

    /** Subject to schema id of the contract, as registered at start. */
    public Map<String, Integer> schemaIds() {
        return schemaIds;
    }

    /** What listens where, for people: name to address. */
    public Map<String, String> endpoints() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(endpoints));
    }

    public RuntimeConfig config() {
        return config;
    }

    @Override
    public void close() {
        while (!running.isEmpty()) {
            AutoCloseable part = running.pop();
            try {
                part.close();
            } catch (Exception e) {
                log.warn("stopping {} failed", part.getClass().getSimpleName(), e);
            }
        }
    }
}
