package io.userops.trigger.measure;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Measurement is arithmetic on counts: plain Java, no Kafka, no Avro, no clock. */
@AnalyzeClasses(packages = "io.userops.trigger.measure", importOptions = ImportOption.DoNotIncludeTests.class)
class MeasurePackageTest {

    @ArchTest
    static final ArchRule measurementImportsOnlyTheJdk = classes()
            .that().resideInAPackage("io.userops.trigger.measure..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.userops.trigger.measure..");

    @ArchTest
    static final ArchRule measurementNeverReadsTheClock = noClasses()
            .that().resideInAPackage("io.userops.trigger.measure..")
            .should().callMethod(java.time.Instant.class, "now")
            .orShould().callMethod(System.class, "currentTimeMillis")
            .orShould().dependOnClassesThat().areAssignableTo(java.time.Clock.class);
}
