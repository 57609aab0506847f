package dev.arbiter.authority.verify;

import dev.arbiter.authority.verify.internal.RuleEvaluator;
import dev.arbiter.authority.verify.internal.RuleOutcome;
import dev.arbiter.authority.verify.internal.VerifierIds;
import dev.arbiter.core.FailureMode;
import dev.arbiter.core.RuleCheck;
import java.util.List;
import java.util.Objects;

/**
 * Checks one machine-checkable rule ({@link RuleCheck}) against the output text: a regular expression that must or
 * must not match, length bounds in words or characters, required or forbidden terms, the output's language, or its
 * format.
 *
 * <p>A broken rule is one {@link FailureMode#SCHEMA_VIOLATION} finding: the output breaks the form the contract asked
 * for, and the workflow repairs that kind of failure with the finding's feedback (e.g. "Shorten the output to at most
 * 100 words (it has 130)."). A rule that cannot be decided mechanically (a language the detector does not know, a text
 * too short to tell) gives {@link Verdict.HumanReview}, never a pass.
 *
 * <p>How each rule is checked:
 * <ul>
 *   <li>terms: case-insensitive, whole words where the term starts or ends with a letter or digit, any white space
 *       between the words of a term;</li>
 *   <li>words: white-space separated runs that contain a letter or digit; characters: Unicode code points;</li>
 *   <li>regular expressions: {@link java.util.regex.Pattern} {@code find}, bounded in the work they may do (a pattern
 *       that runs away fails closed);</li>
 *   <li>language: a function-word profile of English, German, French, Spanish, Italian, Portuguese and Dutch;</li>
 *   <li>format: JSON (one bare JSON value), Markdown (code fences closed, not bare JSON), plain text (no Markdown or
 *       HTML syntax).</li>
 * </ul>
 * Immutable and thread-safe.
 */
public final class RuleVerifier implements Verifier {

    /** The failure mode of a broken rule. */
    public static final FailureMode MODE = FailureMode.SCHEMA_VIOLATION;

    private final String id;
    private final RuleCheck rule;

    private RuleVerifier(String id, RuleCheck rule) {
        this.id = VerifierIds.require(id);
        this.rule = Objects.requireNonNull(rule, "rule");
    }

    /** Returns a verifier of the rule with the id {@code rule:} followed by the rule in words (at most 200 characters). */
    public static RuleVerifier of(RuleCheck rule) {
        String id = "rule:" + rule.describe().replaceAll("\\p{Cntrl}", " ");
        return new RuleVerifier(id.length() <= 200 ? id : id.substring(0, 197) + "...", rule);
    }

    /** Returns a verifier of the rule with the given id. */
    public static RuleVerifier of(String id, RuleCheck rule) {
        return new RuleVerifier(id, rule);
    }

    /** Returns a verifier that the output contains a match of the regular expression. */
    public static RuleVerifier mustMatch(String regex) {
        return of(new RuleCheck.MustMatch(regex));
    }

    /** Returns a verifier that the output contains no match of the regular expression. */
    public static RuleVerifier mustNotMatch(String regex) {
        return of(new RuleCheck.MustNotMatch(regex));
    }

    /** Returns a verifier of the output's length in words or characters, both bounds inclusive. */
    public static RuleVerifier length(RuleCheck.Length.Unit unit, int min, int max) {
        return of(RuleCheck.length(unit, min, max));
    }

    /** Returns a verifier that the output mentions every term. */
    public static RuleVerifier requiredTerms(String... terms) {
        return of(new RuleCheck.RequiredTerms(List.of(terms)));
    }

    /** Returns a verifier that the output mentions none of the terms. */
    public static RuleVerifier forbiddenTerms(String... terms) {
        return of(new RuleCheck.ForbiddenTerms(List.of(terms)));
    }

    /** Returns a verifier that the output is written in the language with the given ISO 639-1 code. */
    public static RuleVerifier language(String code) {
        return of(new RuleCheck.Language(code));
    }

    /** Returns a verifier of the output's format. */
    public static RuleVerifier format(RuleCheck.Format.OutputFormat format) {
        return of(new RuleCheck.Format(format));
    }

    /** Returns the rule this verifier checks. */
    public RuleCheck rule() {
        return rule;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Verdict verify(Candidate candidate) {
        RuleOutcome outcome = RuleEvaluator.check(rule, candidate.text());
        if (outcome instanceof RuleOutcome.Broken) {
            RuleOutcome.Broken b = (RuleOutcome.Broken) outcome;
            return Verdict.fail(id, Finding.of(id, MODE, b.location(), b.message(), b.feedback()));
        }
        if (outcome instanceof RuleOutcome.Undecided) {
            return Verdict.humanReview(id, "rule '" + rule.describe() + "': " + ((RuleOutcome.Undecided) outcome).reason());
        }
        return Verdict.pass(id, List.of(((RuleOutcome.Kept) outcome).note()));
    }

    @Override
    public String toString() {
        return "RuleVerifier[" + id + "]";
    }
}
