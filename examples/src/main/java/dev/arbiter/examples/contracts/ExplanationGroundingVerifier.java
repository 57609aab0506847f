package dev.arbiter.examples.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.authority.verify.Candidate;
import dev.arbiter.authority.verify.Finding;
import dev.arbiter.authority.verify.Location;
import dev.arbiter.authority.verify.Verdict;
import dev.arbiter.authority.verify.Verifier;
import dev.arbiter.authority.verify.grounding.GroundingJudge;
import dev.arbiter.authority.verify.grounding.GroundingReport;
import dev.arbiter.authority.verify.grounding.SentenceJudgement;
import dev.arbiter.core.FailureMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Grounds the explanation of every clause: each sentence must be supported by the evidence (the contract), as
 * judged locally by a {@link GroundingJudge} (no model call). An unsupported sentence is a
 * {@link FailureMode#HALLUCINATION} at {@code /clauses/i/explanation} that quotes the sentence and the closest
 * passage of the contract, so a repair can fix it. Output that is not JSON passes with a note (the schema
 * verifier reports it). Immutable and thread-safe.
 */
public final class ExplanationGroundingVerifier implements Verifier {

    /** The verifier's id. */
    public static final String ID = "explanations-grounded";

    private final GroundingJudge judge;

    /** Returns a verifier with the judge's defaults. */
    public ExplanationGroundingVerifier() {
        this(GroundingJudge.builder().build());
    }

    /** Returns a verifier with this judge. */
    public ExplanationGroundingVerifier(GroundingJudge judge) {
        this.judge = judge;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Verdict verify(Candidate candidate) {
        Optional<JsonNode> parsed = ClauseLocationVerifier.clauses(candidate.text());
        if (parsed.isEmpty()) {
            return Verdict.pass(ID, List.of("not JSON; the schema check reports it"));
        }
        List<Finding> findings = new ArrayList<>();
        JsonNode clauses = parsed.get();
        int sentences = 0;
        for (int i = 0; i < clauses.size(); i++) {
            String explanation = clauses.get(i).path("explanation").asText("");
            if (explanation.isBlank()) {
                continue;
            }
            GroundingReport report = judge.judge(explanation, candidate.evidence().sources());
            sentences += report.sentences().size();
            for (SentenceJudgement s : report.unsupported()) {
                String closest = s.bestSupport().map(e -> "; closest in the contract: \"" + e.text() + "\"").orElse("");
                findings.add(Finding.of(ID, FailureMode.HALLUCINATION, Location.pointer("/clauses/" + i + "/explanation"),
                        "explanation of clause \"" + clauses.get(i).path("title").asText() + "\" is not supported by the "
                                + "contract: \"" + s.text() + "\"" + closest,
                        "Explain the risk only with what the contract says; rewrite or drop \"" + s.text() + "\"."));
            }
        }
        return findings.isEmpty() ? Verdict.pass(ID, List.of(sentences + " explanation sentences supported"))
                : Verdict.fail(ID, findings);
    }
}
