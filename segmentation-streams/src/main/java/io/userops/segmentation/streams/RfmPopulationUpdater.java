package io.userops.segmentation.streams;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Keeps the global RFM population store: each partition's latest sketch, as its sweep published it. */
final class RfmPopulationUpdater implements Processor<String, byte[], Void, Void> {

    private KeyValueStore<String, byte[]> store;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(Names.RFM_POPULATION_STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        store.put(record.key(), record.value());
    }
}
