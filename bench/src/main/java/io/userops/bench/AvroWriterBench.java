package io.userops.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.userops.avro.TrackedEvent;
import io.userops.deploy.traffic.TrafficPlan;
import io.userops.ingest.IngestService;
import io.userops.ingest.events.EventNormalizer;
import io.userops.ingest.events.EventTime;
import io.userops.ingest.events.Limits;
import io.userops.ingest.source.Source;
import io.userops.schemas.AvroClasses;
import io.userops.schemas.registry.LocalSchemaRegistryClient;
import io.userops.schemas.serde.AvroSerializer;
import io.userops.schemas.serde.SpecificRecordWriter;
import io.userops.schemas.serde.WireFormat;
import io.userops.schemas.topics.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Avro encoding of the demo's events, one thread, one JVM: {@link SpecificDatumWriter} as
 * {@code AvroSerializer} used it (a {@code ByteArrayOutputStream} and a direct binary encoder per
 * record) against {@link SpecificRecordWriter}, and the serializer as it is now (wire-format header,
 * per-thread buffer). The events are the simulated users' ({@link TrafficPlan}), normalized by ingest's
 * {@link EventNormalizer} into {@link TrackedEvent}s as {@code POST /v1/batch} does. The writers take
 * turns, round after round, after a warm-up of the same; each prints the median ns per record.
 *
 * <p>Usage: {@code java -cp "bench/target/classes:bench/target/lib/*" io.userops.bench.AvroWriterBench
 * [warm-up-seconds] [measure-seconds] [events]}, defaults 4 8 20000.
 */
public final class AvroWriterBench {

    private AvroWriterBench() {
    }

    public static void main(String[] args) {
        Duration warmUp = Duration.ofSeconds(args.length > 0 ? Integer.parseInt(args[0]) : 4);
        Duration measure = Duration.ofSeconds(args.length > 1 ? Integer.parseInt(args[1]) : 8);
        int wanted = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        List<TrackedEvent> events = events(wanted);
        AvroClasses.trust(); // Avro 1.12 loads only trusted classes, SpecificDatumWriter's included (the serde does this)

        SpecificDatumWriter<TrackedEvent> datumWriter = new SpecificDatumWriter<>(TrackedEvent.SCHEMA$);
        SpecificRecordWriter plan = SpecificRecordWriter.forSchema(TrackedEvent.SCHEMA$);
        AvroSerializer<TrackedEvent> serializer = new AvroSerializer<>(new LocalSchemaRegistryClient(), true, false);
        String topic = Topics.EVENTS.name();
        List<Candidate> candidates = List.of(
                new Candidate("SpecificDatumWriter (ByteArrayOutputStream + DirectBinaryEncoder)",
                        event -> viaDatumWriter(datumWriter, event)),
                new Candidate("SpecificRecordWriter.toBytes", plan::toBytes),
                new Candidate("AvroSerializer.serialize (wire format, SpecificRecordWriter)",
                        event -> serializer.serialize(topic, event)));

        long bytes = 0;
        for (TrackedEvent event : events) {
            byte[] expected = viaDatumWriter(datumWriter, event);
            byte[] wire = serializer.serialize(topic, event);
            if (!Arrays.equals(expected, plan.toBytes(event))
                    || !Arrays.equals(expected, Arrays.copyOfRange(wire, WireFormat.HEADER_SIZE, wire.length))) {
                throw new IllegalStateException("different bytes for " + event.getMessageId());
            }
            bytes += expected.length;
        }
        System.out.printf("%d TrackedEvents from TrafficPlan via EventNormalizer, %d bytes on average; plan compiled: %s%n",
                events.size(), bytes / events.size(), plan.isCompiled());

        run(candidates, events, warmUp, false);
        run(candidates, events, measure, true);

        System.out.printf("%nwarm-up %d s, measured %d s, writers taking turns, median of %d rounds of %d records%n",
                warmUp.toSeconds(), measure.toSeconds(), candidates.get(0).nanosPerRecord.size(), events.size());
        double baseline = candidates.get(0).median();
        for (Candidate candidate : candidates) {
            System.out.printf("%-66s %8.0f ns/record  x%.2f%n", candidate.name, candidate.median(),
                    baseline / candidate.median());
        }
        System.out.printf("records written by fallback: %d (checksum %d)%n", plan.recordsWrittenByFallback(), sink);
    }

    /** Whatever the writers return, folded so that the JIT cannot drop the work. */
    private static long sink;

    private static final class Candidate {
        final String name;
        final Function<TrackedEvent, byte[]> write;
        final List<Double> nanosPerRecord = new ArrayList<>();

        Candidate(String name, Function<TrackedEvent, byte[]> write) {
            this.name = name;
            this.write = write;
        }

        double median() {
            double[] sorted = nanosPerRecord.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return sorted[sorted.length / 2];
        }
    }

    private static void run(List<Candidate> candidates, List<TrackedEvent> events, Duration duration, boolean record) {
        long end = System.nanoTime() + duration.toNanos();
        do {
            for (Candidate candidate : candidates) {
                long start = System.nanoTime();
                long checksum = 0;
                for (TrackedEvent event : events) {
                    byte[] written = candidate.write.apply(event);
                    checksum += written.length + written[written.length - 1];
                }
                long elapsed = System.nanoTime() - start;
                sink += checksum;
                if (record) {
                    candidate.nanosPerRecord.add((double) elapsed / events.size());
                }
            }
        } while (System.nanoTime() < end);
    }

    private static byte[] viaDatumWriter(SpecificDatumWriter<TrackedEvent> writer, TrackedEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writer.write(event, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The demo's simulated traffic as ingest accepts it (batch items: no envelope). */
    private static List<TrackedEvent> events(int wanted) {
        ObjectMapper json = new ObjectMapper();
        Instant received = Instant.now();
        Instant from = received.minus(Duration.ofDays(30));
        List<ObjectNode> raw = new TrafficPlan(json, 1).play(Math.max(1, wanted / 5), from, received, wanted);
        EventNormalizer normalizer = new EventNormalizer(IngestService.jsonMapper(), Limits.SEGMENT,
                EventTime.FUTURE_TOLERANCE);
        var request = new EventNormalizer.RequestContext(Source.client("bench"), received, "127.0.0.1", false, null);
        List<TrackedEvent> events = new ArrayList<>();
        for (ObjectNode node : raw) {
            if (normalizer.normalize(node, null, request) instanceof EventNormalizer.Accepted accepted) {
                events.add(accepted.event());
            }
        }
        return events;
    }
}
