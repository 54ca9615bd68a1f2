package io.userops.rules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The expression language is plain Java with no clock of its own; only the YAML reader knows YAML. */
@AnalyzeClasses(packages = "io.userops.rules", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule segmentExpressionsImportOnlyTheJdk = classes()
            .that().resideInAPackage("io.userops.rules.segments..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.userops.rules.segments..");

    @ArchTest
    static final ArchRule expressionsNeverReadTheClock = noClasses()
            .that().resideInAPackage("io.userops.rules.segments..")
            .should().callMethod(java.time.Instant.class, "now")
            .orShould().callMethod(System.class, "currentTimeMillis");

    @ArchTest
    static final ArchRule yamlReadingDoesNotKnowTheExpressions = noClasses()
            .that().resideInAPackage("io.userops.rules.yaml..")
            .should().dependOnClassesThat().resideInAPackage("io.userops.rules.segments..");
}
