package io.userops.trigger.deliver;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Retrying, scheduling and the webhook and SMTP adapters know nothing of Kafka; only the loop and the outbox do. */
class DeliveryBoundariesTest {

    static final JavaClasses DELIVERY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.userops.trigger.deliver");

    @Test
    void shouldKeepKafkaOutOfEverythingButTheLoopAndTheOutbox() {
        noClasses().that().resideInAPackage("io.userops.trigger.deliver")
                .and().doNotBelongToAnyOf(DeliveryLoop.class, KafkaOutboxAdapter.class)
                .should().dependOnClassesThat().resideInAPackage("org.apache.kafka..")
                .check(DELIVERY);
    }
}
