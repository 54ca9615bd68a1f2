package io.userops.segmentation.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.userops.ops.PartitionLag;
import io.userops.ops.PipelineMonitor;
import java.util.function.Supplier;

/**
 * The pipeline as data, for the console and for people: {@code GET /v1/ops/lag} (every consumer group of the
 * pipeline, per partition: records behind and the age of the oldest waiting record) and
 * {@code GET /v1/ops/freshness} (how old the newest lifecycle transition is), {@code GET /v1/ops/dead-letters}
 * (dead letters by the stage that wrote them and the reason).
 */
public final class OpsApi {

    private final Supplier<PipelineMonitor.Snapshot> pipeline;
    private final ObjectMapper json = new ObjectMapper();

    private OpsApi(Supplier<PipelineMonitor.Snapshot> pipeline) {
        this.pipeline = pipeline;
    }

    public static void routes(JavalinConfig config, Supplier<PipelineMonitor.Snapshot> pipeline) {
        OpsApi api = new OpsApi(pipeline);
        config.routes.get("/v1/ops/lag", api::lag);
        config.routes.get("/v1/ops/freshness", api::freshness);
        config.routes.get("/v1/ops/dead-letters", api::deadLetters);
    }

    private void lag(Context ctx) {
        PipelineMonitor.Snapshot snapshot = pipeline.get();
        ObjectNode body = header(snapshot);
        ArrayNode groups = body.putArray("groups");
        snapshot.lag().forEach((group, partitions) -> {
            ObjectNode g = groups.addObject().put("group", group).put("records", snapshot.records(group))
                    .put("maxAgeSeconds", seconds(snapshot.maxAge(group)));
            Double rate = snapshot.recordsPerSecond().get(group);
            if (rate == null) {
                g.putNull("recordsPerSecond");
            } else {
                g.put("recordsPerSecond", rate);
            }
            ArrayNode list = g.putArray("partitions");
            for (PartitionLag p : partitions) {
                ObjectNode row = list.addObject().put("topic", p.topic()).put("partition", p.partition())
                        .put("committed", p.committed()).put("end", p.end()).put("records", p.records())
                        .put("ageSeconds", seconds(p.age()));
                p.oldestUnconsumedAt().ifPresent(at -> row.put("oldestUnconsumedAt", at.toString()));
            }
        });
        ctx.json(body);
    }

    private void freshness(Context ctx) {
        PipelineMonitor.Snapshot snapshot = pipeline.get();
        ObjectNode body = header(snapshot);
        snapshot.freshness().ifPresentOrElse(d -> body.put("freshnessSeconds", seconds(d)),
                () -> body.putNull("freshnessSeconds"));
        ctx.json(body);
    }

    private void deadLetters(Context ctx) {
        PipelineMonitor.Snapshot snapshot = pipeline.get();
        ObjectNode body = header(snapshot);
        ArrayNode list = body.putArray("deadLetters");
        snapshot.deadLetters().forEach((key, count) -> {
            String[] stageAndReason = key.split("/", 2);
            list.addObject().put("stage", stageAndReason[0]).put("reason", stageAndReason[1]).put("count", count);
        });
        ctx.json(body);
    }

    private ObjectNode header(PipelineMonitor.Snapshot snapshot) {
        ObjectNode body = json.createObjectNode().put("takenAt", snapshot.takenAt().toString());
        snapshot.error().ifPresent(e -> body.put("error", e));
        return body;
    }

    private static double seconds(java.time.Duration d) {
        return d.toMillis() / 1000.0;
    }
}
