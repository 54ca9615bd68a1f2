package io.userops.segmentation;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The rules are plain Java (tags also use DataSketches): no Kafka, no Avro, no HTTP, no YAML, and no
 * clock of their own. Each pure package stands alone, so it can be read and tested by itself.
 */
@AnalyzeClasses(packages = "io.userops.segmentation", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    static final String[] PURE = {"io.userops.segmentation.lifecycle..", "io.userops.segmentation.identity..",
        "io.userops.segmentation.profile..", "io.userops.segmentation.tags.."};

    @ArchTest
    static final ArchRule lifecycleRulesImportOnlyTheJdk = pureJava("lifecycle");

    @ArchTest
    static final ArchRule identityRulesImportOnlyTheJdk = pureJava("identity");

    @ArchTest
    static final ArchRule profileRulesImportOnlyTheJdk = pureJava("profile");

    @ArchTest
    static final ArchRule tagRulesImportOnlyTheJdkAndDataSketches = classes()
            .that().resideInAPackage("io.userops.segmentation.tags..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.apache.datasketches..",
                    "io.userops.segmentation.tags..");

    @ArchTest
    static final ArchRule rulesNeverReadTheClock = noClasses()
            .that().resideInAnyPackage(PURE)
            .should().callMethod(java.time.Instant.class, "now")
            .orShould().callMethod(System.class, "currentTimeMillis");

    @ArchTest
    static final ArchRule theTopologyDoesNotDependOnTheQueryApi = noClasses()
            .that().resideInAPackage("io.userops.segmentation.streams..")
            .should().dependOnClassesThat().resideInAnyPackage("io.userops.segmentation.http..", "io.javalin..");

    private static ArchRule pureJava(String name) {
        String pkg = "io.userops.segmentation." + name + "..";
        return classes().that().resideInAPackage(pkg).should().onlyDependOnClassesThat().resideInAnyPackage("java..", pkg);
    }
}
