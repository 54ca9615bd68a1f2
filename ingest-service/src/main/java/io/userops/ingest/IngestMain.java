package io.userops.ingest;

import io.userops.ingest.config.IngestConfig;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the ingest service alone, configured from the environment (see {@link IngestConfig#fromEnvironment}). */
public final class IngestMain {

    private static final Logger log = LoggerFactory.getLogger(IngestMain.class);

    private IngestMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        IngestConfig config = IngestConfig.fromEnvironment(System.getenv());
        log.info("starting with {}", config);
        IngestService service = new IngestService(config).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "ingest-shutdown"));
        stopped.await();
    }
}
