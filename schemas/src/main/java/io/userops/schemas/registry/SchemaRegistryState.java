package io.userops.schemas.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.Schema;

/**
 * The registry's rules without any transport or storage: subjects with numbered versions, one
 * global id per distinct schema (the same schema under two subjects shares its id), and the
 * compatibility check before a new version. The development registry persists what {@link #plan}
 * decides to a Kafka topic and then {@link #apply}s it; {@link LocalSchemaRegistryClient} applies
 * it at once.
 */
public final class SchemaRegistryState {

    /** What registering a schema under a subject amounts to. */
    public sealed interface Registration permits Existing, Created {
        RegisteredSchema schema();
    }

    /** The schema is already a version of the subject: nothing to write. */
    public record Existing(RegisteredSchema schema) implements Registration {
    }

    /** A new version of the subject, to be stored and then applied. */
    public record Created(RegisteredSchema schema) implements Registration {
    }

    private final Map<String, List<RegisteredSchema>> versionsBySubject = new TreeMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, Integer> idsByCanonicalForm = new HashMap<>();
    private final Map<String, Compatibility> levelsBySubject = new HashMap<>();
    private Compatibility globalLevel;

    public SchemaRegistryState(Compatibility globalLevel) {
        this.globalLevel = globalLevel;
    }

    /**
     * Decides what registering would do, without changing anything.
     *
     * @throws IncompatibleSchemaException when the subject's compatibility level refuses the schema
     */
    public synchronized Registration plan(String subject, Schema schema) {
        Optional<RegisteredSchema> existing = lookup(subject, schema);
        if (existing.isPresent()) {
            return new Existing(existing.get());
        }
        List<String> violations = violations(subject, schema);
        if (!violations.isEmpty()) {
            throw IncompatibleSchemaException.of(subject, compatibility(subject), violations);
        }
        List<RegisteredSchema> versions = versionsBySubject.getOrDefault(subject, List.of());
        int nextVersion = versions.isEmpty() ? 1 : versions.get(versions.size() - 1).version() + 1;
        int id = idsByCanonicalForm.getOrDefault(canonical(schema), nextId());
        return new Created(new RegisteredSchema(subject, nextVersion, id, schema));
    }

    /** Records a version decided by {@link #plan}, or read back from storage. Applying twice is harmless. */
    public synchronized void apply(RegisteredSchema registered) {
        List<RegisteredSchema> versions = versionsBySubject.computeIfAbsent(registered.subject(), s -> new ArrayList<>());
        boolean known = versions.stream().anyMatch(v -> v.version() == registered.version());
        if (!known) {
            versions.add(registered);
            versions.sort((a, b) -> Integer.compare(a.version(), b.version()));
        }
        schemasById.putIfAbsent(registered.id(), registered.schema());
        idsByCanonicalForm.putIfAbsent(canonical(registered.schema()), registered.id());
    }

    /** Registers at once (plan and apply in one step). */
    public synchronized RegisteredSchema register(String subject, Schema schema) {
        Registration registration = plan(subject, schema);
        if (registration instanceof Created created) {
            apply(created.schema());
        }
        return registration.schema();
    }

    public synchronized Optional<RegisteredSchema> lookup(String subject, Schema schema) {
        String wanted = canonical(schema);
        return versionsBySubject.getOrDefault(subject, List.of()).stream()
                .filter(v -> canonical(v.schema()).equals(wanted))
                .findFirst();
    }

    public synchronized List<String> violations(String subject, Schema schema) {
        List<Schema> earlier = versionsBySubject.getOrDefault(subject, List.of()).stream()
                .map(RegisteredSchema::schema)
                .toList();
        return compatibility(subject).violations(schema, earlier);
    }

    public synchronized Schema schemaById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw SchemaRegistryException.schemaNotFound("with id " + id);
        }
        return schema;
    }

    /** The subjects (with the versions) that hold a schema id. */
    public synchronized List<RegisteredSchema> usagesOf(int id) {
        return versionsBySubject.values().stream().flatMap(List::stream).filter(v -> v.id() == id).toList();
    }

    public synchronized List<String> subjects() {
        return List.copyOf(versionsBySubject.keySet());
    }

    public synchronized List<Integer> versions(String subject) {
        return versionsOf(subject).stream().map(RegisteredSchema::version).toList();
    }

    public synchronized RegisteredSchema version(String subject, int version) {
        return versionsOf(subject).stream()
                .filter(v -> v.version() == version)
                .findFirst()
                .orElseThrow(() -> SchemaRegistryException.versionNotFound(subject, version));
    }

    public synchronized RegisteredSchema latest(String subject) {
        List<RegisteredSchema> versions = versionsOf(subject);
        return versions.get(versions.size() - 1);
    }

    public synchronized Compatibility compatibility(String subject) {
        return levelsBySubject.getOrDefault(subject, globalLevel);
    }

    public synchronized Optional<Compatibility> subjectCompatibility(String subject) {
        return Optional.ofNullable(levelsBySubject.get(subject));
    }

    public synchronized Compatibility globalCompatibility() {
        return globalLevel;
    }

    /** Sets the level of one subject, or the global level when {@code subject} is null. */
    public synchronized void setCompatibility(String subject, Compatibility level) {
        if (subject == null) {
            globalLevel = level;
        } else {
            levelsBySubject.put(subject, level);
        }
    }

    private List<RegisteredSchema> versionsOf(String subject) {
        List<RegisteredSchema> versions = versionsBySubject.get(subject);
        if (versions == null || versions.isEmpty()) {
            throw SchemaRegistryException.subjectNotFound(subject);
        }
        return versions;
    }

    private int nextId() {
        return schemasById.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
    }

    private static String canonical(Schema schema) {
        return schema.toString();
    }
}
