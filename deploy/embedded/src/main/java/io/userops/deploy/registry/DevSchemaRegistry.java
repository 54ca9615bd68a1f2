package io.userops.deploy.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.userops.schemas.registry.Compatibility;
import io.userops.schemas.registry.HttpSchemaRegistryClient;
import io.userops.schemas.registry.IncompatibleSchemaException;
import io.userops.schemas.registry.RegisteredSchema;
import io.userops.schemas.registry.SchemaRegistryException;
import io.userops.schemas.registry.SchemaRegistryState;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A development schema registry: the subset of the Confluent Schema Registry REST API that serdes,
 * Kafka Connect and Kafka UIs use (subjects, versions, ids, lookup, compatibility checks and
 * levels), Avro only, single instance, schemas kept in a compacted Kafka topic. Errors use the
 * Confluent shape {@code {"error_code": 40401, "message": "..."}} so existing clients understand them.
 */
public final class DevSchemaRegistry implements AutoCloseable {

    public static final String DEFAULT_TOPIC = "_schemas";
    private static final Logger log = LoggerFactory.getLogger(DevSchemaRegistry.class);
    private static final int INVALID_VERSION = 42202;

    private final SchemaRegistryState state = new SchemaRegistryState(Compatibility.BACKWARD);
    private final KafkaSchemaStore store;
    private final ObjectMapper json = new ObjectMapper();
    private final Object writeLock = new Object();
    private Javalin http;

    public DevSchemaRegistry(String bootstrapServers) {
        this(bootstrapServers, DEFAULT_TOPIC);
    }

    public DevSchemaRegistry(String bootstrapServers, String topic) {
        this.store = new KafkaSchemaStore(bootstrapServers, topic);
    }

