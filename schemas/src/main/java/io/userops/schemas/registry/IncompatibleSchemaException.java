package io.userops.schemas.registry;

import java.util.List;

/** A schema refused because it breaks the subject's compatibility level; the messages say where. */
public final class IncompatibleSchemaException extends SchemaRegistryException {

    private final List<String> violations;

    public IncompatibleSchemaException(String message, List<String> violations) {
        super(409, INCOMPATIBLE_SCHEMA, message);
        this.violations = List.copyOf(violations);
    }

    public static IncompatibleSchemaException of(String subject, Compatibility level, List<String> violations) {
        return new IncompatibleSchemaException("Schema being registered is incompatible with an earlier schema for"
                + " subject '" + subject + "' (" + level + "): " + String.join("; ", violations), violations);
    }

    public List<String> violations() {
        return violations;
    }
}
