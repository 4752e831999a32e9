package io.mailtls.lab;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The lab is an independent opponent: it uses none of mailtls's checking or client code. */
class LabIndependenceTest {

    @Test
    void labDependsOnlyOnItselfTheJdkBouncyCastleAndSlf4j() {
        JavaClasses lab = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.mailtls.lab");
        classes().that().resideInAPackage("io.mailtls.lab..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("io.mailtls.lab..", "java..", "javax..", "org.bouncycastle..", "org.slf4j..",
                        // DNS messages for the lab DNS, our raw TLS parser and names for recording senders, JSON.
                        "org.xbill.DNS..", "com.sun.net.httpserver..", "io.mailtls.tls.wire..", "io.mailtls.tls.registry..",
                        "tools.jackson..")
                .check(lab);
    }
}
