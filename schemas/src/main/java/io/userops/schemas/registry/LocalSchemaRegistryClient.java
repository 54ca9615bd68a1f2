package io.userops.schemas.registry;

import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * A registry held in this process, applying the same rules as the development registry
 * ({@link SchemaRegistryState}) with nothing stored. For TopologyTestDriver tests and tools that
 * need the wire format without a running registry; services use {@link HttpSchemaRegistryClient}.
 */
public final class LocalSchemaRegistryClient implements SchemaRegistryClient {

    private final SchemaRegistryState state;

    public LocalSchemaRegistryClient() {
        this(new SchemaRegistryState(Compatibility.BACKWARD));
    }

    public LocalSchemaRegistryClient(SchemaRegistryState state) {
        this.state = state;
    }

    @Override
    public int register(String subject, Schema schema) {
        return state.register(subject, schema).id();
    }

    @Override
    public Optional<RegisteredSchema> lookup(String subject, Schema schema) {
        return state.lookup(subject, schema);
    }

    @Override
    public Schema schemaById(int id) {
        return state.schemaById(id);
    }

    @Override
    public List<Integer> versions(String subject) {
        return state.versions(subject);
    }

    @Override
    public RegisteredSchema version(String subject, int version) {
        return state.version(subject, version);
    }

    @Override
    public RegisteredSchema latest(String subject) {
        return state.latest(subject);
    }

    @Override
    public List<String> subjects() {
        return state.subjects();
    }

    @Override
    public List<String> testCompatibility(String subject, Schema schema) {
        return state.violations(subject, schema);
    }
}
