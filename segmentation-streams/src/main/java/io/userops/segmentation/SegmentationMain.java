package io.userops.segmentation;

import io.userops.segmentation.config.SegmentationConfig;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the segmentation service alone, configured from the environment (see {@link SegmentationConfig#fromEnvironment}). */
public final class SegmentationMain {

    private static final Logger log = LoggerFactory.getLogger(SegmentationMain.class);

    private SegmentationMain() {
    }

    /** {@code USEROPS_OPS_GROUPS} (comma-separated), else this application and the trigger service's defaults. */
    static List<String> pipelineGroups(SegmentationConfig config) {
        String groups = System.getenv("USEROPS_OPS_GROUPS");
        if (groups == null || groups.isBlank()) {
            return List.of(config.applicationId(), "userops-trigger", "userops-delivery");
        }
        return Arrays.stream(groups.split(",")).map(String::trim).filter(g -> !g.isEmpty()).toList();
    }

    /** {@code USEROPS_CONSOLE_TRIGGER_URL}, else the trigger service's default address. */
    static URI consoleTrigger() {
        String url = System.getenv("USEROPS_CONSOLE_TRIGGER_URL");
        return URI.create(url == null || url.isBlank() ? "http://127.0.0.1:8082" : url.trim());
    }

    public static void main(String[] args) throws InterruptedException {
        SegmentationConfig config = SegmentationConfig.fromEnvironment(System.getenv());
        log.info("starting with {}", config);
        SegmentationService service = new SegmentationService(config).withPipelineGroups(pipelineGroups(config))
                .withConsoleTrigger(consoleTrigger()).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "segmentation-shutdown"));
        stopped.await();
    }
}
