package io.userops.ingest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The rules of what an event is and when it happened stay free of Kafka and HTTP, tested without them. */
@AnalyzeClasses(packages = "io.userops.ingest", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule eventRulesAreFreeOfKafkaAndHttp = noClasses()
            .that().resideInAnyPackage("io.userops.ingest.events..", "io.userops.ingest.source..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "io.javalin..", "jakarta.servlet..",
                    "io.userops.ingest.kafka..", "io.userops.ingest.http..");
}
