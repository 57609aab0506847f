package dev.arbiter.authority.verify.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.authority.verify.AdvisoryVerifier;
import dev.arbiter.authority.verify.Candidate;
import dev.arbiter.authority.verify.Finding;
import dev.arbiter.authority.verify.Location;
import dev.arbiter.authority.verify.Verdict;
import dev.arbiter.authority.verify.Verifier;
import dev.arbiter.authority.verify.Verifiers;
import dev.arbiter.authority.verify.testing.VerifierTester;
import dev.arbiter.core.FailureMode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@link Verifiers#allOf} combines verdicts. */
class CompositionTest {

    private final List<String> ran = new ArrayList<>();

    private Verifier passing(String id) {
        return Verifier.named(id, c -> {
            ran.add(id);
            return Verdict.pass(id, List.of("checked " + id));
        });
    }

    private Verifier failing(String id) {
        return Verifier.named(id, c -> {
            ran.add(id);
            return Verdict.fail(id, finding(id));
        });
    }

    private static Finding finding(String id) {
        return Finding.of(id, FailureMode.SCHEMA_VIOLATION, Location.whole(), id + " is broken", "Fix " + id + ".");
    }

    /** A scripted critique: advisory, with a fixed verdict. */
    private AdvisoryVerifier critique(String id, boolean pass) {
        return new AdvisoryVerifier() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public Verdict verify(Candidate candidate) {
                ran.add(id);
                return pass ? Verdict.pass(id) : Verdict.fail(id, Finding.of(id, FailureMode.HALLUCINATION,
                        Location.whole(), "critique found a problem", "Fix what the critique found."));
            }
        };
    }

    @Test
    void allPassingGivesAPassWithEveryNoteLabelled() {
        Verdict.Pass pass = VerifierTester.of(Verifiers.allOf(List.of(passing("a"), passing("b")), Verifiers.Mode.RUN_ALL))
                .passes();
        assertThat(pass.verifierId()).isEqualTo("all-of(a,b)");
        assertThat(pass.notes()).containsExactly("[a] passed", "[a] checked a", "[b] passed", "[b] checked b");
    }

    @Test
    void shortCircuitStopsAtTheFirstFailure() {
        Verdict.Fail fail = VerifierTester.of(Verifiers.allOf(List.of(passing("a"), failing("b"), failing("c")),
                Verifiers.Mode.SHORT_CIRCUIT)).fails(FailureMode.SCHEMA_VIOLATION, "b is broken");
        assertThat(fail.findings()).extracting(Finding::verifierId).containsExactly("b");
        assertThat(ran).containsExactly("a", "b");
    }

    @Test
    void runAllCollectsEveryFindingInOrder() {
        Verdict.Fail fail = VerifierTester.of(Verifiers.allOf(List.of(failing("a"), passing("b"), failing("c")),
                Verifiers.Mode.RUN_ALL)).fails(FailureMode.SCHEMA_VIOLATION);
        assertThat(fail.findings()).extracting(Finding::verifierId).containsExactly("a", "c");
        assertThat(ran).containsExactly("a", "b", "c");
    }

    @Test
    void aThrowingMemberFailsClosedNamingItAndTheException() {
        Verifier broken = Verifier.named("broken", c -> {
            throw new IllegalStateException("index missing");
        });
        Verdict.Fail fail = VerifierTester.of(Verifiers.allOf(List.of(passing("a"), broken), Verifiers.Mode.RUN_ALL))
                .fails(FailureMode.VERIFIER_ERROR, "verifier 'broken' threw java.lang.IllegalStateException: index missing");
        assertThat(fail.findings()).singleElement().extracting(Finding::verifierId).isEqualTo("broken");
    }

    @Test
    void failureOutranksHumanReviewAndReviewOutranksPass() {
        Verifier review = Verifier.named("review", c -> Verdict.humanReview("review", "amount over limit"));
        VerifierTester.of(Verifiers.allOf(List.of(review, failing("b")), Verifiers.Mode.RUN_ALL))
                .fails(FailureMode.SCHEMA_VIOLATION, "b is broken");
        Verdict.HumanReview r = VerifierTester.of(Verifiers.allOf(List.of(passing("a"), review), Verifiers.Mode.RUN_ALL))
                .asksForReview();
        assertThat(r.reason()).isEqualTo("[review] amount over limit");
    }

    @Test
    void critiquePassNeverOverridesADeterministicFailure() {
        Verifier composed = Verifiers.allOf(List.of(critique("critique", true), failing("schema")), Verifiers.Mode.RUN_ALL);
        Verdict.Fail fail = VerifierTester.of(composed).fails(FailureMode.SCHEMA_VIOLATION, "schema is broken");
        assertThat(fail.findings()).extracting(Finding::verifierId).containsExactly("schema");
        assertThat(ran).as("the critique is not even asked about a candidate a deterministic verifier failed")
                .containsExactly("schema");
    }

    @Test
    void critiqueRunsAfterTheDeterministicVerifiersWhateverTheOrderGiven() {
        VerifierTester.of(Verifiers.allOf(List.of(critique("critique", true), passing("schema")), Verifiers.Mode.SHORT_CIRCUIT))
                .passes();
        assertThat(ran).containsExactly("schema", "critique");
    }

    @Test
    void critiqueFailureFailsACandidateTheDeterministicVerifiersPassed() {
        Verdict.Fail fail = VerifierTester.of(Verifiers.allOf(List.of(passing("schema"), critique("critique", false)),
                Verifiers.Mode.RUN_ALL)).fails(FailureMode.HALLUCINATION, "critique found a problem");
        assertThat(fail.findings()).extracting(Finding::verifierId).containsExactly("critique");
    }

    @Test
    void critiquePassIsMarkedAdvisoryInTheNotes() {
        Verdict.Pass pass = VerifierTester.of(Verifiers.allOf(List.of(passing("schema"), critique("critique", true)),
                Verifiers.Mode.RUN_ALL)).passes();
        assertThat(pass.notes()).contains("[critique] passed (advisory)");
    }

    @Test
    void aCompositionOfCritiquesAloneIsRefused() {
        assertThatThrownBy(() -> Verifiers.allOf(List.of(critique("critique", true)), Verifiers.Mode.RUN_ALL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only advisory verifiers")
                .hasMessageContaining("never the decision");
    }

    @Test
    void duplicateIdsAndEmptyListsAreRefused() {
        assertThatThrownBy(() -> Verifiers.allOf(List.of(passing("a"), failing("a")), Verifiers.Mode.RUN_ALL))
                .hasMessageContaining("two verifiers with the id 'a'");
        assertThatThrownBy(() -> Verifiers.allOf("empty", List.of(), Verifiers.Mode.RUN_ALL))
                .hasMessageContaining("needs at least one verifier");
    }

    @Test
    void compositionsNestAndKeepEachFindingsVerifier() {
        Verifier inner = Verifiers.allOf("inner", List.of(passing("a"), failing("b")), Verifiers.Mode.RUN_ALL);
        Verifier outer = Verifiers.allOf("outer", List.of(inner, failing("c")), Verifiers.Mode.RUN_ALL);
        Verdict.Fail fail = VerifierTester.of(outer).fails(FailureMode.SCHEMA_VIOLATION);
        assertThat(fail.verifierId()).isEqualTo("outer");
        assertThat(fail.findings()).extracting(Finding::verifierId).containsExactly("b", "c");
    }
}
