package io.userops.deploy;

import io.userops.deploy.runtime.DevRuntime;
import io.userops.deploy.runtime.RuntimeConfig;
import io.userops.deploy.traffic.TrafficSimulator;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
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
        TrafficSimulator traffic = config.command() == RuntimeConfig.Command.DEMO ? demoTraffic(config) : null;
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
            System.out.printf("demo: playing %d simulated users through %s: the last 14 days in about a minute,"
                    + " then live%n", DEMO_USERS, runtime.ingestUrl());
            traffic.run(Long.MAX_VALUE, Duration.ofDays(365), Duration.ofSeconds(5), p -> System.out.printf(
                    "demo: %s %,d events sent, %,d accepted, %,d rejected, %,d failed requests (simulated time %s)%n",
                    p.live() ? "live," : "replaying history,", p.eventsSent(), p.eventsAccepted(), p.eventsRejected(),
                    p.requestsFailed(), p.simulatedNow().truncatedTo(java.time.temporal.ChronoUnit.MINUTES)));
        }
        stopped.await();
    }

    private static final int DEMO_USERS = 500;

    private static TrafficSimulator demoTraffic(RuntimeConfig config) {
        URI ingest = URI.create("http://127.0.0.1:" + config.ingestPort());
        Duration history = Duration.ofDays(14);
        // The demo sends with the first configured write key (the development key unless overridden).
        String writeKey = config.writeKeys().split(",")[0].split("=")[0].trim();
        return new TrafficSimulator(new TrafficSimulator.Config(ingest, writeKey, DEMO_USERS, 2_000,
                history, history.toSeconds() / 60.0, 100, 42), Clock.systemUTC());
    }
}
