package io.userops.schemas.serde;

/**
 * Writes one value of one schema, compiled by {@link WritePlanCompiler}. A writer accepts only the
 * Java types a generated class holds for its schema and throws {@link UnexpectedDatum} for anything
 * else, so that {@link SpecificRecordWriter} writes the record again with {@code SpecificDatumWriter}
 * rather than guess.
 */
interface ValueWriter {

    void write(Object datum, BinarySink out);

    /**
     * A value the plan was not compiled for (a wrong type, a null where none is allowed, a collection
     * changed while written). Thrown without a stack trace: it only asks for the slow path.
     */
    final class UnexpectedDatum extends RuntimeException {

        static final UnexpectedDatum INSTANCE = new UnexpectedDatum();

        private UnexpectedDatum() {
            super("a value the write plan does not take", null, false, false);
        }
    }
}
