package io.userops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.userops.avro.TrackedEvent;
import io.userops.deploy.traffic.TrafficPlan;
import io.userops.ingest.IngestService;
import io.userops.ingest.events.EventNormalizer;
import io.userops.ingest.events.EventTime;
import io.userops.ingest.events.Limits;
import io.userops.ingest.events.RawFields;
import io.userops.ingest.source.Source;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code POST /v1/batch} does to a body before Kafka, one thread, one JVM: parse it into a tree and
 * normalize each event, with {@code readTree} and the free-form objects written out from the tree (the
 * yardstick, as before) against {@link RawFields#parse} (the same tree, and each object's position noted on
 * the way) with them taken from the body's text. The demo's events ({@link TrafficPlan}),
 * 50 per body, from a browser source (so {@code context.ip} is added). The two take turns, round after round,
 * after a warm-up of the same; each prints the median ns per event, and the stored events are checked equal.
 *
 * <p>Usage: {@code java -cp "bench/target/classes:bench/target/lib/*" io.userops.bench.NormalizeBench
 * [warm-up-seconds] [measure-seconds]}, defaults 5 10.
 */
public final class NormalizeBench {

    private static final int BATCH = 50;
    private static long sink;

    private NormalizeBench() {
    }

    public static void main(String[] args) throws IOException {
        Duration warmUp = Duration.ofSeconds(args.length > 0 ? Integer.parseInt(args[0]) : 5);
        Duration measure = Duration.ofSeconds(args.length > 1 ? Integer.parseInt(args[1]) : 10);
        ObjectMapper json = IngestService.jsonMapper();
        Instant received = Instant.now();
        List<ObjectNode> plan = new TrafficPlan(new ObjectMapper(), 1).play(2_000, received.minus(Duration.ofDays(30)),
                received, 10_000);
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i + BATCH <= plan.size(); i += BATCH) {
            ObjectNode body = json.createObjectNode();
            plan.subList(i, i + BATCH).forEach(body.putArray("batch")::add);
            body.put("sentAt", received.toString()).put("writeKey", "bench");
            bodies.add(json.writeValueAsBytes(body));
        }
        EventNormalizer normalizer = new EventNormalizer(json, Limits.SEGMENT, EventTime.FUTURE_TOLERANCE);
        Candidate fromTree = new Candidate("readTree, free-form objects written out", (body, out) ->
                normalizeAll(json, normalizer, received, body, false, out));
        Candidate fromText = new Candidate("RawFields.parse, objects from the body's text", (body, out) ->
                normalizeAll(json, normalizer, received, body, true, out));
        List<Candidate> candidates = List.of(fromTree, fromText);

        int events = 0;
        for (byte[] body : bodies) {
            List<TrackedEvent> a = new ArrayList<>();
            List<TrackedEvent> b = new ArrayList<>();
            fromTree.work.normalize(body, a);
            fromText.work.normalize(body, b);
            if (!a.equals(b)) {
                throw new IllegalStateException("the two ways stored different events");
            }
            events += a.size();
        }
        System.out.printf("%d bodies of %d events (%d accepted), %d bytes per body on average%n", bodies.size(), BATCH,
                events, bodies.stream().mapToInt(b -> b.length).sum() / bodies.size());

        run(candidates, bodies, warmUp, false);
        run(candidates, bodies, measure, true);
        System.out.printf("%nwarm-up %d s, measured %d s, taking turns, median of %d rounds of %d events%n",
                warmUp.toSeconds(), measure.toSeconds(), fromTree.nanosPerEvent.size(), events);
        for (Candidate candidate : candidates) {
            System.out.printf("%-48s %7.0f ns/event  x%.2f%n", candidate.name, candidate.median(),
                    fromTree.median() / candidate.median());
        }
        System.out.println("(checksum " + sink + ")");
    }

    private static void normalizeAll(ObjectMapper json, EventNormalizer normalizer, Instant received, byte[] body,
            boolean fromText, List<TrackedEvent> out) {
        try {
            RawFields.Parsed parsed = fromText ? RawFields.parse(json, body, true) : null;
            JsonNode root = fromText ? parsed.root() : json.readTree(body);
            JsonNode batch = root.get("batch");
            List<RawFields> raw = fromText ? parsed.events() : List.of();
            var request = new EventNormalizer.RequestContext(Source.client("bench"), received, "127.0.0.1", false, root);
            for (int i = 0; i < batch.size(); i++) {
                EventNormalizer.Outcome outcome = normalizer.normalize(batch.get(i), null, request,
                        raw.size() == batch.size() ? raw.get(i) : RawFields.NONE);
                if (outcome instanceof EventNormalizer.Accepted accepted) {
                    out.add(accepted.event());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Work {
        void normalize(byte[] body, List<TrackedEvent> out);
    }

    private static final class Candidate {
        final String name;
        final Work work;
        final List<Double> nanosPerEvent = new ArrayList<>();

        Candidate(String name, Work work) {
            this.name = name;
            this.work = work;
        }

        double median() {
            double[] sorted = nanosPerEvent.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return sorted[sorted.length / 2];
        }
    }

    private static void run(List<Candidate> candidates, List<byte[]> bodies, Duration duration, boolean record) {
        long end = System.nanoTime() + duration.toNanos();
        List<TrackedEvent> out = new ArrayList<>();
        do {
            for (Candidate candidate : candidates) {
                out.clear();
                long start = System.nanoTime();
                for (byte[] body : bodies) {
                    candidate.work.normalize(body, out);
                }
                long elapsed = System.nanoTime() - start;
                sink += out.size() + out.get(out.size() - 1).getMessageId().length();
                if (record) {
                    candidate.nanosPerEvent.add((double) elapsed / out.size());
                }
            }
        } while (System.nanoTime() < end);
    }
}
