package dev.arbiter.authority.verify.internal;

import dev.arbiter.authority.verify.AdvisoryVerifier;
import dev.arbiter.authority.verify.Candidate;
import dev.arbiter.authority.verify.Finding;
import dev.arbiter.authority.verify.Location;
import dev.arbiter.authority.verify.Verdict;
import dev.arbiter.authority.verify.Verifier;
import dev.arbiter.core.FailureMode;
import java.util.Objects;

/** The one place where a verifier that throws or returns null is turned into a failing verdict (fail closed). */
public class GuardedVerifier implements Verifier {

    private final Verifier delegate;
    private final String id;

    GuardedVerifier(Verifier delegate) {
        this.delegate = delegate;
        this.id = VerifierIds.require(Objects.requireNonNull(delegate, "verifier").id());
    }

    /** Returns the verifier guarded; advisory verifiers stay advisory; guarded verifiers are returned as they are. */
    public static Verifier of(Verifier verifier) {
        Objects.requireNonNull(verifier, "verifier");
        if (verifier instanceof GuardedVerifier) {
            return verifier;
        }
        return verifier instanceof AdvisoryVerifier ? new Advisory(verifier) : new GuardedVerifier(verifier);
    }

    /** Returns whether the verifier (guarded or not) is advisory. */
    public static boolean isAdvisory(Verifier verifier) {
        return verifier instanceof AdvisoryVerifier;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Verdict verify(Candidate candidate) {
        Verdict verdict;
        try {
            verdict = delegate.verify(candidate);
        } catch (VirtualMachineError e) {
            if (!(e instanceof StackOverflowError)) {
                throw e;
            }
            return error("overflowed the stack (" + e.getClass().getName() + ")");
        } catch (Exception | LinkageError | AssertionError e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return error("threw " + e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
        if (verdict == null) {
            return error("returned null instead of a verdict");
        }
        return verdict;
    }

    private Verdict error(String what) {
        return Verdict.fail(id, Finding.of(id, FailureMode.VERIFIER_ERROR, Location.whole(),
                "verifier '" + id + "' " + what,
                "This is a fault of the verifier, not of the output: do not change the output because of it."));
    }

    @Override
    public String toString() {
        return "Guarded[" + delegate + "]";
    }

    private static final class Advisory extends GuardedVerifier implements AdvisoryVerifier {
        Advisory(Verifier delegate) {
            super(delegate);
        }
    }
}
