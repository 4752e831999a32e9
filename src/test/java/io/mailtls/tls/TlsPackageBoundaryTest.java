package io.mailtls.tls;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The raw TLS engine is a leaf: it knows nothing of judgement, orchestration, reports or SMTP. */
class TlsPackageBoundaryTest {
    private static final JavaClasses TLS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.mailtls.tls");

    @Test
    void tlsPackagesStayLeaves() {
        noClasses().that().resideInAnyPackage("io.mailtls.tls.registry..", "io.mailtls.tls.wire..",
                        "io.mailtls.tls.probe..")
                .should().dependOnClassesThat().resideInAnyPackage("io.mailtls.check..", "io.mailtls.audit..",
                        "io.mailtls.report..", "io.mailtls.smtp..", "io.mailtls.cli..", "io.mailtls.lab..")
                .check(TLS);
    }

    @Test
    void registryAndWireNeverReachForProbes() {
        noClasses().that().resideInAnyPackage("io.mailtls.tls.registry..", "io.mailtls.tls.wire..")
                .should().dependOnClassesThat().resideInAPackage("io.mailtls.tls.probe..")
                .check(TLS);
        noClasses().that().resideInAPackage("io.mailtls.tls.registry..")
                .should().dependOnClassesThat().resideInAPackage("io.mailtls.tls.wire..")
                .check(TLS);
    }
}
