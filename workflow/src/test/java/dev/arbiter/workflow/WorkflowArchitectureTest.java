package dev.arbiter.workflow;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.api.Test;

/**
 * The module rules of the architecture plan for workflow: it builds on core, steering and authority only,
 * uses none of their internals, and its packages have no cycles.
 */
class WorkflowArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.arbiter.workflow");

    @Test
    void workflowImportsOnlyCoreSteeringAndAuthority() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("dev.arbiter.eval..", "dev.arbiter.cli..", "dev.arbiter.examples..",
                        "dev.arbiter.benchmarks..")
                .check(CLASSES);
    }

    @Test
    void workflowUsesNoInternalsOfOtherModules() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("dev.arbiter.core.internal..", "dev.arbiter.steering..internal..",
                        "dev.arbiter.authority..internal..")
                .check(CLASSES);
    }

    @Test
    void workflowPackagesHaveNoCycles() {
        SlicesRuleDefinition.slices().matching("dev.arbiter.workflow.(*)..").should().beFreeOfCycles()
                .check(CLASSES);
    }
}
