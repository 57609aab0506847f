package dev.arbiter.authority.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.authority.verify.testing.VerifierTester;
import dev.arbiter.core.FailureMode;
import org.junit.jupiter.api.Test;

class VerifiersTest {

    private final Verifier ok = Verifier.named("ok", c -> Verdict.pass("ok"));

    @Test
    void guardedPassesThroughAVerdict() {
        assertThat(Verifiers.guarded(ok).verify(VerifierTester.of(ok).candidate())).isEqualTo(Verdict.pass("ok"));
    }

    @Test
    void guardedTurnsAnExceptionIntoAVerifierError() {
        Verifier throwing = Verifier.named("lookup", c -> {
            throw new IllegalArgumentException("no such key");
        });
        Verdict.Fail fail = (Verdict.Fail) Verifiers.guarded(throwing).verify(VerifierTester.of(ok).candidate());
        Finding f = fail.findings().get(0);
        assertThat(f.mode()).isEqualTo(FailureMode.VERIFIER_ERROR);
        assertThat(f.verifierId()).isEqualTo("lookup");
        assertThat(f.message()).isEqualTo("verifier 'lookup' threw java.lang.IllegalArgumentException: no such key");
        assertThat(f.feedback()).contains("not of the output");
    }

    @Test
    void guardedTurnsNullIntoAVerifierError() {
        VerifierTester.of(Verifier.named("lazy", c -> null))
                .fails(FailureMode.VERIFIER_ERROR, "verifier 'lazy' returned null instead of a verdict");
    }

    @Test
    void guardedTurnsAStackOverflowIntoAVerifierError() {
        VerifierTester.of(Verifier.named("deep", c -> {
            throw new StackOverflowError();
        })).fails(FailureMode.VERIFIER_ERROR, "overflowed the stack");
    }

    @Test
    void guardedDoesNotSwallowOutOfMemory() {
        Verifier hungry = Verifier.named("hungry", c -> {
            throw new OutOfMemoryError("test");
        });
        assertThatThrownBy(() -> Verifiers.guarded(hungry).verify(VerifierTester.of(ok).candidate()))
                .isInstanceOf(OutOfMemoryError.class);
    }

    @Test
    void guardingTwiceReturnsTheSameGuardAndKeepsAdvisoryVerifiersAdvisory() {
        Verifier guarded = Verifiers.guarded(ok);
        assertThat(Verifiers.guarded(guarded)).isSameAs(guarded);
        AdvisoryVerifier critique = new AdvisoryVerifier() {
            @Override
            public String id() {
                return "critique";
            }

            @Override
            public Verdict verify(Candidate candidate) {
                return Verdict.pass("critique");
            }
        };
        assertThat(Verifiers.guarded(critique)).isInstanceOf(AdvisoryVerifier.class);
        assertThat(Verifiers.guarded(ok)).isNotInstanceOf(AdvisoryVerifier.class);
    }
}
