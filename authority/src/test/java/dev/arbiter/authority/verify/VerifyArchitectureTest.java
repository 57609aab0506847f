package dev.arbiter.authority.verify;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The module rules, as they apply to the verification packages. */
class VerifyArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.arbiter.authority.verify");

    @Test
    void verificationNeverImportsSteeringOrTheLayersAboveIt() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("dev.arbiter.steering..", "dev.arbiter.workflow..", "dev.arbiter.eval..", "dev.arbiter.cli..")
                .check(CLASSES);
    }

    @Test
    void verificationDoesNotUseCoreInternals() {
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.arbiter.core.internal..").check(CLASSES);
    }

    @Test
    void theTestingHelperUsesOnlyThePublicApi() {
        noClasses().that().resideInAPackage("..verify.testing..")
                .should().dependOnClassesThat().resideInAPackage("..verify.internal..")
                .check(CLASSES);
    }
}
