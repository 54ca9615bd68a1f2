package io.userops.segmentation.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.userops.ops.PartitionLag;
import io.userops.ops.PipelineHistory;
import io.userops.ops.PipelineMonitor;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The pipeline as data, for the console and for people: {@code GET /v1/ops/lag} (every consumer group of the
 * pipeline, per partition: records behind and the age of the oldest waiting record) and
 * {@code GET /v1/ops/freshness} (how old the newest lifecycle transition is), {@code GET /v1/ops/dead-letters}
 * (dead letters by the stage that wrote them and the reason), {@code GET /v1/ops/history?minutes=} (the readings of
 * the last minutes, at most an hour: lag per group and partition, rates, the topics' end offsets and freshness).
 */
public final class OpsApi {

    private final Supplier<PipelineMonitor.Snapshot> pipeline;
    private final PipelineHistory history;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    private OpsApi(Supplier<PipelineMonitor.Snapshot> pipeline, PipelineHistory history, Clock clock) {
        this.pipeline = pipeline;
        this.history = history;
        this.clock = clock;
    }

    public static void routes(JavalinConfig config, PipelineMonitor monitor) {
        routes(config, monitor::latest, monitor.history(), Clock.systemUTC());
    }

    static void routes(JavalinConfig config, Supplier<PipelineMonitor.Snapshot> pipeline, PipelineHistory history,
            Clock clock) {
        OpsApi api = new OpsApi(pipeline, history, clock);
        config.routes.get("/v1/ops/lag", api::lag);
        config.routes.get("/v1/ops/freshness", api::freshness);
        config.routes.get("/v1/ops/dead-letters", api::deadLetters);
        config.routes.get("/v1/ops/history", api::history);
    }

    private void history(Context ctx) {
        long maxMinutes = history.window().toMinutes();
        String text = ctx.queryParam("minutes");
        long minutes;
        try {
            minutes = text == null ? maxMinutes : Long.parseLong(text);
        } catch (NumberFormatException e) {
            minutes = -1;
        }
        if (minutes < 1 || minutes > maxMinutes) {
            ctx.status(400).json(new ApiError("invalid_minutes", "minutes must be a whole number from 1 to "
                    + maxMinutes + ", was '" + text + "'").toJson(json));
            return;
        }
        ObjectNode body = json.createObjectNode().put("minutes", minutes);
        ArrayNode points = body.putArray("points");
        for (PipelineMonitor.Snapshot reading : history.since(clock.instant().minus(Duration.ofMinutes(minutes)))) {
            points.add(point(reading));
        }
        ctx.json(body);
    }

    /** One reading, compact: the console draws an hour of these, one every few seconds. */
    private ObjectNode point(PipelineMonitor.Snapshot reading) {
        ObjectNode point = json.createObjectNode().put("at", reading.takenAt().toString());
        reading.freshness().ifPresentOrElse(d -> point.put("freshnessSeconds", seconds(d)),
                () -> point.putNull("freshnessSeconds"));
        ObjectNode groups = point.putObject("groups");
        Map<String, Long> ends = new TreeMap<>();
        Map<String, Long> endPerPartition = new TreeMap<>();
        reading.lag().forEach((group, partitions) -> {
            ObjectNode g = summary(groups.putObject(group), reading, group);
            ObjectNode perPartition = g.putObject("partitions");
            for (PartitionLag p : partitions) {
                perPartition.put(p.topic() + "/" + p.partition(), p.records());
                endPerPartition.merge(p.topic() + "/" + p.partition(), p.end(), Math::max);
            }
        });
        endPerPartition.forEach((partition, end) ->
                ends.merge(partition.substring(0, partition.lastIndexOf('/')), end, Long::sum));
        ObjectNode topicEnds = point.putObject("topicEnds");
        ends.forEach(topicEnds::put);
        return point;
    }

    /** A group's records behind, oldest waiting record and rate (null before two readings). */
    private static ObjectNode summary(ObjectNode g, PipelineMonitor.Snapshot reading, String group) {
        g.put("records", reading.records(group)).put("maxAgeSeconds", seconds(reading.maxAge(group)));
        Double rate = reading.recordsPerSecond().get(group);
        if (rate == null) {
            g.putNull("recordsPerSecond");
        } else {
            g.put("recordsPerSecond", rate);
        }
        return g;
    }

    private void lag(Context ctx) {
        PipelineMonitor.Snapshot snapshot = pipeline.get();
        ObjectNode body = header(snapshot);
        ArrayNode groups = body.putArray("groups");
        snapshot.lag().forEach((group, partitions) -> {
            ObjectNode g = summary(groups.addObject().put("group", group), snapshot, group);
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

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
