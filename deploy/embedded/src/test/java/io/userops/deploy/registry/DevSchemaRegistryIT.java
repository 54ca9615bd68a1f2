package io.userops.deploy.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.userops.deploy.FreePorts;
import io.userops.deploy.kafka.EmbeddedKafka;
import io.userops.schemas.registry.HttpSchemaRegistryClient;
import io.userops.schemas.registry.IncompatibleSchemaException;
import io.userops.schemas.registry.SchemaRegistryConfig;
import io.userops.schemas.registry.SchemaRegistryException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.UUID;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevSchemaRegistryIT {

    static final Schema V1 = parse("""
            {"type":"record","name":"User","namespace":"t","fields":[{"name":"id","type":"string"}]}""");
    static final Schema V2 = parse("""
            {"type":"record","name":"User","namespace":"t","fields":[{"name":"id","type":"string"},
              {"name":"city","type":["null","string"],"default":null}]}""");
    static final Schema BREAKING = parse("""
            {"type":"record","name":"User","namespace":"t","fields":[{"name":"id","type":"string"},
              {"name":"age","type":"int"}]}""");

    @TempDir
    static Path dataDir;
    static EmbeddedKafka kafka;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private String topic;
    private DevSchemaRegistry registry;
    private HttpSchemaRegistryClient client;

    @BeforeAll
    static void startKafka() {
        kafka = new EmbeddedKafka(new EmbeddedKafka.Config(dataDir, FreePorts.next(), FreePorts.next())).start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @BeforeEach
    void startRegistry() {
        topic = "_schemas-" + UUID.randomUUID();
        registry = new DevSchemaRegistry(kafka.bootstrapServers(), topic).start(0);
        client = new HttpSchemaRegistryClient(SchemaRegistryConfig.of(registry.url()));
    }

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    @Test
    void shouldRegisterLookUpAndListVersionsOverHttp() {
        int id1 = client.register("users-value", V1);
        int id2 = client.register("users-value", V2);

        assertThat(id2).isGreaterThan(id1);
        assertThat(client.register("users-value", V1)).isEqualTo(id1);
        assertThat(client.subjects()).containsExactly("users-value");
        assertThat(client.versions("users-value")).containsExactly(1, 2);
        assertThat(client.latest("users-value").schema()).isEqualTo(V2);
        assertThat(client.version("users-value", 1).id()).isEqualTo(id1);
        assertThat(client.lookup("users-value", V2).orElseThrow().version()).isEqualTo(2);
        assertThat(client.lookup("users-value", BREAKING)).isEmpty();
        assertThat(new HttpSchemaRegistryClient(SchemaRegistryConfig.of(registry.url())).schemaById(id2)).isEqualTo(V2);
    }

    @Test
    void shouldRefuseAnIncompatibleSchemaWith409AndTheReason() throws Exception {
        client.register("users-value", V1);

        HttpResponse<String> response = post("/subjects/users-value/versions", body(BREAKING));

        assertThat(response.statusCode()).isEqualTo(409);
        JsonNode error = json.readTree(response.body());
        assertThat(error.path("error_code").asInt()).isEqualTo(409);
        assertThat(error.path("message").asText()).contains("READER_FIELD_MISSING_DEFAULT_VALUE").contains("age");
        assertThatThrownBy(() -> client.register("users-value", BREAKING)).isInstanceOf(IncompatibleSchemaException.class);
        assertThat(client.testCompatibility("users-value", BREAKING)).singleElement().asString().contains("age");
        assertThat(client.testCompatibility("users-value", V2)).isEmpty();
        assertThat(client.versions("users-value")).containsExactly(1);
    }

    @Test
    void shouldAnswerBadRequestsWithConfluentErrorCodes() throws Exception {
        client.register("users-value", V1);

        assertError(get("/subjects/nobody-value/versions"), 404, 40401);
        assertError(get("/subjects/users-value/versions/7"), 404, 40402);
        assertError(get("/subjects/users-value/versions/zero"), 422, 42202);
        assertError(get("/schemas/ids/999"), 404, 40403);
        assertError(post("/subjects/users-value/versions", "{\"schema\": \"{not avro\"}"), 422, 42201);
        assertError(post("/subjects/users-value/versions", "{\"schema\": \"{}\", \"schemaType\": \"PROTOBUF\"}"), 422, 42201);
        assertError(post("/subjects/users-value/versions", "{\"nothing\": 1}"), 422, 42201);
        assertError(put("/config", "{\"compatibility\": \"SIDEWAYS\"}"), 422, 42203);
        assertThat(get("/subjects").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldLetASubjectRelaxItsCompatibilityLevel() throws Exception {
        client.register("users-value", V1);

        HttpResponse<String> set = put("/config/users-value", "{\"compatibility\": \"NONE\"}");

        assertThat(json.readTree(set.body()).path("compatibility").asText()).isEqualTo("NONE");
        assertThat(json.readTree(get("/config/users-value").body()).path("compatibilityLevel").asText()).isEqualTo("NONE");
        assertThat(json.readTree(get("/config").body()).path("compatibilityLevel").asText()).isEqualTo("BACKWARD");
        assertThat(client.register("users-value", BREAKING)).isPositive();
    }

    @Test
    void shouldKeepIdsVersionsAndLevelsAcrossARestartFromItsKafkaTopic() throws Exception {
        int id1 = client.register("users-value", V1);
        int id2 = client.register("users-value", V2);
        put("/config/users-value", "{\"compatibility\": \"FULL\"}");
        registry.close();

        registry = new DevSchemaRegistry(kafka.bootstrapServers(), topic).start(0);
        HttpSchemaRegistryClient fresh = new HttpSchemaRegistryClient(SchemaRegistryConfig.of(registry.url()));

        assertThat(fresh.schemaById(id1)).isEqualTo(V1);
        assertThat(fresh.schemaById(id2)).isEqualTo(V2);
        assertThat(fresh.versions("users-value")).containsExactly(1, 2);
        assertThat(json.readTree(get("/config/users-value").body()).path("compatibilityLevel").asText()).isEqualTo("FULL");
        Schema other = parse("{\"type\":\"record\",\"name\":\"Other\",\"fields\":[]}");
        assertThat(fresh.register("other-value", other)).isEqualTo(id2 + 1);
    }

    @Test
    void shouldReportAnUnknownSubjectToTheClientAsNotFound() {
        assertThatThrownBy(() -> client.latest("nobody-value"))
                .isInstanceOf(SchemaRegistryException.class)
                .satisfies(e -> assertThat(((SchemaRegistryException) e).errorCode()).isEqualTo(40401));
    }

    private void assertError(HttpResponse<String> response, int status, int code) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("error_code").asInt()).as(response.body()).isEqualTo(code);
        assertThat(body.path("message").asText()).isNotBlank();
    }

    private String body(Schema schema) {
        return json.createObjectNode().put("schema", schema.toString()).toString();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(registry.url() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(registry.url() + path))
                .header("Content-Type", HttpSchemaRegistryClient.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> put(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(registry.url() + path))
                .header("Content-Type", HttpSchemaRegistryClient.CONTENT_TYPE)
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static Schema parse(String text) {
        return new Schema.Parser().parse(text);
    }
}
