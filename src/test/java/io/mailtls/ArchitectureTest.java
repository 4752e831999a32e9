package io.mailtls;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps the package boundaries of docs/ARCHITECTURE.md. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.mailtls");
    }

    @Test
    void leafPackagesKnowNothingOfJudgementOrOrchestration() {
        noClasses().that().resideInAnyPackage("io.mailtls.net..", "io.mailtls.smtp..", "io.mailtls.tls..",
                        "io.mailtls.cert..", "io.mailtls.dns..", "io.mailtls.policy..")
                .should().dependOnClassesThat().resideInAnyPackage("io.mailtls.check..", "io.mailtls.audit..",
                        "io.mailtls.report..", "io.mailtls.cli..", "io.mailtls.web..", "io.mailtls.scan..",
                        "io.mailtls.delivery..", "io.mailtls.lab..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void checksNeverTouchTheNetwork() {
        noClasses().that().resideInAPackage("io.mailtls.check..")
                .should().dependOnClassesThat().resideInAnyPackage("javax.net..", "io.mailtls.audit..",
                        "io.mailtls.report..")
                .check(classes);
        // The probe's result record is a fact; the probe engine itself (connections) is off limits.
        noClasses().that().resideInAPackage("io.mailtls.check..")
                .should().dependOnClassesThat(com.tngtech.archunit.core.domain.JavaClass.Predicates
                        .resideInAPackage("io.mailtls.tls.probe..")
                        .and(com.tngtech.archunit.base.DescribedPredicate.not(
                                com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName("TlsProfile"))))
                .check(classes);
        noClasses().that().resideInAPackage("io.mailtls.check..")
                .should().dependOnClassesThat().haveFullyQualifiedName("io.mailtls.smtp.SmtpSession")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.Socket")
                .check(classes);
    }

    @Test
    void theLabIsAnIndependentOpponent() {
        noClasses().that().resideInAPackage("io.mailtls.lab..")
                .should().dependOnClassesThat().resideInAnyPackage("io.mailtls.check..", "io.mailtls.audit..",
                        "io.mailtls.report..", "io.mailtls.smtp..", "io.mailtls.delivery..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void frontEndsDoNotDependOnEachOther() {
        noClasses().that().resideInAPackage("io.mailtls.web..")
                .should().dependOnClassesThat().resideInAnyPackage("io.mailtls.cli..", "io.mailtls.scan..")
                .allowEmptyShould(true).check(classes);
        noClasses().that().resideInAPackage("io.mailtls.scan..")
                .should().dependOnClassesThat().resideInAnyPackage("io.mailtls.cli..", "io.mailtls.web..")
                .allowEmptyShould(true).check(classes);
    }
}
