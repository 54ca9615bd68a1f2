package io.userops.segmentation;

import io.userops.segmentation.config.SegmentationConfig;
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

    public static void main(String[] args) throws InterruptedException {
        SegmentationConfig config = SegmentationConfig.fromEnvironment(System.getenv());
        log.info("starting with {}", config);
        SegmentationService service = new SegmentationService(config).withPipelineGroups(pipelineGroups(config)).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "segmentation-shutdown"));
        stopped.await();
    }
}
