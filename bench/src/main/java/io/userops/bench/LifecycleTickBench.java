package io.userops.bench;

import io.userops.avro.EventType;
import io.userops.avro.LifecycleStage;
import io.userops.avro.LifecycleTransition;
import io.userops.avro.TrackedEvent;
import io.userops.schemas.registry.LocalSchemaRegistryClient;
import io.userops.schemas.topics.Topics;
import io.userops.segmentation.lifecycle.LifecycleRules;
import io.userops.streams.DeadLetterHandler;
import io.userops.segmentation.streams.LifecycleSettings;
import io.userops.segmentation.streams.Names;
import io.userops.segmentation.streams.SegmentationTopology;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * (c) The CPU cost of one timer tick that wakes 1% of the users, against one full scan of the lifecycle
 * store, in process: the real topology in {@link TopologyTestDriver} with its persistent (RocksDB) stores,
 * the calling thread's CPU time around the call that fires the tick and around the scan.
 */
final class LifecycleTickBench {

    private static final Duration DAY = Duration.ofDays(1);
    private static final int SCANS = 3;

    /**
     * @param tickCpuNanos      CPU time of the {@code advanceWallClockTime} that fired the tick (punctuation,
     *                          then the commit that flushes the store caches and the changelog records)
     * @param emptyTickCpuNanos CPU time of the next tick, with no user due
     * @param scanCpuNanos      CPU time of each full scan
     * @param woken             AT_RISK transitions made by the tick (one per woken user)
     * @param indexTickCpuNanos CPU time of a later tick that finds as many users due whose state is gone: the
     *                          index's own work (read and remove the due entries, one state read each) without
     *                          the consequences of waking anybody
     * @param pointReads        per store a tick reads for each woken user, the CPU time of reading as many other
     *                          users (untouched since they were piped, as the woken ones were) one key at a time
     */
    record Result(int users, int due, int maxUsersPerTick, long woken, long transitionsOfTick, long profilesOfTick,
            long tickCpuNanos, long tickWallNanos, long emptyTickCpuNanos, long emptyTickTransitions,
            long indexTickCpuNanos, long indexTickEntries, long indexTickTransitions,
            long[] scanCpuNanos, long[] scanWallNanos, long scanned, List<PointReads> pointReads,
            double pipeSeconds, double pipeCpuSeconds) {

        long medianScanCpuNanos() {
            return median(scanCpuNanos);
        }

        double ratio() {
            return (double) tickCpuNanos / medianScanCpuNanos();
        }

        double indexRatio() {
            return (double) indexTickCpuNanos / medianScanCpuNanos();
        }

        double tickMicrosPerWokenUser() {
            return tickCpuNanos / 1e3 / Math.max(1, woken);
        }
    }

    /** {@code reads} point reads of one store, {@code found} of them with a value. */
    record PointReads(String store, int reads, int found, long cpuNanos) {

        double microsEach() {
            return cpuNanos / 1e3 / reads;
        }
    }

    /** The stores a tick reads for each user it wakes: the state, its recent transitions, the profile, its ids. */
    private static final List<String> STORES_READ_ON_WAKE = List.of(Names.LIFECYCLE_STORE,
            Names.RECENT_TRANSITIONS_STORE, Names.PROFILE_STORE, Names.IDENTITY_USERS_STORE);

    private LifecycleTickBench() {
    }

    /**
     * Pipes one first event for each of {@code users} users, in event-time order: the first 1% were last
     * active just over 7 days (the AT_RISK silence) before the driver's wall clock, the rest between 7 days
     * less an hour and one second before it. One tick then finds exactly the first 1% due. A second 1% falls
     * silent a minute after that tick: their lifecycle states are deleted, and a tick a minute and a half later
     * finds their index entries due and nothing to wake.
     */
    static Result run(int users, Path stateDir) {
        return run(users, users / 100, stateDir);
    }

