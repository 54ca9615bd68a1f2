package io.userops.trigger.template;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Templates know mustache.java and the campaign model's channel and texts, nothing of Kafka, the disk or the clock. */
@AnalyzeClasses(packages = "io.userops.trigger.template", importOptions = ImportOption.DoNotIncludeTests.class)
class TemplatePackageTest {

    @ArchTest
    static final ArchRule templatesImportOnlyTheJdkMustacheAndTheCampaignTexts = classes()
            .that().resideInAPackage("io.userops.trigger.template..")
            .should().onlyDependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                    "the JDK, mustache.java, this package or the campaign model's Channel and TemplateText",
                    type -> type.getPackageName().startsWith("java.")
                            || type.getPackageName().startsWith("com.github.mustachejava")
                            || type.getPackageName().equals("io.userops.trigger.template")
                            || type.getName().equals("io.userops.trigger.campaign.Channel")
                            || type.getName().equals("io.userops.trigger.campaign.TemplateText")));

    @ArchTest
    static final ArchRule templatesReadNothingFromDisk = noClasses()
            .that().resideInAPackage("io.userops.trigger.template..")
            .should().dependOnClassesThat().resideInAnyPackage("java.nio.file..")
            .orShould().dependOnClassesThat().areAssignableTo(java.io.File.class)
            .orShould().dependOnClassesThat().areAssignableTo(java.io.FileInputStream.class);

    @ArchTest
    static final ArchRule templatesNeverReadTheClock = noClasses()
            .that().resideInAPackage("io.userops.trigger.template..")
            .should().callMethod(java.time.Instant.class, "now")
            .orShould().callMethod(System.class, "currentTimeMillis");
}
