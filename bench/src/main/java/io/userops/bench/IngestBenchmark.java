package io.userops.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.userops.avro.TrackedEvent;
import io.userops.deploy.EmbeddedStack;
import io.userops.deploy.traffic.TrafficPlan;
import io.userops.ingest.IngestService;
import io.userops.ingest.config.IngestConfig;
import io.userops.ingest.events.EventNormalizer;
import io.userops.ingest.events.EventTime;
import io.userops.ingest.events.Limits;
import io.userops.ingest.source.Source;
import io.userops.schemas.topics.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.utils.internals.Exit;
import org.apache.kafka.tools.ProducerPerformance;

/**
 * Ingest throughput and latency against the raw Kafka producer, in one run on one embedded broker:
 * <ol>
 *   <li>yardstick: {@link ProducerPerformance}, after a warm-up run of its own (acks=all, the ingest producer's settings, records the
 *       size of an average event in the wire format);</li>
 *   <li>{@code /v1/batch} with 50 events a request, closed loop, as fast as answered, the load from
 *       wrk in a second process (the JDK's client in this process when wrk is missing);</li>
 *   <li>{@code /v1/track} with one event a request, closed loop, the same way;</li>
 *   <li>{@code /v1/batch} paced at 70% of the rate of step 2: p50 and p99 latency (wrk pausing
 *       between answer and request; an open loop with the JDK client when wrk is missing).</li>
 * </ol>
 * Usage: {@code bench/run-ingest.sh [seconds-per-phase] [connections] [warm-up-seconds] [rounds]}.
 */
public final class IngestBenchmark {

