package io.mailtls.lab;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The lab is an independent opponent: it uses none of mailtls's checking or client code. */
class LabIndependenceTest {

    private static final String[] OPPONENT = {"io.mailtls.lab..", "java..", "javax..", "org.bouncycastle..",
        "org.slf4j..",
        // The sender recorder reads ClientHellos with the wire parser and names codes with the registry. The
        // parser only observes: the bytes go to the JDK unchanged, so the lab's behaviour never depends on it.
        "io.mailtls.tls.wire..", "io.mailtls.tls.registry..",
        // The domain lab speaks DNS with dnsjava's message classes and serves policies with the JDK's HTTPS server.
        "org.xbill.DNS..", "com.sun.net.httpserver.."};

    @Test
    void labDependsOnlyOnItselfTheJdkBouncyCastleAndSlf4j() {
        JavaClasses lab = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.mailtls.lab");
        classes().that().resideInAPackage("io.mailtls.lab..")
                .and().resideOutsideOfPackage("io.mailtls.lab.record.sender..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(OPPONENT)
                .check(lab);
        // The recorder's JSON Lines also need Jackson.
        String[] recorder = java.util.Arrays.copyOf(OPPONENT, OPPONENT.length + 1);
        recorder[OPPONENT.length] = "tools.jackson..";
        classes().that().resideInAPackage("io.mailtls.lab.record.sender..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(recorder)
                .check(lab);
    }
}
