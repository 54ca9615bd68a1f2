package io.userops.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * A client of the Confluent Schema Registry REST API over HTTP. Ids and schemas are cached both
 * ways for the life of the client, so the serde asks the registry once per schema.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private record SubjectSchema(String subject, Schema schema) {
    }

    private final SchemaRegistryConfig config;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

    public HttpSchemaRegistryClient(SchemaRegistryConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(config.requestTimeout()).build();
    }

    public SchemaRegistryConfig config() {
        return config;
    }

    @Override
    public int register(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
        int id = answer.path("id").asInt();
        idsBySubjectSchema.put(key, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    @Override
    public Optional<RegisteredSchema> lookup(String subject, Schema schema) {
        try {
            RegisteredSchema found = registered(send("POST", "/subjects/" + encode(subject), schemaBody(schema)));
            idsBySubjectSchema.put(new SubjectSchema(subject, schema), found.id());
            return Optional.of(found);
        } catch (SchemaRegistryException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        Schema schema = parse(send("GET", "/schemas/ids/" + id, null).path("schema").asText());
        schemasById.putIfAbsent(id, schema);
        return schema;
    }

    @Override
    public List<Integer> versions(String subject) {
        List<Integer> versions = new ArrayList<>();
        send("GET", "/subjects/" + encode(subject) + "/versions", null).forEach(v -> versions.add(v.asInt()));
        return versions;
    }

    @Override
    public RegisteredSchema version(String subject, int version) {
        return registered(send("GET", "/subjects/" + encode(subject) + "/versions/" + version, null));
    }

    @Override
    public RegisteredSchema latest(String subject) {
        return registered(send("GET", "/subjects/" + encode(subject) + "/versions/latest", null));
    }

    @Override
    public List<String> subjects() {
        List<String> subjects = new ArrayList<>();
        send("GET", "/subjects", null).forEach(s -> subjects.add(s.asText()));
        return subjects;
    }

    @Override
    public List<String> testCompatibility(String subject, Schema schema) {
        JsonNode answer;
        try {
            answer = send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest?verbose=true",
                    schemaBody(schema));
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND
                    || e.errorCode() == SchemaRegistryException.VERSION_NOT_FOUND) {
                return List.of();
            }
            throw e;
        }
        if (answer.path("is_compatible").asBoolean(false)) {
            return List.of();
        }
        List<String> messages = new ArrayList<>();
        answer.path("messages").forEach(m -> messages.add(m.asText()));
        return messages.isEmpty() ? List.of("incompatible (the registry gave no detail)") : messages;
    }

    private RegisteredSchema registered(JsonNode node) {
        Schema schema = parse(node.path("schema").asText());
        RegisteredSchema registered = new RegisteredSchema(node.path("subject").asText(), node.path("version").asInt(),
                node.path("id").asInt(), schema);
        schemasById.putIfAbsent(registered.id(), schema);
        return registered;
    }

    private String schemaBody(Schema schema) {
        ObjectNode body = json.createObjectNode();
        body.put("schemaType", "AVRO");
        body.put("schema", schema.toString());
        return body.toString();
    }

    private JsonNode send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(config.url() + path))
                .timeout(config.requestTimeout())
                .header("Accept", CONTENT_TYPE + ", application/json")
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", CONTENT_TYPE);
        }
        config.basicAuth().ifPresent(auth -> request.header("Authorization",
                "Basic " + Base64.getEncoder().encodeToString(auth.getBytes(StandardCharsets.UTF_8))));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SchemaRegistryException(0, SchemaRegistryException.UNREACHABLE,
                    "schema registry at " + config.url() + " did not answer " + method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException(0, SchemaRegistryException.UNREACHABLE,
                    "interrupted while calling the schema registry", e);
        }
        JsonNode answer = readJson(response.body());
        if (response.statusCode() / 100 != 2) {
            int code = answer.path("error_code").asInt(response.statusCode());
            String message = answer.path("message").asText(response.body());
            if (code == SchemaRegistryException.INCOMPATIBLE_SCHEMA) {
                throw new IncompatibleSchemaException(message, List.of(message));
            }
            throw new SchemaRegistryException(response.statusCode(), code,
                    method + " " + path + " answered " + response.statusCode() + ": " + message);
        }
        return answer;
    }

    private JsonNode readJson(String text) {
        if (text == null || text.isBlank()) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(text);
        } catch (IOException e) {
            return json.createObjectNode().put("message", text);
        }
    }

    private static Schema parse(String text) {
        return new Schema.Parser().parse(text);
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
