package io.userops.trigger;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The campaign policy is plain Java over the expression language: no Kafka, no Avro, no YAML, no HTTP, and no
 * clock of its own ({@code now} is always an argument), so it can be read and tested by itself.
 */
@AnalyzeClasses(packages = "io.userops.trigger", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    static final String CAMPAIGN = "io.userops.trigger.campaign..";

    @ArchTest
    static final ArchRule campaignPolicyImportsOnlyTheJdkAndTheExpressions = classes()
            .that().resideInAPackage(CAMPAIGN)
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", CAMPAIGN, "io.userops.rules.segments..");

    @ArchTest
    static final ArchRule campaignPolicyNeverReadsTheClock = noClasses()
            .that().resideInAPackage(CAMPAIGN)
            .should().callMethodWhere(target(name("now")).and(target(owner(resideInAPackage("java.time..")))))
            .orShould().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(System.class, "nanoTime")
            .orShould().dependOnClassesThat().areAssignableTo(java.time.Clock.class);
}
