package dev.arbiter.steering;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ModuleRulesTest {

    private static final JavaClasses STEERING = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.arbiter.steering");

    @Test
    void steeringNeverImportsAuthorityOrWorkflow() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.arbiter.authority..",
                "dev.arbiter.workflow..", "dev.arbiter.eval..", "dev.arbiter.cli..").check(STEERING);
    }

    @Test
    void publicPackagesDoNotExposeCoreInternals() {
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.arbiter.core.internal..").check(STEERING);
    }
}
