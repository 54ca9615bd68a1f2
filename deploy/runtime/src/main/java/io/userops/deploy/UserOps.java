package io.userops.deploy;

import io.userops.deploy.runtime.DevRuntime;
import io.userops.deploy.runtime.FoundationDemo;
import io.userops.deploy.runtime.RuntimeConfig;
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
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("userops: stopping");
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
        if (config.command() == RuntimeConfig.Command.DEMO) {
            FoundationDemo.run(runtime.bootstrapServers(), runtime.registryClient(), System.out);
        }
        System.out.println("userops: press Ctrl-C to stop");
        stopped.await();
    }
}
