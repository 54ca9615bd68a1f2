package io.userops.trigger;

import io.userops.trigger.config.TriggerConfig;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the trigger service alone, configured from the environment (see {@link TriggerConfig#fromEnvironment}). */
public final class TriggerMain {

    private static final Logger log = LoggerFactory.getLogger(TriggerMain.class);

    private TriggerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        TriggerConfig config = TriggerConfig.fromEnvironment(System.getenv());
        log.info("starting with {}", config);
        TriggerService service = new TriggerService(config).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "trigger-shutdown"));
        stopped.await();
    }
}
