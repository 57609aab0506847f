package dev.arbiter.authority.verify;

import dev.arbiter.authority.verify.grounding.GroundingIssue;
import dev.arbiter.authority.verify.grounding.GroundingJudge;
import dev.arbiter.authority.verify.grounding.GroundingReport;
import dev.arbiter.authority.verify.grounding.SentenceJudgement;
import dev.arbiter.core.FailureMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Checks that free text (no citations) is supported by the evidence, sentence by sentence, with a local
 * {@link GroundingJudge}: numbers, names, negations, antonyms and swapped terms are compared against the best
 * matching evidence sentence. Each unsupported sentence is a {@link FailureMode#HALLUCINATION} finding located
 * at the sentence's span, naming what the evidence does not support and quoting the closest evidence, so a
 * repair can fix it.
 *
 * <p>A high-precision filter, not a proof: what it flags is usually wrong and it says why; what it passes is not
 * thereby proven right (see docs/verification.md, "Grounding", for the measured trade-off of the threshold).
 * Blank output passes with a note. Output longer than {@link #DEFAULT_MAX_CHARS} characters (change it with
 * {@link #withMaxChars}) fails with one {@link FailureMode#SCHEMA_VIOLATION} finding before any sentence is judged,
 * so one verification stays bounded in time and memory. Immutable and thread-safe.
 *
 * <pre>{@code
 * Verifier grounding = GroundingVerifier.create();                       // threshold 0.5
 * Verifier strict = GroundingVerifier.of(GroundingJudge.builder().threshold(0.4).build());
 * }</pre>
 */
public final class GroundingVerifier implements Verifier {

    /** The id of the verifier built by {@link #create()}. */
    public static final String ID = "grounding";

    /** The longest output judged by default, in characters (judging 200,000 characters takes well under a second). */
    public static final int DEFAULT_MAX_CHARS = 200_000;

    private final String id;
    private final GroundingJudge judge;
    private final int maxChars;

    private GroundingVerifier(String id, GroundingJudge judge, int maxChars) {
        this.id = Objects.requireNonNull(id, "id");
        this.judge = Objects.requireNonNull(judge, "judge");
        if (maxChars <= 0) {
            throw new IllegalArgumentException("maxChars must be positive, was " + maxChars);
        }
        this.maxChars = maxChars;
    }

    /** Returns a verifier with the default judge (lexical signals, default weights and threshold). */
    public static GroundingVerifier create() {
        return of(GroundingJudge.builder().build());
    }

    /** Returns a verifier with the given judge. */
    public static GroundingVerifier of(GroundingJudge judge) {
        return new GroundingVerifier(ID, judge, DEFAULT_MAX_CHARS);
    }

    /** Returns a copy with another id, e.g. to run two thresholds side by side. */
    public GroundingVerifier withId(String newId) {
        return new GroundingVerifier(newId, judge, maxChars);
    }

    /** Returns a copy that judges output of at most {@code newMaxChars} characters; must be positive. */
    public GroundingVerifier withMaxChars(int newMaxChars) {
        return new GroundingVerifier(id, judge, newMaxChars);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Verdict verify(Candidate candidate) {
        String text = candidate.text();
        if (text.length() > maxChars) {
            return Verdict.fail(id, List.of(Finding.of(id, FailureMode.SCHEMA_VIOLATION, Location.whole(),
                    "output has " + text.length() + " characters, more than the limit of " + maxChars
                            + " for grounding", "Answer in at most " + maxChars + " characters.")));
        }
        if (text.isBlank()) {
            return Verdict.pass(id, List.of("no text to ground"));
        }
        GroundingReport report = judge.judge(text, candidate.evidence().sources());
        if (report.supported()) {
            return Verdict.pass(id, List.of(String.format(Locale.ROOT, "%d sentences supported; lowest score %.3f (threshold %.3f)",
                    report.sentences().size(), report.score(), judge.threshold())));
        }
        List<Finding> findings = new ArrayList<>();
        for (SentenceJudgement s : report.unsupported()) {
            findings.add(Finding.of(id, FailureMode.HALLUCINATION, Location.span(s.start(), s.end()),
                    "unsupported by the evidence: \"" + s.text() + "\"" + issues(s, "; "),
                    feedback(s)));
        }
        return Verdict.fail(id, findings);
    }

    private static String issues(SentenceJudgement s, String separator) {
        if (s.issues().isEmpty()) {
            return "";
        }
        return " (" + s.issues().stream().map(GroundingIssue::message).collect(Collectors.joining(separator)) + ")";
    }

    private static String feedback(SentenceJudgement s) {
        StringBuilder f = new StringBuilder("The sentence \"").append(s.text())
                .append("\" is not supported by the evidence");
        f.append(issues(s, "; ")).append(". State only what the evidence says, or remove the sentence.");
        s.bestSupport().ifPresent(span -> f.append(" The closest evidence (source ").append(span.sourceId())
                .append(") says: \"").append(span.text()).append("\""));
        return f.toString();
    }
}
