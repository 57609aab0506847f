package dev.arbiter.authority.permission;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The permission package decides through core types and the provenance ledger only; it never sees steering. */
class PermissionArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.arbiter.authority.permission");

    @Test
    void permissionNeverImportsSteering() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.arbiter.steering..").check(CLASSES);
    }

    @Test
    void permissionDependsOnlyOnCoreProvenanceJacksonAndLangChain4j() {
        classes().that().resideInAPackage("dev.arbiter.authority.permission")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "dev.arbiter.authority.permission..", "dev.arbiter.authority.provenance",
                        "dev.arbiter.core..", "java..", "javax.sql..", "com.fasterxml.jackson..", "org.jspecify..",
                        "dev.langchain4j..")
                .check(CLASSES);
    }
}
