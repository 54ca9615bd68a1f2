package io.userops.segmentation.streams;

import io.userops.avro.TrackedEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Stream time is event time: the event's corrected timestamp (docs/ingest.md), not the time ingest
 * produced it, so a replay of the log moves the clock exactly as the users did.
 */
public final class EventTimeExtractor implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof TrackedEvent event) {
            return event.getTimestamp().toEpochMilli();
        }
        return record.timestamp() >= 0 ? record.timestamp() : partitionTime;
    }
}
