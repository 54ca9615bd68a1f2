package io.userops.schemas.registry;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * The compatibility levels of the Confluent Schema Registry, checked with Avro's
 * {@link SchemaCompatibility}. BACKWARD: consumers on the new schema read data written with the
 * previous one. FORWARD: consumers on the previous schema read data written with the new one.
 * FULL: both. The TRANSITIVE variants check every earlier version, not only the latest.
 */
public enum Compatibility {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean newReadsOld;
    private final boolean oldReadsNew;
    private final boolean transitive;

    Compatibility(boolean newReadsOld, boolean oldReadsNew, boolean transitive) {
        this.newReadsOld = newReadsOld;
        this.oldReadsNew = oldReadsNew;
        this.transitive = transitive;
    }

    /**
     * Checks a candidate against the earlier versions of a subject (oldest first).
     *
     * @return the violations, empty when the candidate may be registered
     */
    public List<String> violations(Schema candidate, List<Schema> earlierOldestFirst) {
        if (earlierOldestFirst.isEmpty() || this == NONE) {
            return List.of();
        }
        List<Schema> toCheck = transitive
                ? earlierOldestFirst
                : List.of(earlierOldestFirst.get(earlierOldestFirst.size() - 1));
        List<String> violations = new ArrayList<>();
        for (Schema earlier : toCheck) {
            if (newReadsOld) {
                describe(SchemaCompatibility.checkReaderWriterCompatibility(candidate, earlier),
                        "new schema cannot read data written with an earlier one", violations);
            }
            if (oldReadsNew) {
                describe(SchemaCompatibility.checkReaderWriterCompatibility(earlier, candidate),
                        "an earlier schema cannot read data written with the new one", violations);
            }
        }
        return violations;
    }

    private static void describe(SchemaPairCompatibility result, String direction, List<String> into) {
        for (Incompatibility problem : result.getResult().getIncompatibilities()) {
            into.add(direction + ": " + problem.getType() + " at " + problem.getLocation() + " ("
                    + problem.getMessage() + ")");
        }
    }
}
