package io.userops.deploy;

import io.userops.deploy.runtime.DevRuntime;
import io.userops.deploy.runtime.RuntimeConfig;
import io.userops.deploy.runtime.DemoLines;
import io.userops.deploy.runtime.DemoTraffic;
import io.userops.deploy.runtime.LocalInbox;
import java.util.List;
import io.userops.deploy.traffic.TrafficSimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code ./userops up|demo}: starts the development runtime, prints where each part listens, waits for Ctrl-C. */
public final class UserOps {

    private static final Logger log = LoggerFactory.getLogger(UserOps.class);

    private UserOps() {
    }

    public static void main(String[] args) throws Exception {
        RuntimeConfig config;
        try {
            config = RuntimeConfig.from(System.getenv(), Arrays.asList(args));
        } catch (IllegalArgumentException e) {
            System.err.println("userops: " + e.getMessage());
            System.exit(2);
            return;
        }
        log.info("starting with {}", config);
        DevRuntime runtime = new DevRuntime(config);
        CountDownLatch stopped = new CountDownLatch(1);
        TrafficSimulator traffic = config.command() == RuntimeConfig.Command.DEMO ? DemoTraffic.of(config) : null;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("userops: stopping");
            if (traffic != null) {
                traffic.stop();
            }
            runtime.close();
            stopped.countDown();
        }, "userops-shutdown"));
        try {
            runtime.start();
        } catch (Exception e) {
            System.err.println("userops: could not start: " + e.getMessage());
            System.exit(1);
        }
        runtime.endpoints().forEach((name, address) -> System.out.printf("  %-16s %s%n", name, address));
        System.out.println("userops ready");
        System.out.println("userops: press Ctrl-C to stop");
        if (traffic != null) {
            DemoLines lines = new DemoLines(runtime.segmentationUrl(), runtime.triggerUrl());
            LocalInbox inbox = runtime.inbox();
            System.out.printf("demo: playing %d simulated users through %s, one simulated day every %d s;"
                    + " lifecycle stages from %s/v1/lifecycle/stages%n", DemoTraffic.USERS, runtime.ingestUrl(),
                    DemoTraffic.DAY.toSeconds(), runtime.segmentationUrl());
            System.out.printf("demo: open the console at %s to watch stages, campaigns and lag%n", runtime.consoleUrl());
            Instant started = Instant.now();
            java.util.concurrent.atomic.AtomicLong reports = new java.util.concurrent.atomic.AtomicLong();
            traffic.run(Long.MAX_VALUE, Duration.ofDays(365), Duration.ofSeconds(5), p -> {
                System.out.printf("demo: day %d, %,d events accepted, %,d rejected | %s%n",
                        Duration.between(started, Instant.now()).toMillis() / DemoTraffic.DAY.toMillis(), p.eventsAccepted(),
                        p.eventsRejected(), lines.line());
                printArrivals(inbox.newArrivals());
                if (reports.incrementAndGet() % 6 == 0) {
                    System.out.printf("demo: %s%n", lines.membershipLine());
                    System.out.printf("demo: campaigns: %s (%s/v1/campaigns)%n", lines.campaignsLine(),
                            runtime.triggerUrl());
                }
            });
        }
        stopped.await();
    }

    /** A few of the messages that arrived since the last report, and how many in all. */
    private static void printArrivals(List<String> arrived) {
        // The first message of each channel, then the rest in order: a webhook is not hidden behind many emails.
        java.util.LinkedHashSet<String> shown = new java.util.LinkedHashSet<>();
        java.util.Set<String> channels = new java.util.HashSet<>();
        arrived.stream().filter(line -> channels.add(line.split(" ", 2)[0])).forEach(shown::add);
        shown.addAll(arrived);
        shown.stream().limit(3).forEach(line -> System.out.printf("demo: message %s%n", line));
        if (arrived.size() > 3) {
            System.out.printf("demo: ... and %d more messages%n", arrived.size() - 3);
        }
    }

}