    /** Loads every stored schema, then serves on 127.0.0.1:{@code port} (0 picks a free port). */
    public DevSchemaRegistry start(int port) {
        store.load(state);
        http = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = "127.0.0.1";
            config.jetty.port = port;
            routes(config.routes);
        }).start();
        log.info("schema registry ready on {} ({} subjects)", url(), state.subjects().size());
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + http.port();
    }

    public int port() {
        return http.port();
    }

    @Override
    public void close() {
        if (http != null) {
            http.stop();
            http = null;
        }
        store.close();
    }

    private void routes(RoutesConfig routes) {
        routes.get("/", ctx -> answer(ctx, json.createObjectNode()));
        routes.get("/health/live", ctx -> answer(ctx, json.createObjectNode().put("status", "UP")));
        routes.get("/health/ready", ctx -> answer(ctx, json.createObjectNode().put("status", "UP")));
        routes.get("/schemas/types", ctx -> answer(ctx, json.createArrayNode().add("AVRO")));
        routes.get("/subjects", ctx -> answer(ctx, json.valueToTree(state.subjects())));
        routes.get("/subjects/{subject}/versions", ctx -> answer(ctx, json.valueToTree(state.versions(ctx.pathParam("subject")))));
        routes.get("/subjects/{subject}/versions/{version}", ctx -> answer(ctx, describe(version(ctx))));
        routes.get("/subjects/{subject}/versions/{version}/schema", ctx -> answer(ctx, json.readTree(version(ctx).schema().toString())));
        routes.post("/subjects/{subject}/versions", this::register);
        routes.post("/subjects/{subject}", ctx -> {
            String subject = ctx.pathParam("subject");
            state.versions(subject);
            RegisteredSchema found = state.lookup(subject, schemaFromBody(ctx))
                    .orElseThrow(() -> SchemaRegistryException.schemaNotFound("under subject '" + subject + "'"));
            answer(ctx, describe(found));
        });
        routes.get("/schemas/ids/{id}", ctx -> answer(ctx, json.createObjectNode()
                .put("schema", state.schemaById(id(ctx)).toString())));
        routes.get("/schemas/ids/{id}/schema", ctx -> answer(ctx, json.readTree(state.schemaById(id(ctx)).toString())));
        routes.get("/schemas/ids/{id}/versions", ctx -> {
            ArrayNode usages = json.createArrayNode();
            state.schemaById(id(ctx));
            state.usagesOf(id(ctx)).forEach(u -> usages.addObject().put("subject", u.subject()).put("version", u.version()));
            answer(ctx, usages);
        });
        routes.post("/compatibility/subjects/{subject}/versions/{version}", this::testCompatibility);
        routes.get("/config", ctx -> answer(ctx, level(state.globalCompatibility())));
        routes.put("/config", ctx -> setLevel(ctx, null));
        routes.get("/config/{subject}", ctx -> {
            String subject = ctx.pathParam("subject");
            Compatibility level = state.subjectCompatibility(subject)
                    .orElseThrow(() -> new SchemaRegistryException(404, 40408,
                            "Subject '" + subject + "' does not have subject-level compatibility configured"));
            answer(ctx, level(level));
        });
        routes.put("/config/{subject}", ctx -> setLevel(ctx, ctx.pathParam("subject")));
        routes.exception(SchemaRegistryException.class, (e, ctx) -> error(ctx, e.httpStatus(), e.errorCode(), e.getMessage()));
        routes.exception(IOException.class, (e, ctx) -> error(ctx, 400, 400, "body is not JSON: " + e.getMessage()));
        routes.exception(Exception.class, (e, ctx) -> {
            log.error("schema registry failed on {} {}", ctx.method(), ctx.path(), e);
            error(ctx, 500, SchemaRegistryException.STORE_ERROR, e.toString());
        });
    }

    private void register(Context ctx) throws IOException {
        String subject = ctx.pathParam("subject");
        Schema schema = schemaFromBody(ctx);
        RegisteredSchema registered;
        synchronized (writeLock) {
            SchemaRegistryState.Registration registration = state.plan(subject, schema);
            if (registration instanceof SchemaRegistryState.Created created) {
                store.append(created.schema());
                state.apply(created.schema());
                log.info("registered {} version {} as id {}", subject, created.schema().version(), created.schema().id());
            }
            registered = registration.schema();
        }
        answer(ctx, json.createObjectNode().put("id", registered.id()));
    }

    private void testCompatibility(Context ctx) throws IOException {
        String subject = ctx.pathParam("subject");
        Schema schema = schemaFromBody(ctx);
        List<String> violations;
        if (!state.subjects().contains(subject)) {
            violations = List.of();
        } else if ("latest".equals(ctx.pathParam("version")) || "-1".equals(ctx.pathParam("version"))) {
            violations = state.violations(subject, schema);
        } else {
            violations = state.compatibility(subject).violations(schema, List.of(version(ctx).schema()));
        }
        ObjectNode answer = json.createObjectNode().put("is_compatible", violations.isEmpty());
        if ("true".equals(ctx.queryParam("verbose"))) {
            answer.set("messages", json.valueToTree(violations));
        }
        answer(ctx, answer);
    }

    private void setLevel(Context ctx, String subject) throws IOException {
        JsonNode body = json.readTree(ctx.body());
        String requested = body.path("compatibility").asText(body.path("compatibilityLevel").asText(""));
        Compatibility level;
        try {
            level = Compatibility.valueOf(requested.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SchemaRegistryException(422, SchemaRegistryException.INVALID_COMPATIBILITY_LEVEL,
                    "Invalid compatibility level '" + requested + "'");
        }
        synchronized (writeLock) {
            store.appendConfig(subject, level);
            state.setCompatibility(subject, level);
        }
        answer(ctx, json.createObjectNode().put("compatibility", level.name()));
    }

    private RegisteredSchema version(Context ctx) {
        String subject = ctx.pathParam("subject");
        String version = ctx.pathParam("version");
        if ("latest".equals(version) || "-1".equals(version)) {
            return state.latest(subject);
        }
        try {
            int number = Integer.parseInt(version);
            if (number < 1) {
                throw new NumberFormatException();
            }
            return state.version(subject, number);
        } catch (NumberFormatException e) {
            throw new SchemaRegistryException(422, INVALID_VERSION,
                    "The specified version '" + version + "' is not a valid version id: use a positive integer or 'latest'");
        }
    }

    private static int id(Context ctx) {
        try {
            return Integer.parseInt(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw SchemaRegistryException.schemaNotFound("with id '" + ctx.pathParam("id") + "'");
        }
    }

    private Schema schemaFromBody(Context ctx) throws IOException {
        JsonNode body = json.readTree(ctx.body());
        String type = body.path("schemaType").asText("AVRO");
        if (!"AVRO".equals(type)) {
            throw new SchemaRegistryException(422, SchemaRegistryException.INVALID_SCHEMA,
                    "Only AVRO schemas are supported by the development registry, got " + type);
        }
        if (body.path("references").size() > 0) {
            throw new SchemaRegistryException(422, SchemaRegistryException.INVALID_SCHEMA,
                    "Schema references are not supported by the development registry");
        }
        JsonNode schema = body.path("schema");
        if (!schema.isTextual()) {
            throw new SchemaRegistryException(422, SchemaRegistryException.INVALID_SCHEMA,
                    "Body must be {\"schema\": \"<Avro schema as a JSON string>\"}");
        }
        try {
            return new Schema.Parser().parse(schema.asText());
        } catch (SchemaParseException e) {
            throw new SchemaRegistryException(422, SchemaRegistryException.INVALID_SCHEMA,
                    "Invalid Avro schema: " + e.getMessage());
        }
    }

    private ObjectNode describe(RegisteredSchema registered) {
        return json.createObjectNode()
                .put("subject", registered.subject())
                .put("version", registered.version())
                .put("id", registered.id())
                .put("schema", registered.schema().toString());
    }

    private ObjectNode level(Compatibility level) {
        return json.createObjectNode().put("compatibilityLevel", level.name());
    }

    private void answer(Context ctx, JsonNode body) {
        ctx.contentType(HttpSchemaRegistryClient.CONTENT_TYPE).result(body.toString());
    }

    private void error(Context ctx, int status, int code, String message) {
        ctx.status(status).contentType(HttpSchemaRegistryClient.CONTENT_TYPE)
                .result(json.createObjectNode().put("error_code", code).put("message", message).toString());
    }
}
