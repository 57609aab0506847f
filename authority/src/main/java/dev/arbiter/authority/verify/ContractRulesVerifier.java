package dev.arbiter.authority.verify;

import dev.arbiter.authority.verify.internal.RuleEvaluator;
import dev.arbiter.authority.verify.internal.RuleOutcome;
import dev.arbiter.authority.verify.internal.VerifierIds;
import dev.arbiter.core.RuleCheck;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks every machine-checkable rule of an intent contract, so the contract's rules are checked and not only stated:
 * {@code ContractRulesVerifier.of(contract.checks())}.
 *
 * <p>Every rule is checked (none stops the others); each broken rule is one
 * {@link RuleVerifier#MODE SCHEMA_VIOLATION} finding whose message names the rule, so one repair can fix them all.
 * If no rule is broken but one cannot be decided mechanically, the verdict is {@link Verdict.HumanReview}. Each rule is
 * checked as {@link RuleVerifier} documents. Immutable and thread-safe.
 */
public final class ContractRulesVerifier implements Verifier {

    private final String id;
    private final List<RuleCheck> rules;

    private ContractRulesVerifier(String id, List<RuleCheck> rules) {
        this.id = VerifierIds.require(id);
        this.rules = List.copyOf(rules);
    }

    /** Returns a verifier of the rules with the id {@code contract-rules}. */
    public static ContractRulesVerifier of(List<RuleCheck> rules) {
        return new ContractRulesVerifier("contract-rules", rules);
    }

    /** Returns a verifier of the rules with the given id (e.g. {@code contract-rules:refund-letter}). */
    public static ContractRulesVerifier of(String id, List<RuleCheck> rules) {
        return new ContractRulesVerifier(id, rules);
    }

    /** Returns the rules, in order. */
    public List<RuleCheck> rules() {
        return rules;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Verdict verify(Candidate candidate) {
        List<Finding> findings = new ArrayList<>();
        List<String> undecided = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (RuleCheck rule : rules) {
            RuleOutcome outcome = RuleEvaluator.check(rule, candidate.text());
            if (outcome instanceof RuleOutcome.Broken) {
                RuleOutcome.Broken b = (RuleOutcome.Broken) outcome;
                findings.add(Finding.of(id, RuleVerifier.MODE, b.location(),
                        "rule '" + rule.describe() + "' is broken: " + b.message(), b.feedback()));
            } else if (outcome instanceof RuleOutcome.Undecided) {
                undecided.add("rule '" + rule.describe() + "': " + ((RuleOutcome.Undecided) outcome).reason());
            } else {
                notes.add("rule '" + rule.describe() + "' kept: " + ((RuleOutcome.Kept) outcome).note());
            }
        }
        if (!findings.isEmpty()) {
            return Verdict.fail(id, findings);
        }
        if (!undecided.isEmpty()) {
            return Verdict.humanReview(id, String.join("; ", undecided));
        }
        return Verdict.pass(id, notes.isEmpty() ? List.of("the contract has no machine-checkable rules") : notes);
    }
}
