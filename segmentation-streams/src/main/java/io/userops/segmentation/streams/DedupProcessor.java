package io.userops.segmentation.streams;

import io.userops.avro.TrackedEvent;
import java.time.Duration;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Drops an event whose (source, messageId) was seen within the dedup window of event time: what SDK
 * retries and replays after a lost answer produce. The ids are kept in a window store, whose changelog
 * keeps them across restarts and whose segments expire on their own. Duplicates of one message carry the
 * same key (the ingest key is derived from the event), so they meet on one partition.
 */
final class DedupProcessor implements Processor<String, TrackedEvent, String, TrackedEvent> {

    private static final byte[] SEEN = new byte[0];

    private final long windowMillis;
    private ProcessorContext<String, TrackedEvent> context;
    private WindowStore<String, byte[]> seen;
    private Sensor dropped;

    DedupProcessor(Duration window) {
        this.windowMillis = window.toMillis();
    }

    @Override
    public void init(ProcessorContext<String, TrackedEvent> context) {
        this.context = context;
        this.seen = context.getStateStore(Names.DEDUP_STORE);
        this.dropped = context.metrics().addRateTotalSensor(IdentityProcessor.METRICS_SCOPE, "task-" + context.taskId(),
                "duplicates-dropped", Sensor.RecordingLevel.INFO);
    }

    @Override
    public void process(Record<String, TrackedEvent> record) {
        TrackedEvent event = record.value();
        if (event == null) {
            return;
        }
        long at = record.timestamp();
        if (at < context.currentStreamTimeMs() - windowMillis) {
            // Older than the window behind stream time: its segment has expired, there is nothing to compare with.
            context.forward(record);
            return;
        }
        String id = event.getSourceId() + '\u0000' + event.getMessageId();
        try (WindowStoreIterator<byte[]> earlier = seen.fetch(id, at - windowMillis, at + windowMillis)) {
            if (earlier.hasNext()) {
                dropped.record();
                return;
            }
        }
        seen.put(id, SEEN, at);
        context.forward(record);
    }

    @Override
    public void close() {
        context.metrics().removeSensor(dropped);
    }
}
