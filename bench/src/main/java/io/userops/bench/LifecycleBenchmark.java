package io.userops.bench;

import io.userops.deploy.EmbeddedStack;
import io.userops.segmentation.streams.Names;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The lifecycle engine against its yardsticks, in one JVM on one embedded broker ({@code EmbeddedStack}, 3 partitions):
 * <ol>
 *   <li>(a) events/s of the segmentation topology (exactly_once_v2, the service's Streams settings) over
 *       pre-produced simulated events, against a pass-through topology (same deserializer and serializer,
 *       exactly_once_v2) on the same input;</li>
 *   <li>(b) the same topology under exactly_once_v2 against at_least_once;</li>
 *   <li>(c) CPU time of one timer tick waking 1% of 1,000,000 users, against one full scan of the lifecycle
 *       store (TopologyTestDriver, RocksDB stores);</li>
 *   <li>(d) restoring the state of 1,000,000 users from the changelogs after wiping the state directory,
 *       against reading the same changelog topics with a plain consumer.</li>
 *   <li>(e) realistic profiles (traits, an identity link, an order or a key event) of 1,000,000 users: bytes of
 *   state per user, and the time to re-tag them all after a tag rule change, against a plain read of the profile
 *   changelog ({@link ProfileStateBench}; with {@code --parts=e}, users from the restore-users count);</li>
 *   <li>(t) (c) on a running application: the stream thread's CPU around a wall-clock tick waking 1% of the
 *   tick-users count, against full scans through interactive queries ({@link LifecycleLiveTickBench}; not in the
 *   default parts).</li>
 * </ol>
 * Usage: {@code bench/run-lifecycle.sh [--quick] [--parts=abcdet] [events] [users] [tick-users] [restore-users] [rounds]}.
 */
public final class LifecycleBenchmark {

    private record Settings(int events, int users, int tickUsers, int restoreUsers, int rounds, String parts,
            boolean quick) {

        static Settings parse(String[] args) {
            boolean quick = List.of(args).contains("--quick");
            String parts = "abcd";
            List<Integer> numbers = new ArrayList<>();
            for (String arg : args) {
                if (arg.startsWith("--parts=")) {
                    parts = arg.substring("--parts=".length());
                } else if (!arg.startsWith("--")) {
                    numbers.add(Integer.parseInt(arg.replace("_", "")));
                }
            }
            int[] defaults = quick ? new int[] {20_000, 2_000, 100_000, 100_000, 1}
                    : new int[] {200_000, 20_000, 1_000_000, 1_000_000, 3};
            for (int i = 0; i < numbers.size() && i < defaults.length; i++) {
                defaults[i] = numbers.get(i);
            }
            return new Settings(defaults[0], defaults[1], defaults[2], defaults[3], defaults[4], parts, quick);
        }
    }

    /** One measured subject of (a) and (b). */
    private record Subject(String label, String shortName, LifecycleStreamsRun.Subject subject, String guarantee,
            Map<String, String> overrides, boolean awaitCommit) {
    }

    private static final Subject PASS = new Subject("pass-through, exactly_once_v2", "pass",
            LifecycleStreamsRun.Subject.PASS_THROUGH, StreamsConfig.EXACTLY_ONCE_V2, Map.of(), true);
    private static final Subject EOS = new Subject("lifecycle, exactly_once_v2", "eos",
            LifecycleStreamsRun.Subject.LIFECYCLE, StreamsConfig.EXACTLY_ONCE_V2, Map.of(), true);
    private static final Subject ALOS = new Subject("lifecycle, at_least_once", "alos",
            LifecycleStreamsRun.Subject.LIFECYCLE, StreamsConfig.AT_LEAST_ONCE, Map.of(), false);
    private static final Subject ALOS_100 = new Subject("lifecycle, at_least_once, commit.interval.ms=100", "alos100",
            LifecycleStreamsRun.Subject.LIFECYCLE, StreamsConfig.AT_LEAST_ONCE,
            Map.of(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100"), true);
    private static final List<Subject> SUBJECTS = List.of(PASS, EOS, ALOS, ALOS_100);

    private static final List<String> summary = new ArrayList<>();
    private static int apps;
    private static final String NONCE = Long.toString(System.currentTimeMillis() % 100_000, 36);

    private LifecycleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.parse(args);
        long began = System.nanoTime();
        System.out.printf("Lifecycle benchmark%s: parts %s; (a, b) %,d simulated events of %,d simulated users, %d"
                        + " round(s); (c) %,d users; (d) %,d users%n", settings.quick() ? " (quick)" : "", settings.parts(),
                settings.events(), settings.users(), settings.rounds(), settings.tickUsers(), settings.restoreUsers());
        System.out.printf("machine: %d cores, %s %s, max heap %,d MB, %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20, Instant.now());
        Path dir = ScratchDir.create("userops-lifecycle-bench");
        LifecycleCpu.Phase whole = LifecycleCpu.Phase.begin();
        try {
            if (settings.parts().contains("c")) {
                LifecycleCpu.Phase phase = LifecycleCpu.Phase.begin();
                tick(settings, dir);
                System.out.println("  (c): " + phase.others());
            }
            if (settings.parts().contains("a") || settings.parts().contains("b") || settings.parts().contains("d")
                    || settings.parts().contains("e") || settings.parts().contains("t")) {
                try (EmbeddedStack stack = EmbeddedStack.start(dir.resolve("stack"), 3);
                     Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
                    admin.createTopics(List.of(new NewTopic(LifecycleStreamsRun.PASS_THROUGH_TOPIC, 3, (short) 1)))
                            .all().get();
                    Properties lastEos = null;
                    if (settings.parts().contains("a") || settings.parts().contains("b")) {
                        LifecycleCpu.Phase phase = LifecycleCpu.Phase.begin();
                        lastEos = throughput(settings, stack, admin, dir);
                        System.out.println("  (a, b): " + phase.others());
                    }
                    if (settings.parts().contains("d")) {
                        LifecycleCpu.Phase phase = LifecycleCpu.Phase.begin();
                        restore(settings, stack, admin, dir, lastEos);
                        System.out.println("  (d): " + phase.others());
                    }
                    if (settings.parts().contains("t")) {
                        LifecycleCpu.Phase phase = LifecycleCpu.Phase.begin();
                        liveTick(settings, stack, admin, dir, summary);
                        System.out.println("  (c, live): " + phase.others());
                    }
                    if (settings.parts().contains("e")) {
                        LifecycleCpu.Phase phase = LifecycleCpu.Phase.begin();
                        summary.addAll(ProfileStateBench.run(settings.restoreUsers(), stack, admin, dir, NONCE));
                        System.out.println("  (e): " + phase.others());
                    }
                }
            }
        } finally {
            ScratchDir.delete(dir);
        }
        System.out.printf("%nSummary (whole run %.1f min; %s)%n%n", (System.nanoTime() - began) / 60e9, whole.others());
        System.out.println("| measurement | subject | yardstick | ratio | goal | met |");
        System.out.println("|---|---:|---:|---:|---|---|");
        summary.forEach(System.out::println);
    }

    // ---------------------------------------------------------------- (c)

    private static void tick(Settings settings, Path dir) {
        System.out.printf("%n(c) timer tick vs full scan, TopologyTestDriver, RocksDB stores, thread CPU time%n");
        // Warm-up: the same procedure on a tenth of the users, figures printed and discarded.
        LifecycleTickBench.Result warm = LifecycleTickBench.run(Math.max(1_000, settings.tickUsers() / 10),
                dir.resolve("tick-warm"));
        print("warm-up, discarded", warm);
        ScratchDir.delete(dir.resolve("tick-warm"));
        LifecycleTickBench.Result r = LifecycleTickBench.run(settings.tickUsers(), dir.resolve("tick"));
        print("measured", r);
        ScratchDir.delete(dir.resolve("tick"));
        boolean verified = r.woken() == r.due() && r.scanned() == r.users() && r.indexTickEntries() == r.due()
                && r.indexTickTransitions() == 0;
        if (!verified) {
            System.out.printf("NOT VERIFIED: the tick woke %,d users (expected %,d), the scan saw %,d entries (expected %,d),"
                            + " the index tick removed %,d entries (expected %,d) and made %,d transitions (expected none)%n",
                    r.woken(), r.due(), r.scanned(), r.users(), r.indexTickEntries(), r.due(), r.indexTickTransitions());
        }
        summary.add(String.format("| (c) timer tick CPU, %,d users, %,d due (woken: %,d%s) | %.1f ms | full scan %.1f ms"
                        + " (median of %d) | %.3f | <= 0.05 | %s |", r.users(), r.due(), r.woken(),
                verified ? ", verified" : ", NOT VERIFIED", r.tickCpuNanos() / 1e6, r.medianScanCpuNanos() / 1e6,
                r.scanCpuNanos().length, r.ratio(), verified && r.ratio() <= 0.05 ? "yes" : "no"));
        summary.add(String.format("| (c, index only) tick finding %,d due entries whose states are gone | %.1f ms | full scan"
                        + " %.1f ms | %.3f | | |", r.indexTickEntries(), r.indexTickCpuNanos() / 1e6,
                r.medianScanCpuNanos() / 1e6, r.indexRatio()));
        // What the index is for: the same due users among a tenth of the population should cost the same per user.
        LifecycleTickBench.Result tenth = LifecycleTickBench.run(settings.tickUsers() / 10, r.due(),
                dir.resolve("tick-tenth"));
        print("same due among a tenth of the users", tenth);
        ScratchDir.delete(dir.resolve("tick-tenth"));
        summary.add(String.format("| (c, per woken user) tick CPU per woken user, %,d due among %,d users, against %,d due"
                        + " among %,d | %.1f us | %.1f us | %.2f | | |", r.woken(), r.users(), tenth.woken(),
                tenth.users(), r.tickMicrosPerWokenUser(), tenth.tickMicrosPerWokenUser(),
                r.tickMicrosPerWokenUser() / tenth.tickMicrosPerWokenUser()));
    }

    /** (c) again, on a running application: no TopologyTestDriver capturing records inside the measured call. */
    private static void liveTick(Settings settings, EmbeddedStack stack, Admin admin, Path dir, List<String> summary)
            throws Exception {
        System.out.printf("%n(c, live) timer tick on a running application, exactly_once_v2, stream thread CPU time%n");
        LifecycleLiveTickBench.Result r = LifecycleLiveTickBench.run(settings.tickUsers(), stack, admin, dir, NONCE);
        // The store holds the population and both rounds of due users.
        boolean verified = r.transitions() == r.due() && r.scanned() == r.users() + r.due();
        System.out.printf("  measured tick: %.1f ms, %.1f us a woken user; scans of %,d entries through interactive"
                        + " queries, CPU ms %s%n", r.tickCpuMillis(), r.tickCpuMillis() * 1e3 / Math.max(1, r.transitions()),
                r.scanned(), millis(r.scanCpuNanos()));
        summary.add(String.format("| (c, live) tick CPU on a running application, %,d users, %,d due (woken: %,d%s) |"
                        + " %.1f ms | full scan %.1f ms (interactive queries, median of %d) | %.3f | <= 0.05 | %s |",
                r.users(), r.due(), r.transitions(), verified ? ", verified" : ", NOT VERIFIED", r.tickCpuMillis(),
                r.medianScanMillis(), r.scanCpuNanos().length, r.ratio(),
                verified && r.ratio() <= 0.05 ? "yes" : "no"));
    }

    private static void print(String what, LifecycleTickBench.Result r) {
        System.out.printf("  %s: %,d users piped in %.1f s (%,.0f/s, thread CPU %.1f s); tick (maxUsersPerTick %,d): %,d transitions, %,d to"
                        + " AT_RISK, %,d profiles, CPU %.1f ms, wall %.1f ms; next tick (none due): %,d transitions, CPU %.2f ms;"
                        + " full scan of %,d entries, CPU ms %s, wall ms %s; ratio tick/scan %.4f; index only: %,d due"
                        + " entries removed, %,d transitions, CPU %.1f ms, ratio %.4f%n",
                what, r.users(), r.pipeSeconds(), r.users() / r.pipeSeconds(), r.pipeCpuSeconds(), r.maxUsersPerTick(), r.transitionsOfTick(),
                r.woken(), r.profilesOfTick(), r.tickCpuNanos() / 1e6, r.tickWallNanos() / 1e6, r.emptyTickTransitions(),
                r.emptyTickCpuNanos() / 1e6, r.scanned(), millis(r.scanCpuNanos()), millis(r.scanWallNanos()), r.ratio(),
                r.indexTickEntries(), r.indexTickTransitions(), r.indexTickCpuNanos() / 1e6, r.indexRatio());
        System.out.printf("    point reads of %,d users untouched since piped, CPU each: %s; one scanned entry: %.2f us%n",
                r.due(), String.join(", ", r.pointReads().stream().map(p -> String.format("%s %.1f us (%,d found)",
                        p.store(), p.microsEach(), p.found())).toList()), r.medianScanCpuNanos() / 1e3 / r.scanned());
    }

    private static String millis(long[] nanos) {
        return String.join("/", java.util.Arrays.stream(nanos).mapToObj(n -> String.format("%.0f", n / 1e6)).toList());
    }

    // ---------------------------------------------------------------- (a) and (b)

    /** @return the Streams settings of the last exactly-once lifecycle run, for the restore warm-up */
    private static Properties throughput(Settings settings, EmbeddedStack stack, Admin admin, Path dir) throws Exception {
        System.out.printf("%n(a, b) topology throughput on the embedded broker%n");
        Instant now = Instant.now();
        Instant from = now.minus(Duration.ofDays(10));
        long generating = System.nanoTime();
        var events = LifecycleTraffic.simulated(settings.users(), settings.events(), from, now, 1);
        System.out.printf("  generated the simulated events (TrafficPlan, as ingest normalizes them) in %.1f s%n",
                (System.nanoTime() - generating) / 1e9);
        LifecycleTraffic.Input input = LifecycleTraffic.produce(admin, stack.bootstrapServers(), stack.registryClient(),
                events.size(), events::get);
        events = null;
        describe("input", input);
        Properties eosProps = props(EOS, "x", stack, dir);
        Properties alosProps = props(ALOS, "x", stack, dir);
        System.out.printf("  commit.interval.ms in effect: exactly_once_v2 %d, at_least_once %d (Streams defaults);"
                        + " at_least_once runs end when the last record is processed, the others when the committed"
                        + " offsets reach the end of the input; then each is closed (flush, commit) and timed to closed%n",
                new StreamsConfig(eosProps).getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG),
                new StreamsConfig(alosProps).getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG));

        Map<Subject, List<LifecycleStreamsRun.Result>> results = new LinkedHashMap<>();
        SUBJECTS.forEach(s -> results.put(s, new ArrayList<>()));
        Properties lastEos = null;
        // Round 0 is the warm-up: every subject once over the same input, figures printed and discarded.
        // (With warm-ups of a tenth of the input, the JIT compiler still took 10-20 s of CPU in the first measured round.)
        for (int round = 0; round <= settings.rounds(); round++) {
            List<Subject> order = new ArrayList<>(SUBJECTS);
            if (round % 2 == 0) {
                java.util.Collections.reverse(order);
            }
            for (Subject s : order) {
                LifecycleStreamsRun.Result r = runOnce(s, "r" + round, stack, admin, dir, input.from(), input.to());
                printRun(round == 0 ? "warm-up, discarded" : "round " + round, r);
                if (round > 0) {
                    results.get(s).add(r);
                }
                if (s == EOS) {
                    lastEos = props(EOS, r.applicationId(), stack, dir);
                }
            }
        }

        System.out.printf("%n| topology | events/s to end (median) | s, start to end (each round) | events/s after RUNNING"
                + " (median) | events/s to closed (median) | start to RUNNING s | process CPU s | stream thread CPU s |"
                + " records sent/event |%n");
        System.out.println("|---|---:|---|---:|---:|---:|---:|---:|---:|");
        for (Subject s : SUBJECTS) {
            List<LifecycleStreamsRun.Result> rs = results.get(s);
            System.out.printf("| %s | %,.0f | %s | %,.0f | %,.0f | %.2f | %.1f | %.1f | %.2f |%n", s.label(),
                    median(rs, LifecycleStreamsRun.Result::eventsPerSecond),
                    String.join(" / ", rs.stream().map(r -> String.format("%.2f", r.seconds())).toList()),
                    median(rs, LifecycleStreamsRun.Result::eventsPerSecondAfterRunning),
                    median(rs, LifecycleStreamsRun.Result::eventsPerSecondToClosed),
                    median(rs, LifecycleStreamsRun.Result::startToRunning),
                    median(rs, r -> r.cpu().process()), median(rs, r -> r.cpu().streamThread()),
                    median(rs, r -> (double) r.recordsSent() / r.records()));
        }
        for (Subject s : List.of(EOS, ALOS)) {
            LifecycleStreamsRun.Result last = results.get(s).get(results.get(s).size() - 1);
            List<String> perTopic = new ArrayList<>();
            last.sentByTopic().forEach((topic, n) -> perTopic.add(String.format("%s %.2f", topic, (double) n / last.records())));
            System.out.printf("%n  records sent per input event by %s (last round), per topic: %s", s.label(),
                    String.join(", ", perTopic));
        }
        System.out.println();
        double pass = median(results.get(PASS), LifecycleStreamsRun.Result::eventsPerSecond);
        double eos = median(results.get(EOS), LifecycleStreamsRun.Result::eventsPerSecond);
        double passRun = median(results.get(PASS), LifecycleStreamsRun.Result::eventsPerSecondAfterRunning);
        double eosRun = median(results.get(EOS), LifecycleStreamsRun.Result::eventsPerSecondAfterRunning);
        double eosClosed = median(results.get(EOS), LifecycleStreamsRun.Result::eventsPerSecondToClosed);
        double alosClosed = median(results.get(ALOS), LifecycleStreamsRun.Result::eventsPerSecondToClosed);
        double alosProcessed = median(results.get(ALOS), LifecycleStreamsRun.Result::eventsPerSecond);
        double eosProcessed = median(results.get(EOS), r -> r.records() / r.startToProcessed());
        System.out.printf("%n  (a) per round, lifecycle EOS / pass-through EOS (to committed): %s; counted from RUNNING: %.2f%n",
                perRound(results.get(EOS), results.get(PASS), LifecycleStreamsRun.Result::eventsPerSecond), eosRun / passRun);
        System.out.printf("  (b) per round, lifecycle EOS / ALOS (to closed): %s; to the last record processed (ALOS"
                        + " then still holds its cached state writes): %.2f%n",
                perRound(results.get(EOS), results.get(ALOS), LifecycleStreamsRun.Result::eventsPerSecondToClosed),
                eosProcessed / alosProcessed);
        summary.add(String.format("| (a) topology throughput, %,d events, %,d keys (median of %d) | %,.0f events/s |"
                        + " pass-through %,.0f events/s | %.2f | >= 0.5 | %s |", input.count(), input.keys(),
                settings.rounds(), eos, pass, eos / pass, eos / pass >= 0.5 ? "yes" : "no"));
        summary.add(String.format("| (b) exactly_once_v2 (commit 100 ms) vs at_least_once (commit 30 s), to closed |"
                        + " %,.0f events/s | %,.0f events/s | %.2f | >= 0.8 | %s |", eosClosed, alosClosed,
                eosClosed / alosClosed, eosClosed / alosClosed >= 0.8 ? "yes" : "no"));
        return lastEos;
    }

    private static String perRound(List<LifecycleStreamsRun.Result> a, List<LifecycleStreamsRun.Result> b,
            ToDoubleFunction<LifecycleStreamsRun.Result> rate) {
        List<String> ratios = new ArrayList<>();
        for (int i = 0; i < a.size() && i < b.size(); i++) {
            ratios.add(String.format("%.2f", rate.applyAsDouble(a.get(i)) / rate.applyAsDouble(b.get(i))));
        }
        return String.join(", ", ratios);
    }

    private static LifecycleStreamsRun.Result runOnce(Subject s, String tag, EmbeddedStack stack, Admin admin, Path dir,
            Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) throws Exception {
        String applicationId = "bench-lifecycle-" + NONCE + "-" + s.shortName() + "-" + tag + "-" + (++apps);
        Properties props = props(s, applicationId, stack, dir);
        return LifecycleStreamsRun.run(s.label(), LifecycleStreamsRun.topology(s.subject(),
                LifecycleStreamsRun.registry(stack.registryUrl()), admin, applicationId), props, admin, from, to,
                s.awaitCommit(), null);
    }

    private static Properties props(Subject s, String applicationId, EmbeddedStack stack, Path dir) {
        return LifecycleStreamsRun.properties(applicationId, stack.bootstrapServers(), dir.resolve("state").resolve(applicationId),
                s.guarantee(), s.overrides());
    }

    private static void printRun(String what, LifecycleStreamsRun.Result r) {
        System.out.printf("  %s: %s: %,d records, RUNNING after %.2f s, processed after %.2f s, committed after %s s,"
                        + " closed after %.2f s: %,.0f events/s (%,.0f/s after RUNNING, %,.0f/s to closed); process CPU %s;"
                        + " %,d records sent%n",
                what, r.label(), r.records(), r.startToRunning(), r.startToProcessed(),
                Double.isNaN(r.startToCommitted()) ? "(not awaited)" : String.format("%.2f", r.startToCommitted()),
                r.startToClosed(), r.eventsPerSecond(), r.eventsPerSecondAfterRunning(), r.eventsPerSecondToClosed(),
                r.cpu(), r.recordsSent());
    }

    private static void describe(String what, LifecycleTraffic.Input input) {
        System.out.printf("  %s: %,d events, %,d distinct keys, event times %s to %s (%.1f days), %,d bytes of Avro"
                        + " (%.0f per event), produced in %.1f s%n", what, input.count(), input.keys(), input.first(),
                input.last(), LifecycleTraffic.span(input).toMinutes() / 1440.0, input.bytes(),
                (double) input.bytes() / input.events(), input.produceSeconds());
    }

    // ---------------------------------------------------------------- (d)

    private static void restore(Settings settings, EmbeddedStack stack, Admin admin, Path dir, Properties warmEos)
            throws Exception {
        System.out.printf("%n(d) restore after wiping the state directory vs a plain consumer reading the changelogs%n");
        if (warmEos != null) {
            // Warm-up: restore the last exactly-once application of (a), read its changelogs; figures printed and discarded.
            String warmId = warmEos.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
            LifecycleRestoreBench.Restore w = LifecycleRestoreBench.restore(topology(stack, admin, warmId), warmEos);
            LifecycleRestoreBench.Read wr = LifecycleRestoreBench.read(admin, stack.bootstrapServers(),
                    LifecycleRestoreBench.changelogs(admin, warmId));
            System.out.printf("  warm-up, discarded: restored %,d records (%s) in %.2f s to RUNNING; plain read of %,d"
                            + " records in %.2f s%n", w.restored(), w.restoredByStore(), w.toRunning(), wr.records(),
                    wr.seconds());
        } else {
            System.out.println("  no warm-up (parts a/b not run)");
        }
        Instant now = Instant.now();
        int users = settings.restoreUsers();
        LifecycleTraffic.Input input = LifecycleTraffic.produce(admin, stack.bootstrapServers(), stack.registryClient(),
                users, LifecycleTraffic.onePerUser("r" + NONCE + "-", users, now.minus(Duration.ofDays(6)),
                        now.minus(Duration.ofMinutes(1))));
        describe("input: one page view per user", input);

        String applicationId = "bench-lifecycle-" + NONCE + "-restore-" + users;
        Properties props = props(EOS, applicationId, stack, dir);
        LifecycleStreamsRun.Result build = LifecycleStreamsRun.run("lifecycle, exactly_once_v2, building the state",
                topology(stack, admin, applicationId), props, admin, input.from(), input.to(), true, null);
        printRun("state built", build);
        List<String> changelogs = LifecycleRestoreBench.changelogs(admin, applicationId);
        LifecycleRestoreBench.Read read1 = LifecycleRestoreBench.read(admin, stack.bootstrapServers(), changelogs);
        LifecycleRestoreBench.Read stateOnly = LifecycleRestoreBench.read(admin, stack.bootstrapServers(),
                changelogs.stream().filter(t -> t.contains("-" + Names.LIFECYCLE_STORE + "-")).toList());
        Path stateDir = LifecycleRestoreBench.stateDir(props).resolve(applicationId);
        System.out.printf("  state directory %s after the build run: %s%n", stateDir,
                Files.exists(stateDir) ? "still there (wiped before the restore)" : "wiped");
        LifecycleRestoreBench.Restore restore = LifecycleRestoreBench.restore(topology(stack, admin, applicationId), props);
        LifecycleRestoreBench.Read read2 = LifecycleRestoreBench.read(admin, stack.bootstrapServers(), changelogs);
        double read = (read1.seconds() + read2.seconds()) / 2;
        System.out.printf("  plain consumer, all %d changelogs (%s): %,d records, %,d MB, %.2f s before and %.2f s after"
                        + " the restore (%,.0f records/s)%n", changelogs.size(), String.join(", ", changelogs),
                read1.records(), read1.bytes() >> 20, read1.seconds(), read2.seconds(), read1.records() / read);
        System.out.printf("  plain consumer, the lifecycle-state changelog alone: %,d records, %,d MB, %.2f s%n",
                stateOnly.records(), stateOnly.bytes() >> 20, stateOnly.seconds());
        System.out.printf("  restore: RUNNING %.2f s after start(), last store partition restored after %.2f s;"
                        + " restored %,d records (%s), %,.0f records/s%n", restore.toRunning(), restore.toLastRestored(),
                restore.restored(), restore.restoredByStore(), restore.restored() / restore.toRunning());
        long restoredStates = restore.restoredByStore().getOrDefault(Names.LIFECYCLE_STORE, 0L);
        boolean complete = restoredStates >= users && restore.restored() == read1.records();
        summary.add(String.format("| (d) restore of %,d users (%,d records in %d changelogs%s) | %.2f s to RUNNING |"
                        + " plain read %.2f s (mean of 2) | %.2f | none set | - |", users, restore.restored(),
                changelogs.size(), complete ? "" : ", INCOMPLETE vs " + read1.records() + " read",
                restore.toRunning(), read, restore.toRunning() / read));
    }

    private static org.apache.kafka.streams.Topology topology(EmbeddedStack stack, Admin admin, String applicationId) {
        return LifecycleStreamsRun.topology(LifecycleStreamsRun.Subject.LIFECYCLE,
                LifecycleStreamsRun.registry(stack.registryUrl()), admin, applicationId);
    }

    // ---------------------------------------------------------------- helpers

    private static double median(List<LifecycleStreamsRun.Result> results, ToDoubleFunction<LifecycleStreamsRun.Result> f) {
        return median(results.stream().mapToDouble(f).toArray());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
