package io.userops.segmentation;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.userops.segmentation.http.LifecycleQueries;
import io.userops.segmentation.lifecycle.Stage;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.Metric;
import org.apache.kafka.streams.KafkaStreams;

/**
 * What ops watch of the lifecycle, on {@code /metrics}: users per stage on this instance's partitions
 * ({@code userops_lifecycle_users{stage}}), and transitions decided and users woken by the timer since
 * start ({@code userops_lifecycle_transitions_total}, {@code userops_lifecycle_timer_wake_ups_total}); duplicates
 * dropped, identifiers linked and links refused ({@code userops_identity_*_total}).
 */
final class LifecycleMetrics {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(LifecycleMetrics.class);

    private static final String LIFECYCLE_SCOPE = "userops-lifecycle";
    private static final String IDENTITY_SCOPE = "userops-identity";

    private LifecycleMetrics() {
    }

    /** {@code streams} is the service's own reference: meters hold their state object weakly. */
    static void bindTo(MeterRegistry registry, AtomicReference<KafkaStreams> streams) {
        for (Stage stage : Stage.values()) {
            Gauge.builder("userops.lifecycle.users", streams, s -> usersIn(s.get(), stage))
                    .tag("stage", stage.name())
                    .description("Users in the stage, over the partitions this instance owns")
                    .register(registry);
        }
        FunctionCounter.builder("userops.lifecycle.transitions", streams,
                        s -> sensorTotal(s.get(), LIFECYCLE_SCOPE, "transitions-total"))
                .description("Lifecycle transitions decided by this instance since it started")
                .register(registry);
        FunctionCounter.builder("userops.lifecycle.timer.wake.ups", streams,
                        s -> sensorTotal(s.get(), LIFECYCLE_SCOPE, "timer-wake-ups-total"))
                .description("Users woken by the timer index since this instance started")
                .register(registry);
        FunctionCounter.builder("userops.identity.duplicates.dropped", streams,
                        s -> sensorTotal(s.get(), IDENTITY_SCOPE, "duplicates-dropped-total"))
                .description("Events dropped as repeats of a (source, messageId) seen within the dedup window")
                .register(registry);
        FunctionCounter.builder("userops.identity.identifiers.linked", streams,
                        s -> sensorTotal(s.get(), IDENTITY_SCOPE, "identifiers-linked-total"))
                .description("Anonymous ids and previous ids linked to a user (each retires that id's own profile)")
                .register(registry);
        FunctionCounter.builder("userops.identity.links.refused", streams,
                        s -> sensorTotal(s.get(), IDENTITY_SCOPE, "links-refused-total"))
                .description("Links refused: the id belongs to another user, or the user has the most ids allowed")
                .register(registry);
    }

    private static double usersIn(KafkaStreams streams, Stage stage) {
        if (streams == null || streams.state() != KafkaStreams.State.RUNNING) {
            return Double.NaN;
        }
        try {
            return new LifecycleQueries(streams).stageCounts().get(stage);
        } catch (RuntimeException e) {
            log.debug("users per stage not readable now", e);
            return Double.NaN;
        }
    }

    /** The sum over tasks of one of the topology's own sensors. */
    private static double sensorTotal(KafkaStreams streams, String scope, String name) {
        if (streams == null) {
            return 0;
        }
        double total = 0;
        for (Metric metric : streams.metrics().values()) {
            if (metric.metricName().name().equals(name) && metric.metricName().group().contains(scope)
                    && metric.metricValue() instanceof Double value) {
                total += value;
            }
        }
        return total;
    }
}
