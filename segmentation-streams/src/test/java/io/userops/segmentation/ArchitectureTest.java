package io.userops.segmentation;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The lifecycle and tag rules are plain Java (tags also use DataSketches): no Kafka, no Avro, no HTTP, no YAML, and
 * no clock of their own.
 */
@AnalyzeClasses(packages = "io.userops.segmentation", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule lifecycleRulesImportOnlyTheJdk = classes()
            .that().resideInAPackage("io.userops.segmentation.lifecycle..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.userops.segmentation.lifecycle..");

    @ArchTest
    static final ArchRule lifecycleRulesNeverReadTheClock = noClasses()
            .that().resideInAPackage("io.userops.segmentation.lifecycle..")
            .should().callMethod(java.time.Instant.class, "now")
            .orShould().callMethod(System.class, "currentTimeMillis");

    @ArchTest
    static final ArchRule tagRulesImportOnlyTheJdkAndDataSketches = classes()
            .that().resideInAPackage("io.userops.segmentation.tags..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.apache.datasketches..",
                    "io.userops.segmentation.tags..");

    @ArchTest
    static final ArchRule tagRulesNeverReadTheClock = noClasses()
            .that().resideInAPackage("io.userops.segmentation.tags..")
            .should().callMethod(java.time.Instant.class, "now")
            .orShould().callMethod(System.class, "currentTimeMillis");

    @ArchTest
    static final ArchRule theTopologyDoesNotDependOnTheQueryApi = noClasses()
            .that().resideInAPackage("io.userops.segmentation.streams..")
            .should().dependOnClassesThat().resideInAnyPackage("io.userops.segmentation.http..", "io.javalin..");
}
