package dev.arbiter.eval;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.api.Test;

/** The module rules of the architecture plan, checked on the eval module's production classes. */
class ArchitectureTest {

    private static final JavaClasses EVAL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.arbiter.eval");

    @Test
    void theImportHoldsTheProductionClasses() {
        assertThat(EVAL.contain(EvalHarness.class)).isTrue();
        assertThat(EVAL.contain(ArchitectureTest.class)).isFalse();
    }

    @Test
    void evalImportsOnlyCoreAndAuthorityAmongArbiterModules() {
        noClasses().should().dependOnClassesThat(resideInAPackage("dev.arbiter..")
                        .and(not(resideInAnyPackage("dev.arbiter.eval..", "dev.arbiter.core..",
                                "dev.arbiter.authority.."))))
                .because("eval evaluates any function: it never imports workflow, steering or the cli")
                .check(EVAL);
    }

    @Test
    void evalDoesNotUseCoreInternals() {
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.arbiter.core.internal..").check(EVAL);
    }

    @Test
    void onlyTheJunitPackageUsesJunit() {
        noClasses().that().resideOutsideOfPackage("dev.arbiter.eval.junit..")
                .should().dependOnClassesThat().resideInAPackage("org.junit..")
                .because("JUnit is an optional dependency: only the extension may need it").check(EVAL);
    }

    @Test
    void packagesHaveNoCycles() {
        SlicesRuleDefinition.slices().matching("dev.arbiter.eval.(*)..").should().beFreeOfCycles().check(EVAL);
    }
}
