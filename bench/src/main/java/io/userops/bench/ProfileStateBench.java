package io.userops.bench;

import io.userops.avro.TagChange;
import io.userops.deploy.EmbeddedStack;
import io.userops.schemas.registry.SchemaRegistryClient;
import io.userops.schemas.topics.Topics;
import io.userops.segmentation.config.SegmentationConfig;
import io.userops.segmentation.streams.LifecycleSettings;
import io.userops.segmentation.streams.Names;
import io.userops.segmentation.streams.RoutingTopic;
import io.userops.segmentation.streams.SegmentationTopology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * (e) Issue 5's figures for realistic profiles: bytes of state per user once every user has traits, an
 * identity link and an order or key event; and the time to re-tag every user after a tag rule change (the
 * age bands redrawn so that every user's age tag changes), against a plain read of the profile changelog.
 */
final class ProfileStateBench {

    private static final String CHANGED_AGE_BANDS = "age:\n  bands: [18-29, 30-39, 40-49, 50-59, 60+]\n";
    private static final int FASTEST_SWEEP = SegmentationConfig.MAX_SWEEP_USERS_PER_SECOND;

    /** What the live keys of one changelog weigh: the latest record per key, as compaction would keep. */
    record Live(String topic, long keys, long bytes) {
    }

    private ProfileStateBench() {
    }

    static List<String> run(int users, EmbeddedStack stack, Admin admin, Path dir, String nonce) throws Exception {
        List<String> summary = new ArrayList<>();
        System.out.printf("%n(e) realistic profiles: %,d users, each identified with traits, then an order (every third)"
                + " or a key event%n", users);
        Instant now = Instant.now();
        LifecycleTraffic.Input input = LifecycleTraffic.produce(admin, stack.bootstrapServers(), stack.registryClient(),
                2 * users, LifecycleTraffic.identifiedWithTraits("p" + nonce + "-", users, now.minus(Duration.ofDays(6)),
                        now.minus(Duration.ofHours(2))));
        System.out.printf("  input: %,d events, %,d keys, %.0f bytes per event, produced in %.1f s%n", input.events(),
                input.keys(), (double) input.bytes() / input.events(), input.produceSeconds());

        String applicationId = "bench-profile-" + nonce + "-" + users;
        Path stateDir = dir.resolve("profile-state");
        Properties props = LifecycleStreamsRun.properties(applicationId, stack.bootstrapServers(), stateDir,
                StreamsConfig.EXACTLY_ONCE_V2, Map.of());
        SchemaRegistryClient registry = LifecycleStreamsRun.registry(stack.registryUrl());
        RoutingTopic.ensure(admin, applicationId);
        LifecycleStreamsRun.Result build = LifecycleStreamsRun.run("full topology, exactly_once_v2, building the state",
                SegmentationTopology.build(settings(Map.of()), registry, true, applicationId), props, admin,
                input.from(), input.to(), true, null, true);
        System.out.printf("  state built: %,.0f events/s to committed (%.1f s), %.1f records written per event%n",
                input.events() / build.seconds(), build.seconds(), (double) build.recordsSent() / input.events());

        List<Live> live = new ArrayList<>();
        for (String changelog : LifecycleRestoreBench.changelogs(admin, applicationId)) {
            live.add(live(stack.bootstrapServers(), admin, changelog));
        }
        long liveBytes = live.stream().mapToLong(Live::bytes).sum();
        live.forEach(l -> System.out.printf("  %-60s %,10d keys %,14d bytes %,8.1f bytes/user%n",
                l.topic().replace(applicationId + "-", ""), l.keys(), l.bytes(), (double) l.bytes() / users));
        long onDisk = size(stateDir.resolve(applicationId));
        System.out.printf("  live changelog state: %,d bytes = %,.0f bytes per user; state directory on disk %,d MB ="
                + " %,.0f bytes per user (RocksDB, uncompacted)%n", liveBytes, (double) liveBytes / users, onDisk >> 20,
                (double) onDisk / users);
        summary.add(String.format("| (e) state per user, %,d realistic users | %,.0f bytes of live changelog state |"
                        + " %,.0f bytes on disk (RocksDB) | - | none set | - |", users, (double) liveBytes / users,
                (double) onDisk / users));

        String profileChangelog = live.stream().map(Live::topic)
                .filter(t -> t.contains("-" + Names.PROFILE_STORE + "-")).findFirst().orElseThrow();
        LifecycleRestoreBench.Read read = LifecycleRestoreBench.read(admin, stack.bootstrapServers(), List.of(profileChangelog));
        System.out.printf("  yardstick: plain read of the profile changelog, %,d records, %,d MB, %.2f s%n",
                read.records(), read.bytes() >> 20, read.seconds());

        Path changed = dir.resolve("tags-changed.yaml");
        Files.writeString(changed, CHANGED_AGE_BANDS);
        Retag bounded = retag("age bands redrawn, the default sweep rate (2,000 users/s per task)", users, registry,
                props, Map.of("USEROPS_SEGMENTATION_TAGS", changed.toString()), stack, applicationId);
        Retag fastest = retag("age bands back to the defaults, the highest sweep rate allowed (" + FASTEST_SWEEP
                        + " users/s per task)", users, registry, props,
                Map.of("USEROPS_SEGMENTATION_SWEEP_USERS_PER_SECOND", Integer.toString(FASTEST_SWEEP)), stack,
                applicationId);
        for (Retag r : List.of(bounded, fastest)) {
            summary.add(String.format("| (e) re-tag %,d users, %s | %.1f s (%,.0f users/s) | plain read of the profile"
                            + " changelog %.2f s | %.1f | none set | - |", users, r.label(), r.seconds(),
                    users / r.seconds(), read.seconds(), r.seconds() / read.seconds()));
        }
        return summary;
    }

    private record Retag(String label, double seconds, long changes) {
    }

    /**
     * Restarts the application on its own state with other memberships and times it from {@code start()} until
     * every user's age tag was removed and its new one added: two committed tag changes per user.
     */
    private static Retag retag(String label, int users, SchemaRegistryClient registry, Properties props,
            Map<String, String> env, EmbeddedStack stack, String applicationId) throws Exception {
        long expected = 2L * users;
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        var tagChanges = Topics.TAG_CHANGES.valueSerde(registry).deserializer();
        AtomicLong runningAt = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(Topics.TAG_CHANGES.name())
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            KafkaStreams streams = new KafkaStreams(SegmentationTopology.build(settings(env), registry, true,
                    applicationId), props);
            LifecycleStreamsRun.watch(streams, runningAt, failure);
            long started = System.nanoTime();
            long lastAt = started;
            long ageChanges = 0;
            streams.start();
            try {
                long deadline = started + TimeUnit.MINUTES.toNanos(30);
                while (ageChanges < expected) {
                    if (failure.get() != null) {
                        throw new IllegalStateException(label + ": stream thread failed", failure.get());
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(label + ": " + ageChanges + " of " + expected
                                + " age tag changes after 30 minutes");
                    }
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                        TagChange change = tagChanges.deserialize(r.topic(), r.value());
                        if (change.getTag().startsWith("age_")) {
                            ageChanges++;
                            lastAt = System.nanoTime();
                        }
                    }
                }
            } finally {
                LifecycleStreamsRun.close(streams);
            }
            double seconds = (lastAt - started) / 1e9;
            System.out.printf("  re-tag, %s: %,d age tag changes committed %.1f s after start() (RUNNING after %.1f s):"
                    + " %,.0f users/s%n", label, ageChanges, seconds, (runningAt.get() - started) / 1e9, users / seconds);
            return new Retag(label, seconds, ageChanges);
        }
    }

    private static LifecycleSettings settings(Map<String, String> env) {
        return SegmentationConfig.fromEnvironment(env).lifecycle();
    }

    private static Live live(String bootstrap, Admin admin, String topic) throws Exception {
        Map<String, Integer> latest = new HashMap<>();
        LifecycleRestoreBench.read(admin, bootstrap, List.of(topic), r -> {
            String key = r.partition() + ":" + new String(r.key(), java.nio.charset.StandardCharsets.ISO_8859_1);
            if (r.value() == null) {
                latest.remove(key);
            } else {
                latest.put(key, r.key().length + r.value().length);
            }
        });
        return new Live(topic, latest.size(), latest.values().stream().mapToLong(Integer::longValue).sum());
    }

    private static long size(Path dir) {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