    /** The same with {@code due} users due (and as many falling silent later, and as many read one by one). */
    static Result run(int users, int due, Path stateDir) {
        if (3 * due > users) {
            throw new IllegalArgumentException("at most a third of the users can be due, not " + due + " of " + users);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int maxPerTick = Math.max(10_000, 2 * due);
        Duration silence = LifecycleRules.defaults().atRisk().silentFor();
        LifecycleSettings settings = settingsForTicks(maxPerTick);
        LocalSchemaRegistryClient registry = new LocalSchemaRegistryClient();
        String applicationId = "bench-lifecycle-tick-" + users;
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");

        Instant wall = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // Due: active in the 10 minutes before wall - 7 days. Not due: from wall - 7 days + 1 hour to wall - 1 s.
        Instant dueFrom = wall.minus(silence).minus(Duration.ofMinutes(10));
        long dueSpan = Duration.ofMinutes(10).toMillis() - 1;
        Instant laterFrom = wall.minus(silence).plus(Duration.ofSeconds(60));
        long laterSpan = Duration.ofSeconds(20).toMillis() - 1;
        Instant restFrom = wall.minus(silence).plus(Duration.ofHours(1));
        long restSpan = Duration.between(restFrom, wall.minusSeconds(1)).toMillis();

        try (TopologyTestDriver driver = new TopologyTestDriver(
                SegmentationTopology.build(settings, registry, true,
                        props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG)), props, wall)) {
            TestInputTopic<String, TrackedEvent> events = driver.createInputTopic(Topics.EVENTS.name(),
                    new StringSerializer(), Topics.EVENTS.valueSerde(registry).serializer());
            Map<String, TestOutputTopic<byte[], byte[]>> outputs = new HashMap<>();
            long started = System.nanoTime();
            long pipeCpu0 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < users; i++) {
                Instant at = i < due
                        ? dueFrom.plusMillis(dueSpan * i / Math.max(1, due))
                        : i < 2 * due
                        ? laterFrom.plusMillis(laterSpan * (i - due) / Math.max(1, due))
                        : restFrom.plusMillis(restSpan * (i - 2 * due) / Math.max(1, users - 2 * due - 1));
                String user = String.format("u%08d", i);
                events.pipeInput(new TestRecord<>(user, event(user, at), at));
                if (i % 10_000 == 9_999) {
                    // The driver keeps every record produced (changelogs included) until read: drop them.
                    drain(driver, outputs);
                }
            }
            drain(driver, outputs);
            double pipeSeconds = (System.nanoTime() - started) / 1e9;
            double pipeCpuSeconds = (threads.getCurrentThreadCpuTime() - pipeCpu0) / 1e9;

            long cpu0 = threads.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            driver.advanceWallClockTime(Duration.ofSeconds(1));
            long tickWall = System.nanoTime() - wall0;
            long tickCpu = threads.getCurrentThreadCpuTime() - cpu0;
            long[] tick = countTransitions(driver, registry);
            long profiles = count(driver, Topics.PROFILES.name());
            drain(driver, outputs);

            cpu0 = threads.getCurrentThreadCpuTime();
            driver.advanceWallClockTime(Duration.ofSeconds(1));
            long emptyTickCpu = threads.getCurrentThreadCpuTime() - cpu0;
            long[] empty = countTransitions(driver, registry);
            drain(driver, outputs);

            // Before the scans, which bring the lifecycle store's blocks into RocksDB's cache: the third 1% of the
            // users, piped just after the due ones and untouched since, like them.
            List<PointReads> pointReads = new ArrayList<>();
            for (String store : STORES_READ_ON_WAKE) {
                KeyValueStore<String, Object> values = driver.getKeyValueStore(store);
                int found = 0;
                long c0 = threads.getCurrentThreadCpuTime();
                for (int i = 2 * due; i < 3 * due; i++) {
                    if (values.get(String.format("u%08d", i)) != null) {
                        found++;
                    }
                }
                pointReads.add(new PointReads(store, due, found, threads.getCurrentThreadCpuTime() - c0));
            }

            // The stored value type is the topology's business (it has changed): the metered store deserializes each
            // value in next(), so counting the non-null values is enough to have paid for reading every entry.
            KeyValueStore<String, Object> states = driver.getKeyValueStore(Names.LIFECYCLE_STORE);
            Scans scans = scan(states::all);
            long[] scanCpu = scans.cpuNanos();
            long[] scanWall = scans.wallNanos();
            long scanned = scans.entries();

            for (int i = due; i < 2 * due; i++) {
                states.delete(String.format("u%08d", i));
            }
            // What the index-only tick reads for each entry: a state that is gone.
            KeyValueStore<String, Object> deletedStates = driver.getKeyValueStore(Names.LIFECYCLE_STORE);
            long deletedCpu0 = threads.getCurrentThreadCpuTime();
            int deletedFound = 0;
            for (int i = due; i < 2 * due; i++) {
                if (deletedStates.get(String.format("u%08d", i)) != null) {
                    deletedFound++;
                }
            }
            pointReads.add(new PointReads(Names.LIFECYCLE_STORE + " (deleted)", due, deletedFound,
                    threads.getCurrentThreadCpuTime() - deletedCpu0));
            KeyValueStore<Bytes, byte[]> index = driver.getKeyValueStore(Names.TIMER_INDEX_STORE);
            long indexBefore = countEntries(index);
            cpu0 = threads.getCurrentThreadCpuTime();
            driver.advanceWallClockTime(Duration.ofSeconds(90));
            long indexTickCpu = threads.getCurrentThreadCpuTime() - cpu0;
            long indexEntries = indexBefore - countEntries(index);
            long[] indexTick = countTransitions(driver, registry);
            drain(driver, outputs);
            return new Result(users, due, maxPerTick, tick[1], tick[0], profiles, tickCpu, tickWall, emptyTickCpu,
                    empty[0], indexTickCpu, indexEntries, indexTick[0], scanCpu, scanWall, scanned, pointReads,
                    pipeSeconds, pipeCpuSeconds);
        }
    }

    /**
     * The service's settings with at most {@code maxPerTick} users woken a tick and the profile sweep held to one
     * profile a tick: the sweep is a wall-clock punctuation of its own that fires with the timer, and one profile
     * keeps its share of a measured tick negligible, so that the figure is the timer tick's.
     */
    static LifecycleSettings settingsForTicks(int maxPerTick) {
        LifecycleSettings service = LifecycleStreamsRun.serviceSettings();
        LifecycleSettings.Memberships m = service.memberships();
        return service.withMaxUsersPerTick(maxPerTick).withMemberships(new LifecycleSettings.Memberships(m.profile(),
                m.tags(), m.behaviourTags(), m.segments(), 1, m.minSweepPeriod(), m.decideAtMostEvery()));
    }

    static long median(long[] values) {
        long[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** {@link #SCANS} full reads of a store, each timed in this thread; {@code entries} with a value. */
    record Scans(long[] cpuNanos, long[] wallNanos, long entries) {
    }

    static Scans scan(java.util.function.Supplier<KeyValueIterator<String, Object>> store) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] cpu = new long[SCANS];
        long[] wall = new long[SCANS];
        long entries = 0;
        for (int s = 0; s < SCANS; s++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            long n = 0;
            try (KeyValueIterator<String, Object> all = store.get()) {
                while (all.hasNext()) {
                    KeyValue<String, Object> entry = all.next();
                    if (entry.value != null) {
                        n++;
                    }
                }
            }
            wall[s] = System.nanoTime() - w0;
            cpu[s] = threads.getCurrentThreadCpuTime() - c0;
            entries = n;
        }
        return new Scans(cpu, wall, entries);
    }

    private static TrackedEvent event(String user, Instant at) {
        return TrackedEvent.newBuilder().setSourceId("bench").setType(EventType.PAGE).setMessageId("m-" + user)
                .setUserId(user).setName("Home").setTimestamp(at).setReceivedAt(at).build();
    }

    /** [all transitions, transitions to AT_RISK] waiting in the transitions topic; reads them. */
    private static long[] countTransitions(TopologyTestDriver driver, LocalSchemaRegistryClient registry) {
        Deserializer<LifecycleTransition> values = Topics.LIFECYCLE_TRANSITIONS.valueSerde(registry).deserializer();
        TestOutputTopic<byte[], LifecycleTransition> topic = driver.createOutputTopic(
                Topics.LIFECYCLE_TRANSITIONS.name(), new ByteArrayDeserializer(), values);
        long all = 0;
        long atRisk = 0;
        while (!topic.isEmpty()) {
            LifecycleTransition t = topic.readValue();
            all++;
            if (t.getTo() == LifecycleStage.AT_RISK) {
                atRisk++;
            }
        }
        return new long[] {all, atRisk};
    }

    private static long countEntries(KeyValueStore<Bytes, byte[]> store) {
        long n = 0;
        try (KeyValueIterator<Bytes, byte[]> all = store.all()) {
            while (all.hasNext()) {
                all.next();
                n++;
            }
        }
        return n;
    }

    private static long count(TopologyTestDriver driver, String topic) {
        return driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer()).getQueueSize();
    }

    private static void drain(TopologyTestDriver driver, Map<String, TestOutputTopic<byte[], byte[]>> outputs) {
        for (String name : driver.producedTopicNames()) {
            TestOutputTopic<byte[], byte[]> topic = outputs.computeIfAbsent(name,
                    n -> driver.createOutputTopic(n, new ByteArrayDeserializer(), new ByteArrayDeserializer()));
            while (!topic.isEmpty()) {
                topic.readRecord();
            }
        }
    }
}
