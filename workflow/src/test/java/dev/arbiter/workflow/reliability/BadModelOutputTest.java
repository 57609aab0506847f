package dev.arbiter.workflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.authority.verify.Candidate;
import dev.arbiter.authority.verify.CitationVerifier;
import dev.arbiter.authority.verify.GroundingVerifier;
import dev.arbiter.authority.verify.JsonSchemaVerifier;
import dev.arbiter.authority.verify.RuleVerifier;
import dev.arbiter.authority.verify.Verdict;
import dev.arbiter.authority.verify.Verifier;
import dev.arbiter.authority.verify.Verifiers;
import dev.arbiter.core.Evidence;
import dev.arbiter.core.Generation;
import dev.arbiter.core.GenerationRequest;
import dev.arbiter.core.Message;
import dev.arbiter.core.Source;
import dev.arbiter.core.Trust;
import dev.arbiter.core.RuleCheck;
import dev.arbiter.workflow.Fixtures;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class BadModelOutputTest {

    static final Evidence EVIDENCE = Evidence.of(Source.of("invoice", "Invoice INV-1 from Borealis. The total is 12.",
            Trust.TRUSTED));
    static final GenerationRequest REQUEST = GenerationRequest.builder().addMessage(Message.user("Extract."))
            .responseSchema(Fixtures.INVOICE_SCHEMA).build();

    static List<Verifier> verifiers() {
        return List.of(JsonSchemaVerifier.create(), CitationVerifier.create(), GroundingVerifier.create(),
                RuleVerifier.forbiddenTerms("password"), RuleVerifier.mustMatch("INV-[0-9]+"),
                RuleVerifier.language("en"));
    }

    static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    @Test
    void probe() {
        for (BadOutputs.Bad bad : BadOutputs.named()) {
            for (Verifier v : verifiers()) {
                Candidate c = Candidate.of(Generation.ofText(bad.text()), REQUEST, EVIDENCE);
                long a0 = allocated();
                long t0 = System.nanoTime();
                Verdict verdict = Verifiers.guarded(v).verify(c);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                long mb = (allocated() - a0) >> 20;
                String what = verdict instanceof Verdict.Fail f ? "FAIL " + f.findings().get(0).mode() + " "
                        + abbreviate(f.findings().get(0).message()) : verdict.getClass().getSimpleName();
                System.out.printf("PROBE %-45s %-22s %6d ms %6d MB %s%n", bad.name(), v.id(), ms, mb, what);
            }
        }
    }

    static String abbreviate(String s) {
        return s.length() > 140 ? s.substring(0, 140) + "…" : s;
    }
}
