package io.userops.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchemaRegistryStateTest {

    static final Schema V1 = parse("""
            {"type":"record","name":"User","namespace":"t","fields":[{"name":"id","type":"string"}]}""");
    static final Schema V2_WITH_DEFAULT = parse("""
            {"type":"record","name":"User","namespace":"t","fields":[{"name":"id","type":"string"},
              {"name":"city","type":["null","string"],"default":null}]}""");
    static final Schema V2_WITHOUT_DEFAULT = parse("""
            {"type":"record","name":"User","namespace":"t","fields":[{"name":"id","type":"string"},
              {"name":"age","type":"int"}]}""");
    static final Schema V3_DROPS_ID = parse("""
            {"type":"record","name":"User","namespace":"t","fields":[
              {"name":"city","type":["null","string"],"default":null}]}""");

    private final SchemaRegistryState state = new SchemaRegistryState(Compatibility.BACKWARD);

    @Test
    void shouldGiveTheFirstSchemaVersionOneAndIdOne() {
        RegisteredSchema registered = state.register("users-value", V1);

        assertThat(registered.version()).isEqualTo(1);
        assertThat(registered.id()).isEqualTo(1);
        assertThat(state.versions("users-value")).containsExactly(1);
        assertThat(state.schemaById(1)).isEqualTo(V1);
    }

    @Test
    void shouldAnswerTheExistingVersionWhenTheSameSchemaIsRegisteredAgain() {
        state.register("users-value", V1);

        var again = state.plan("users-value", parse(V1.toString(true)));

        assertThat(again).isInstanceOf(SchemaRegistryState.Existing.class);
        assertThat(again.schema().version()).isEqualTo(1);
        assertThat(state.versions("users-value")).containsExactly(1);
    }

    @Test
    void shouldShareOneIdForTheSameSchemaUnderTwoSubjects() {
        RegisteredSchema a = state.register("a-value", V1);
        RegisteredSchema b = state.register("b-value", V1);

        assertThat(b.id()).isEqualTo(a.id());
        assertThat(b.version()).isEqualTo(1);
        assertThat(state.usagesOf(a.id())).extracting(RegisteredSchema::subject).containsExactly("a-value", "b-value");
    }

    @Test
    void shouldAcceptAnOptionalFieldWithADefaultAsTheNextVersionWithANewId() {
        state.register("users-value", V1);

        RegisteredSchema v2 = state.register("users-value", V2_WITH_DEFAULT);

        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.id()).isEqualTo(2);
        assertThat(state.latest("users-value").schema()).isEqualTo(V2_WITH_DEFAULT);
    }

    @Test
    void shouldRefuseANewFieldWithoutDefaultUnderBackwardNamingTheField() {
        state.register("users-value", V1);

        assertThatThrownBy(() -> state.register("users-value", V2_WITHOUT_DEFAULT))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("users-value")
                .hasMessageContaining("READER_FIELD_MISSING_DEFAULT_VALUE")
                .hasMessageContaining("age")
                .satisfies(e -> assertThat(((IncompatibleSchemaException) e).httpStatus()).isEqualTo(409));
        assertThat(state.versions("users-value")).containsExactly(1);
    }

    @ParameterizedTest(name = "{0}: v1 -> v2 without default allowed={1}")
    @CsvSource({"NONE, true", "BACKWARD, false", "FORWARD, true", "FULL, false"})
    void shouldApplyTheSubjectsCompatibilityLevel(Compatibility level, boolean allowed) {
        state.register("users-value", V1);
        state.setCompatibility("users-value", level);

        assertThat(state.violations("users-value", V2_WITHOUT_DEFAULT).isEmpty()).isEqualTo(allowed);
    }

    @Test
    void shouldCheckEveryEarlierVersionOnlyWhenTransitive() {
        Schema v2AgeWithDefault = parse("""
                {"type":"record","name":"User","namespace":"t","fields":[{"name":"id","type":"string"},
                  {"name":"age","type":"int","default":0}]}""");
        state.register("users-value", V1);
        state.register("users-value", v2AgeWithDefault);

        // v3 reads v2 data (age is there) but not v1 data (no age, no default).
        assertThat(state.violations("users-value", V2_WITHOUT_DEFAULT)).isEmpty();
        state.setCompatibility("users-value", Compatibility.BACKWARD_TRANSITIVE);
        assertThat(state.violations("users-value", V2_WITHOUT_DEFAULT))
                .singleElement().asString().contains("READER_FIELD_MISSING_DEFAULT_VALUE").contains("age");
    }

    @Test
    void shouldReportUnknownSubjectsVersionsAndIdsWithConfluentErrorCodes() {
        state.register("users-value", V1);

        assertThatThrownBy(() -> state.versions("nobody-value"))
                .satisfies(e -> assertThat(((SchemaRegistryException) e).errorCode()).isEqualTo(40401));
        assertThatThrownBy(() -> state.version("users-value", 9))
                .satisfies(e -> assertThat(((SchemaRegistryException) e).errorCode()).isEqualTo(40402));
        assertThatThrownBy(() -> state.schemaById(9))
                .satisfies(e -> assertThat(((SchemaRegistryException) e).errorCode()).isEqualTo(40403));
    }

    @Test
    void shouldRebuildTheSameIdsWhenStoredVersionsAreAppliedAgain() {
        RegisteredSchema a = state.register("a-value", V1);
        RegisteredSchema b = state.register("a-value", V2_WITH_DEFAULT);
        SchemaRegistryState replayed = new SchemaRegistryState(Compatibility.BACKWARD);

        replayed.apply(a);
        replayed.apply(b);
        replayed.apply(b);

        assertThat(replayed.versions("a-value")).containsExactly(1, 2);
        assertThat(replayed.register("c-value", V2_WITH_DEFAULT).id()).isEqualTo(b.id());
        assertThat(replayed.register("c-value", V3_DROPS_ID).id()).isEqualTo(3);
    }

    static Schema parse(String json) {
        return new Schema.Parser().parse(json);
    }
}
