package dev.arbiter.authority;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.api.Test;

/**
 * The module rules of the architecture plan for the whole authority module: authority depends on core only
 * (never on steering, which tells the model what authority decides on), uses no core internals, and has no
 * cycles between its feature packages.
 */
class AuthorityArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.arbiter.authority");

    @Test
    void authorityNeverImportsSteeringOrTheLayersAboveIt() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("dev.arbiter.steering..", "dev.arbiter.workflow..", "dev.arbiter.eval..",
                        "dev.arbiter.cli..", "dev.arbiter.examples..")
                .check(CLASSES);
    }

    @Test
    void authorityDoesNotUseCoreInternals() {
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.arbiter.core.internal..").check(CLASSES);
    }

    @Test
    void theFeaturePackagesHaveNoCycles() {
        SlicesRuleDefinition.slices().matching("dev.arbiter.authority.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
