package dev.arbiter.authority.provenance;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The provenance package stands on core alone: it keeps summaries of verdicts and permission decisions, never the
 * types of the verify and permission packages, so records stay readable as those types change.
 */
class ProvenanceArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.arbiter.authority.provenance");

    @Test
    void provenanceDependsOnlyOnCoreTheJdkJacksonAndLogging() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage(
                "dev.arbiter.authority.provenance..", "dev.arbiter.core", "java..", "javax.sql..",
                "com.fasterxml.jackson..", "org.jspecify..", "org.slf4j..")
                .check(CLASSES);
    }
}
