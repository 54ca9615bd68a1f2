package io.userops.schemas.registry;

import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The part of the Confluent Schema Registry REST API that UserOps uses. Implementations cache
 * answers both ways (schema to id, id to schema): ids never change once given.
 */
public interface SchemaRegistryClient {

    /** Registers a schema under a subject, or finds it if already there; returns its global id. */
    int register(String subject, Schema schema);

    /** Finds the id of a schema already registered under a subject, without registering it. */
    Optional<RegisteredSchema> lookup(String subject, Schema schema);

    /** The schema with a global id. @throws SchemaRegistryException 40403 when the id is unknown */
    Schema schemaById(int id);

    /** The versions of a subject, oldest first. @throws SchemaRegistryException 40401 for an unknown subject */
    List<Integer> versions(String subject);

    /** One version of a subject. @throws SchemaRegistryException 40401 or 40402 */
    RegisteredSchema version(String subject, int version);

    /** The latest version of a subject. @throws SchemaRegistryException 40401 */
    RegisteredSchema latest(String subject);

    /** The subjects that have at least one version. */
    List<String> subjects();

    /** The violations a schema would meet if registered under a subject now; empty if none. */
    List<String> testCompatibility(String subject, Schema schema);
}
