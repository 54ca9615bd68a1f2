package io.userops.segmentation;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The lifecycle rules and the segment expression language are plain Java: no Kafka, no Avro, no HTTP, no YAML,
 * and no clock of their own.
 */
@AnalyzeClasses(packages = "io.userops.segmentation", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule lifecycleRulesImportOnlyTheJdk = classes()
            .that().resideInAPackage("io.userops.segmentation.lifecycle..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.userops.segmentation.lifecycle..");

    @ArchTest
    static final ArchRule identityRulesImportOnlyTheJdk = classes()
            .that().resideInAPackage("io.userops.segmentation.identity..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.userops.segmentation.identity..");

    @ArchTest
    static final ArchRule profileRulesImportOnlyTheJdk = classes()
            .that().resideInAPackage("io.userops.segmentation.profile..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.userops.segmentation.profile..");

    @ArchTest
    static final ArchRule lifecycleRulesNeverReadTheClock = noClasses()
            .that().resideInAPackage("io.userops.segmentation.lifecycle..")
            .should().callMethod(java.time.Instant.class, "now")
            .orShould().callMethod(System.class, "currentTimeMillis");

    @ArchTest
    static final ArchRule segmentExpressionsImportOnlyTheJdk = classes()
            .that().resideInAPackage("io.userops.segmentation.segments..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.userops.segmentation.segments..");

    @ArchTest
    static final ArchRule segmentExpressionsNeverReadTheClock = noClasses()
            .that().resideInAPackage("io.userops.segmentation.segments..")
            .should().callMethod(java.time.Instant.class, "now")
            .orShould().callMethod(System.class, "currentTimeMillis");

    @ArchTest
    static final ArchRule theTopologyDoesNotDependOnTheQueryApi = noClasses()
            .that().resideInAPackage("io.userops.segmentation.streams..")
            .should().dependOnClassesThat().resideInAnyPackage("io.userops.segmentation.http..", "io.javalin..");
}
