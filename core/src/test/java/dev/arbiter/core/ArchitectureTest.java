package dev.arbiter.core;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import dev.arbiter.core.architecturefixture.Encapsulated;
import dev.arbiter.core.testing.ScriptedGenerator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The architecture rules of the core module (the module table and rules of the architecture plan), checked
 * against its production classes, and each rule shown to fail against the deliberately broken classes in
 * {@code architecturefixture}.
 */
class ArchitectureTest {

    private static final String CORE = "dev.arbiter.core";
    private static final List<String> API_PACKAGES = List.of(CORE, CORE + ".langchain4j", CORE + ".testing");

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(CORE);

    /** Classes under {@code root} depend on no Arbiter package outside {@code root}. */
    static ArchRule dependsOnNoOtherArbiterModule(String root) {
        return noClasses().that().resideInAPackage(root + "..")
                .should().dependOnClassesThat(resideInAPackage("dev.arbiter..").and(not(resideInAPackage(root + ".."))))
                .because("core is the shared vocabulary: the other modules depend on it, never the reverse");
    }

    /** No cycle between any two packages under {@code root} (each package is its own slice, the root included). */
    static ArchRule hasNoPackageCycles(String root) {
        return SlicesRuleDefinition.slices().assignedFrom(eachPackageUnder(root)).should().beFreeOfCycles();
    }

    /** Public types of the API packages show no type of {@code internal} in a public or protected signature. */
    static ArchRule exposesNoInternalTypes(List<String> apiPackages, String internal) {
        return classes().that().arePublic().and().resideInAnyPackage(apiPackages.toArray(String[]::new))
                .should(exposeNoTypeFrom(internal))
                .because("implementations live in " + internal + " and may change in any release");
    }

    @Test
    void theProductionImportHoldsTheMainClassesAndNoTestClass() {
        assertThat(PRODUCTION.contain(ScriptedGenerator.class)).isTrue();
        assertThat(PRODUCTION.contain(GenerationRequest.class)).isTrue();
        assertThat(PRODUCTION.contain(ArchitectureTest.class)).isFalse();
        assertThat(PRODUCTION.contain(Encapsulated.class)).isFalse();
    }

    @Test
    void coreDependsOnNoOtherArbiterModule() {
        dependsOnNoOtherArbiterModule(CORE).check(PRODUCTION);
    }

    @Test
    void corePackagesHaveNoCycles() {
        hasNoPackageCycles(CORE).check(PRODUCTION);
    }

    @Test
    void thePublicApiExposesNoInternalType() {
        exposesNoInternalTypes(API_PACKAGES, CORE + ".internal..").check(PRODUCTION);
    }

    /** Each rule, run against classes that break it, reports exactly the classes that break it. */
    @Nested
    class EachRuleFailsWhenBroken {

        private static final String FIXTURE = CORE + ".architecturefixture";
        private final JavaClasses broken = new ClassFileImporter()
                .importPackages(FIXTURE, "dev.arbiter.architecturefixture");

        @Test
        void aDependencyOnAnotherModuleIsReported() {
            EvaluationResult result = dependsOnNoOtherArbiterModule(CORE).evaluate(broken);

            assertThat(result.hasViolation()).isTrue();
            assertThat(String.join("\n", result.getFailureReport().getDetails()))
                    .contains("UsesOtherModule")
                    .contains("dev.arbiter.architecturefixture.OtherModuleType")
                    .doesNotContain("Encapsulated");
        }

        @Test
        void aCycleBetweenTwoPackagesIsReported() {
            EvaluationResult result = hasNoPackageCycles(FIXTURE).evaluate(broken);

            assertThat(result.hasViolation()).isTrue();
            assertThat(String.join("\n", result.getFailureReport().getDetails()))
                    .contains(FIXTURE + ".cycle.a")
                    .contains(FIXTURE + ".cycle.b");
        }

        @Test
        void anInternalTypeInAPublicSignatureIsReported() {
            EvaluationResult result = exposesNoInternalTypes(List.of(FIXTURE), FIXTURE + ".internal..").evaluate(broken);

            assertThat(String.join("\n", result.getFailureReport().getDetails()))
                    .contains("LeakingReturn.hidden() returns")
                    .contains("LeakingGenericParameter.take(java.util.List) takes")
                    .contains("LeakingField.hidden has type")
                    .contains("LeakingSupertype extends or implements")
                    .doesNotContain("Encapsulated")
                    .doesNotContain("NotPublic");
        }
    }

    private static SliceAssignment eachPackageUnder(String root) {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass c) {
                String p = c.getPackageName();
                return p.equals(root) || p.startsWith(root + ".") ? SliceIdentifier.of(p) : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "each package under " + root;
            }
        };
    }

    private static ArchCondition<JavaClass> exposeNoTypeFrom(String internal) {
        return new ArchCondition<>("expose no type from " + internal + " in a public or protected signature") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                exposedTypes(c).forEach((where, types) -> types.stream()
                        .filter(resideInAPackage(internal))
                        .forEach(t -> events.add(SimpleConditionEvent.violated(c,
                                where + " " + t.getName() + " (" + c.getSimpleName() + ".java)"))));
            }
        };
    }

    /** The raw types each visible part of a class's signature involves, keyed by a description of the part. */
    private static Map<String, Set<JavaClass>> exposedTypes(JavaClass c) {
        Map<String, Set<JavaClass>> out = new LinkedHashMap<>();
        String name = c.getName();
        c.getSuperclass().ifPresent(s -> out.put(name + " extends or implements", s.getAllInvolvedRawTypes()));
        for (JavaType i : c.getInterfaces()) {
            out.merge(name + " extends or implements", i.getAllInvolvedRawTypes(), ArchitectureTest::union);
        }
        for (JavaField f : c.getFields()) {
            if (visible(f)) {
                out.put(name + "." + f.getName() + " has type", f.getType().getAllInvolvedRawTypes());
            }
        }
        for (JavaCodeUnit u : c.getCodeUnits()) {
            if (visible(u)) {
                String signature = name + "." + u.getName() + "(" + String.join(", ", u.getRawParameterTypes().stream()
                        .map(JavaClass::getName).toList()) + ")";
                out.put(signature + " returns", u.getReturnType().getAllInvolvedRawTypes());
                u.getParameterTypes().forEach(p -> out.merge(signature + " takes", p.getAllInvolvedRawTypes(),
                        ArchitectureTest::union));
                u.getThrowsClause().getTypes().forEach(t -> out.merge(signature + " throws", Set.of(t),
                        ArchitectureTest::union));
            }
        }
        return out;
    }

    private static boolean visible(JavaMember m) {
        Set<JavaModifier> modifiers = m.getModifiers();
        return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
    }

    private static Set<JavaClass> union(Set<JavaClass> a, Set<JavaClass> b) {
        Set<JavaClass> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }
}