    private static final int BATCH = 50;
    private static final String WRITE_KEY = "bench-key";

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Duration measure = Duration.ofSeconds(args.length > 0 ? Integer.parseInt(args[0]) : 20);
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        Duration warmup = Duration.ofSeconds(args.length > 2 ? Integer.parseInt(args[2]) : 15);
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        ObjectMapper json = new ObjectMapper();
        Path dir = ScratchDir.create("userops-bench");
        try (EmbeddedStack stack = EmbeddedStack.start(dir, 3)) {
            // Producer settings can be tried out as they are in production: USEROPS_INGEST_KAFKA_LINGER_MS=10 ...
            Map<String, String> env = new java.util.HashMap<>();
            System.getenv().forEach((name, value) -> {
                if (name.startsWith("USEROPS_INGEST_KAFKA_")) {
                    env.put(name, value);
                }
            });
            env.put("USEROPS_INGEST_PORT", "0");
            env.put("USEROPS_BOOTSTRAP_SERVERS", stack.bootstrapServers());
            env.put("USEROPS_SCHEMA_REGISTRY_URL", stack.registryUrl());
            env.put("USEROPS_INGEST_WRITE_KEYS", WRITE_KEY + "=bench");
            IngestConfig config = IngestConfig.fromEnvironment(env);
            System.out.println("ingest producer overrides: " + config.producerOverrides());
            try (IngestService ingest = new IngestService(config).start()) {
                HttpLoad load = new HttpLoad();
                Instant from = Instant.now().minus(Duration.ofDays(30));
                List<ObjectNode> events = new TrafficPlan(json, 1).play(5_000, from, Instant.now(), 25_000);
                int recordSize = averageRecordSize(stack, events, from);
                List<byte[]> batches = batchBodies(json, events);
                List<byte[]> tracks = trackBodies(json, events);

                // The yardstick warms up like the other phases: a first run whose figure is thrown away.
                rawProducer(stack.bootstrapServers(), recordSize, 1_000_000);
                URI batchUri = URI.create(ingest.url() + "/v1/batch");
                URI trackUri = URI.create(ingest.url() + "/v1/track");
                List<Row> rows = new ArrayList<>();
                double rawRate;
                if (WrkLoad.available()) {
                    // The machine's speed drifts by a fifth between minutes: yardstick and subject alternate, and
                    // the round with the median ratio is reported.
                    List<double[]> pairs = new ArrayList<>();
                    List<WrkLoad.Result> batchRounds = new ArrayList<>();
                    for (int round = 1; round <= rounds; round++) {
                        double raw = rawProducer(stack.bootstrapServers(), recordSize, 2_000_000);
                        WrkLoad.Result measured = WrkLoad.run("/v1/batch, 50 events/request (wrk)", batchUri, batches,
                                BATCH, clients, warmup, measure);
                        System.out.printf("round %d: raw producer %,.0f records/s, /v1/batch %,.0f events/s, ratio %.3f%n",
                                round, raw, measured.eventsPerSecond(), measured.eventsPerSecond() / raw);
                        pairs.add(new double[] {raw, measured.eventsPerSecond()});
                        batchRounds.add(measured);
                    }
                    int median = medianRound(pairs);
                    rawRate = pairs.get(median)[0];
                    WrkLoad.Result batch = batchRounds.get(median);
                    System.out.printf("median round: %d of %d%n", median + 1, rounds);
                    rows.add(new Row("raw producer (ProducerPerformance, acks=all, in process)", rawRate, Double.NaN,
                            Double.NaN, Double.NaN, 0));
                    WrkLoad.Result track = WrkLoad.run("/v1/track, 1 event/request (wrk)", trackUri, tracks, 1,
                            clients, warmup, measure);
                    // The maximum rate is the fastest round's, not the median's: the paced phase is held to the harder
                    // load.
                    double maxRequestsPerSecond = batchRounds.stream().mapToDouble(WrkLoad.Result::requestsPerSecond)
                            .max().orElseThrow();
                    System.out.printf("paced: 70%% of %,.0f events/s%n", maxRequestsPerSecond * BATCH);
                    WrkLoad.Result paced = WrkLoad.paced("/v1/batch paced at 70% of its maximum (wrk)", batchUri,
                            batches, BATCH, clients, 0.7 * maxRequestsPerSecond, warmup, measure);
                    printProducerTimes(URI.create(ingest.url() + "/metrics"));
                    rows.add(Row.of(batch));
                    rows.add(Row.of(track));
                    rows.add(Row.of(paced));
                } else {
                    rawRate = rawProducer(stack.bootstrapServers(), recordSize, 2_000_000);
                    rows.add(new Row("raw producer (ProducerPerformance, acks=all, in process)", rawRate, Double.NaN,
                            Double.NaN, Double.NaN, 0));
                    System.out.println("wrk not found (apt-get install wrk): measuring with the JDK's HttpClient in"
                            + " this process, which itself takes a fifth of the CPU");
                    HttpLoad.Result batch = load.closedLoop("/v1/batch, 50 events/request (JDK client)", batchUri,
                            batches, BATCH, clients, warmup, measure);
                    HttpLoad.Result track = load.closedLoop("/v1/track, 1 event/request (JDK client)", trackUri,
                            tracks, 1, clients, warmup, measure);
                    HttpLoad.Result paced = load.openLoop("/v1/batch at 70% of its maximum (open loop, JDK client)",
                            batchUri, batches, BATCH, 0.7 * batch.requestsPerSecond(), warmup, measure);
                    rows.add(Row.of(batch));
                    rows.add(Row.of(track));
                    rows.add(Row.of(paced));
                }

                System.out.printf("%nIngest benchmark: %d connections, %d s per phase after %d s warm-up, events of"
                        + " %d bytes in the wire format (average)%n%n", clients, measure.toSeconds(), warmup.toSeconds(),
                        recordSize);
                System.out.println("| phase | events/s | ratio to raw producer | requests/s | p50 ms | p99 ms | errors |");
                System.out.println("|---|---:|---:|---:|---:|---:|---:|");
                for (Row row : rows) {
                    System.out.println(row.markdown(rawRate));
                }
            }
        }
    }

    /** The index of the round whose subject-to-yardstick ratio is the median (the lower one of an even count). */
    static int medianRound(List<double[]> rawAndSubject) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < rawAndSubject.size(); i++) {
            order.add(i);
        }
        order.sort(java.util.Comparator.comparingDouble(i -> rawAndSubject.get(i)[1] / rawAndSubject.get(i)[0]));
        return order.get((order.size() - 1) / 2);
    }

    /**
     * Where a paced request's time goes inside the producer, from the service's own metrics (Kafka's producer
     * averages and maxima over its last 30 s, the paced phase): waiting in the accumulator for a batch to be sent,
     * then the produce request's round trip.
     */
    private static void printProducerTimes(URI metrics) throws java.io.IOException, InterruptedException {
        String scrape = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(metrics).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        scrape.lines()
                .filter(line -> line.startsWith("kafka_producer_record_queue_time_")
                        || line.startsWith("kafka_producer_request_latency_")
                        || line.startsWith("kafka_producer_records_per_request_avg")
                        || line.startsWith("kafka_producer_batch_size_avg"))
                .filter(line -> line.contains("client_id=\"userops-ingest\""))
                .forEach(line -> System.out.println("paced phase, producer: " + line));
    }

    /** One line of the report. */
    private record Row(String phase, double eventsPerSecond, double requestsPerSecond, double p50, double p99,
            long errors) {
        static Row of(WrkLoad.Result r) {
            return new Row(r.name(), r.eventsPerSecond(), r.requestsPerSecond(), r.p50Millis(), r.p99Millis(), r.errors());
        }

        static Row of(HttpLoad.Result r) {
            return new Row(r.name(), r.eventsPerSecond(), r.requestsPerSecond(), r.p50Millis(), r.p99Millis(), r.errors());
        }

        String markdown(double rawRate) {
            return String.format("| %s | %,.0f | %.2f | %s | %s | %s | %d |", phase, eventsPerSecond,
                    eventsPerSecond / rawRate, blankIfNaN(requestsPerSecond, "%,.0f"), blankIfNaN(p50, "%.1f"),
                    blankIfNaN(p99, "%.1f"), errors);
        }

        private static String blankIfNaN(double value, String format) {
            return Double.isNaN(value) ? "" : String.format(format, value);
        }
    }

    private static int averageRecordSize(EmbeddedStack stack, List<ObjectNode> events, Instant received) {
        EventNormalizer normalizer = new EventNormalizer(IngestService.jsonMapper(), Limits.SEGMENT, EventTime.FUTURE_TOLERANCE);
        var serializer = Topics.EVENTS.valueSerde(stack.registryClient()).serializer();
        long total = 0;
        int counted = 0;
        for (ObjectNode event : events.subList(0, Math.min(2_000, events.size()))) {
            var outcome = normalizer.normalize(event, null,
                    new EventNormalizer.RequestContext(Source.client("bench"), received, "127.0.0.1", false, null));
            if (outcome instanceof EventNormalizer.Accepted accepted) {
                TrackedEvent tracked = accepted.event();
                total += serializer.serialize(Topics.EVENTS.name(), tracked).length;
                counted++;
            }
        }
        return (int) (total / counted);
    }

    private static List<byte[]> batchBodies(ObjectMapper json, List<ObjectNode> events) {
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i + BATCH <= events.size(); i += BATCH) {
            ObjectNode body = json.createObjectNode();
            ArrayNode batch = body.putArray("batch");
            events.subList(i, i + BATCH).forEach(batch::add);
            body.put("sentAt", Instant.now().toString());
            body.put("writeKey", WRITE_KEY);
            bodies.add(body.toString().getBytes(StandardCharsets.UTF_8));
        }
        return bodies;
    }

    private static List<byte[]> trackBodies(ObjectMapper json, List<ObjectNode> events) {
        return events.stream()
                .filter(e -> "track".equals(e.path("type").asText()))
                .map(e -> e.deepCopy().put("writeKey", WRITE_KEY).toString().getBytes(StandardCharsets.UTF_8))
                .toList();
    }

    /** Runs Kafka's ProducerPerformance in this process and returns its records/s. */
    private static double rawProducer(String bootstrap, int recordSize, int records) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            if (!admin.listTopics().names().get().contains("bench.raw")) {
                admin.createTopics(List.of(new NewTopic("bench.raw", 3, (short) 1))).all().get();
            }
        }
        PrintStream console = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        Exit.setExitProcedure((code, message) -> {
            throw new IllegalStateException("ProducerPerformance exited with " + code + ": " + message);
        });
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            ProducerPerformance.main(new String[] {
                "--topic", "bench.raw", "--num-records", Integer.toString(records), "--record-size", Integer.toString(recordSize),
                "--throughput", "-1", "--producer-props", "bootstrap.servers=" + bootstrap, "acks=all",
                "enable.idempotence=true", "linger.ms=5", "batch.size=65536", "compression.type=lz4"});
        } finally {
            System.setOut(console);
            Exit.resetExitProcedure();
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        Matcher summary = Pattern.compile(records + " records sent, ([0-9.]+) records/sec").matcher(output);
        if (!summary.find()) {
            throw new IllegalStateException("no summary line in ProducerPerformance's output:\n" + output);
        }
        console.println("raw producer: " + output.lines().filter(l -> l.startsWith(records + " records sent")).findFirst().orElse(""));
        return Double.parseDouble(summary.group(1));
    }
}
