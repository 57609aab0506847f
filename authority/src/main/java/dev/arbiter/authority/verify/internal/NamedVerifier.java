package dev.arbiter.authority.verify.internal;

import dev.arbiter.authority.verify.Candidate;
import dev.arbiter.authority.verify.Verdict;
import dev.arbiter.authority.verify.Verifier;
import java.util.Objects;
import java.util.function.Function;

/** A verifier made of an id and a function: what {@link Verifier#named} returns. */
public final class NamedVerifier implements Verifier {

    private final String id;
    private final Function<Candidate, Verdict> check;

    /** Creates the verifier; the id is checked by {@link VerifierIds#require}. */
    public NamedVerifier(String id, Function<Candidate, Verdict> check) {
        this.id = VerifierIds.require(id);
        this.check = Objects.requireNonNull(check, "check");
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Verdict verify(Candidate candidate) {
        return check.apply(candidate);
    }

    @Override
    public String toString() {
        return "Verifier[" + id + "]";
    }
}
