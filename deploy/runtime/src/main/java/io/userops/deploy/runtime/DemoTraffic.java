package io.userops.deploy.runtime;

import io.userops.deploy.traffic.TrafficSimulator;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/** The simulated population {@code ./userops demo} plays through the tracking API. */
public final class DemoTraffic {

    public static final int USERS = 500;
    /** How long a simulated day lasts; the demo's lifecycle rules (lifecycle-demo.yaml) use the same pace. */
    public static final Duration DAY = Duration.ofSeconds(5);

    private DemoTraffic() {
    }

    public static TrafficSimulator of(RuntimeConfig config) {
        URI ingest = URI.create("http://127.0.0.1:" + config.ingestPort());
        // The demo sends with the first configured write key (the development key unless overridden).
        String writeKey = config.writeKeys().split(",")[0].split("=")[0].trim();
        return new TrafficSimulator(new TrafficSimulator.Config(ingest, writeKey, USERS, 2_000,
                Duration.ofDays(7), Duration.ofDays(1).toSeconds() / (double) DAY.toSeconds(), 100, 42,
                TrafficSimulator.Pace.FAST_FORWARD), Clock.systemUTC());
    }
}
